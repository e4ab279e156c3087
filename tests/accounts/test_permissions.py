"""A role on a unit covers its subtree and the legacy units merged into it, nothing else."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from loa.accounts.choices import Role
from loa.accounts.permissions import (
    Capability,
    can_edit_plans,
    can_log_activity,
    can_manage_unit,
    can_view_unit,
    ensure,
    unit_ids_with,
)
from loa.accounts.queries import units_visible_to
from tests.accounts.conftest import Tree
from tests.accounts.factories import MembershipFactory, UserFactory


def visible_names(user: object) -> set[str]:
    return set(units_visible_to(user).values_list("name", flat=True))  # type: ignore[arg-type]


def test_province_role_covers_its_communes_and_merged_legacy_units(tree: Tree) -> None:
    # given
    user = MembershipFactory(unit=tree.province, role=Role.VIEWER).user
    # then
    assert visible_names(user) == {
        "Tỉnh Mới",
        "Phường Trung Tâm",
        "Xã Bên Cạnh",
        "Tỉnh Cũ",
        "Huyện Cũ",
        "Xã Cũ",
        "Xã Đã Sáp Nhập",
    }


def test_commune_role_covers_only_the_commune_and_what_merged_into_it(tree: Tree) -> None:
    user = MembershipFactory(unit=tree.commune, role=Role.EDITOR).user
    assert visible_names(user) == {"Phường Trung Tâm", "Huyện Cũ", "Xã Cũ", "Xã Đã Sáp Nhập"}
    assert not can_view_unit(user, tree.sibling)
    assert not can_view_unit(user, tree.province)
    assert not can_view_unit(user, tree.other_commune)
    assert not can_view_unit(user, tree.legacy_province)


@pytest.mark.parametrize(
    ("role", "view", "log", "edit", "manage"),
    [
        (Role.VIEWER, True, False, False, False),
        (Role.REPORTER, True, True, False, False),
        (Role.EDITOR, True, True, True, False),
        (Role.ADMIN, True, True, True, True),
    ],
)
def test_role_capabilities(tree: Tree, role: Role, view: bool, log: bool, edit: bool, manage: bool) -> None:
    user = MembershipFactory(unit=tree.province, role=role).user
    for unit in (tree.province, tree.commune, tree.legacy_commune):
        assert can_view_unit(user, unit) is view
        assert can_log_activity(user, unit) is log
        assert can_edit_plans(user, unit) is edit
        assert can_manage_unit(user, unit) is manage
    # and never outside the subtree, whatever the role
    assert not can_view_unit(user, tree.other_commune)
    assert not can_edit_plans(user, tree.other_province)


def test_roles_on_two_units_add_up(tree: Tree) -> None:
    user = UserFactory()
    MembershipFactory(user=user, unit=tree.commune, role=Role.EDITOR)
    MembershipFactory(user=user, unit=tree.other_province, role=Role.VIEWER)
    assert can_edit_plans(user, tree.commune)
    assert can_view_unit(user, tree.other_commune)
    assert not can_edit_plans(user, tree.other_commune)


def test_superuser_sees_everything_and_inactive_user_nothing(tree: Tree) -> None:
    admin = UserFactory(is_superuser=True)
    assert unit_ids_with(admin, Capability.VIEW) is None
    assert units_visible_to(admin).count() == 10
    inactive = MembershipFactory(unit=tree.province, role=Role.ADMIN, user__is_active=False).user
    assert units_visible_to(inactive).count() == 0
    assert not can_view_unit(inactive, tree.province)


def test_user_without_role_sees_nothing(tree: Tree) -> None:
    assert units_visible_to(UserFactory()).count() == 0


def test_ensure_raises_permission_denied_with_vietnamese_message() -> None:
    ensure(True)
    with pytest.raises(PermissionDenied, match="không có quyền"):
        ensure(False)
