"""Pure-Python Vietnamese text handling: folding, timing phrases, plan-document import.

Nothing in this package may import Django (enforced by import-linter).
"""
