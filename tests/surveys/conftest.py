"""The unit tree of the permission tests (two communes of one province, another province)."""

from tests.accounts.conftest import tree  # noqa: F401  (the fixture, reused as is)
