"""Operations: backing up and restoring a whole Loa installation (`loa backup`, `loa restore`)."""
