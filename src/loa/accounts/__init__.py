"""Users, their roles on units, and the permission rules every other app calls."""
