"""Who may do what where: capabilities, unit scopes and `can_*` predicates.

A role held on a unit covers the unit's whole subtree (Wagtail-style), and also the
legacy units that were merged into that subtree in 2025, so a province's staff can
still open the pre-2025 plans of its former districts and communes. Views fetch
through the `*_visible_to` querysets (so "not yours" is a 404) and services call
`ensure(can_…)`; templates use the predicates only to hide buttons.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from loa.units.choices import Level
from loa.units.models import Unit

from .choices import Role

type AnyUser = AbstractBaseUser | AnonymousUser


class Capability(StrEnum):
    VIEW = "view"
    LOG_ACTIVITY = "log_activity"
    REPORT = "report"
    EDIT_PLAN = "edit_plan"
    MANAGE_UNIT = "manage_unit"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMIN: frozenset(Capability),
    Role.EDITOR: frozenset(
        {Capability.VIEW, Capability.LOG_ACTIVITY, Capability.REPORT, Capability.EDIT_PLAN}
    ),
    Role.REPORTER: frozenset({Capability.VIEW, Capability.LOG_ACTIVITY, Capability.REPORT}),
    Role.VIEWER: frozenset({Capability.VIEW}),
}

_CACHE_ATTR = "_loa_unit_scopes"


def roles_with(capability: Capability) -> list[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if capability in caps]


def unit_ids_with(user: AnyUser, capability: Capability) -> frozenset[int] | None:
    """Ids of the units where `user` has `capability`; None means every unit (superuser).

    Computed once per user object (that is, once per request) and cached on it.
    """
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if getattr(user, "is_superuser", False):
        return None
    cache: dict[Capability, frozenset[int] | None] = user.__dict__.setdefault(_CACHE_ATTR, {})
    if capability not in cache:
        cache[capability] = _compute_scope(user, capability)
    return cache[capability]


def forget_scopes(user: AnyUser) -> None:
    """Drop the cached scopes, after the user's memberships changed."""
    user.__dict__.pop(_CACHE_ATTR, None)


def _compute_scope(user: AnyUser, capability: Capability) -> frozenset[int] | None:
    user_id: Any = user.pk
    roots = dict(
        Unit.objects.filter(
            memberships__user_id=user_id, memberships__role__in=roles_with(capability)
        ).values_list("pk", "level")
    )
    if Level.NATIONAL in roots.values():
        # A role on the national root covers every unit: say so rather than list 14,000
        # ids into every query of the request.
        return None
    subtree = _subtrees(list(roots))
    if not subtree:
        return frozenset()
    # Legacy units merged into the subtree, plus hand-added legacy units (no successor
    # is known for them) hanging under those.
    merged = set(
        Unit.successors.through.objects.filter(to_unit_id__in=subtree).values_list("from_unit_id", flat=True)
    )
    unregistered = set(
        Unit.objects.filter(Q(parent_id__in=merged) & Q(is_registered=False)).values_list("pk", flat=True)
    )
    return frozenset(subtree | merged | unregistered)


def _subtrees(root_ids: list[int]) -> set[int]:
    """The roots and every unit below them, one query per tree level whatever the roots."""
    found = set(root_ids)
    frontier = list(root_ids)
    while frontier:
        children = Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        frontier = [pk for pk in children if pk not in found]
        found.update(frontier)
    return found


def has_capability(user: AnyUser, unit: Unit | int, capability: Capability) -> bool:
    """True if `user` holds a role granting `capability` on `unit` or on a unit covering it."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    scope = unit_ids_with(user, capability)
    return scope is None or unit_id in scope


def can_view_unit(user: AnyUser, unit: Unit | int) -> bool:
    return has_capability(user, unit, Capability.VIEW)


def can_edit_plans(user: AnyUser, unit: Unit | int) -> bool:
    return has_capability(user, unit, Capability.EDIT_PLAN)


def can_log_activity(user: AnyUser, unit: Unit | int) -> bool:
    return has_capability(user, unit, Capability.LOG_ACTIVITY)


def can_report(user: AnyUser, unit: Unit | int) -> bool:
    return has_capability(user, unit, Capability.REPORT)


def can_manage_unit(user: AnyUser, unit: Unit | int) -> bool:
    return has_capability(user, unit, Capability.MANAGE_UNIT)


def ensure(allowed: bool) -> None:
    """Raise PermissionDenied unless `allowed`; services call it before any write."""
    if not allowed:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
