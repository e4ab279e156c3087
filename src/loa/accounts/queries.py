"""Reads scoped by the permission rules: what a user may see or change."""

from __future__ import annotations

from django.db.models import QuerySet

from loa.units.models import Unit

from .permissions import AnyUser, Capability, unit_ids_with


def units_with(user: AnyUser, capability: Capability) -> QuerySet[Unit]:
    scope = unit_ids_with(user, capability)
    units: QuerySet[Unit] = Unit.objects.all()
    return units if scope is None else units.filter(pk__in=scope)


def units_visible_to(user: AnyUser) -> QuerySet[Unit]:
    """Units the user may read: those under a role of theirs, and legacy units merged into them."""
    return units_with(user, Capability.VIEW)


def units_editable_by(user: AnyUser) -> QuerySet[Unit]:
    """Units whose plans the user may write."""
    return units_with(user, Capability.EDIT_PLAN)
