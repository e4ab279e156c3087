"""The unit tree of the permission tests, and the people of commune B (`tree.sibling`)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from loa.accounts.choices import Role
from loa.accounts.models import User
from tests.accounts.conftest import Tree, tree  # noqa: F401  (the fixture, reused as is)
from tests.activities import member_of


@dataclass
class People:
    tree: Tree
    editor: User  # editor of commune B
    province_editor: User
    admin: User  # admin of commune B
    reporter: User  # reporter of commune B
    viewer: User  # viewer of the province
    outsider: User  # editor of commune A, same province


@pytest.fixture
def people(tree: Tree) -> People:  # noqa: F811
    return People(
        tree=tree,
        editor=member_of(tree.sibling, Role.EDITOR),
        province_editor=member_of(tree.province, Role.EDITOR),
        admin=member_of(tree.sibling, Role.ADMIN),
        reporter=member_of(tree.sibling, Role.REPORTER),
        viewer=member_of(tree.province, Role.VIEWER),
        outsider=member_of(tree.commune, Role.EDITOR),
    )
