"""Diacritic folding for Vietnamese text.

Matching across OCR damage, typing habits and databases needs one comparable form:
Unicode NFD, combining marks removed, `đ`→`d`, case-folded, whitespace collapsed.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[a-z0-9]+")


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics but keep case and punctuation ("Đắk Lắk" → "Dak Lak")."""
    decomposed = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def fold(text: str) -> str:
    """Lower-case, diacritic-free, whitespace-collapsed form used for comparisons."""
    return _SPACE_RE.sub(" ", strip_diacritics(text).casefold()).strip()


def fold_words(text: str) -> str:
    """Folded text reduced to its alphanumeric words joined by single spaces."""
    return " ".join(_WORD_RE.findall(fold(text)))
