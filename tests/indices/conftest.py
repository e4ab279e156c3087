"""The unit tree of `tests/accounts/conftest.py`, reused by the indices tests."""

from tests.accounts.conftest import Tree, tree  # noqa: F401  (the fixture, reused as is)
