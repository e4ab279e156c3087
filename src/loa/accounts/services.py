"""Writes of users and memberships."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from loa.audit.models import Verb
from loa.audit.services import record_change
from loa.units.models import Unit

from .choices import Role
from .models import Membership, User
from .permissions import can_manage_unit, ensure, forget_scopes


@transaction.atomic
def grant_role(user: User, unit: Unit, role: Role, *, actor: Any) -> Membership:
    """Give `user` a role on `unit` (replacing any role they had there). Unit admins only."""
    ensure(actor is None or can_manage_unit(actor, unit))
    membership, _created = Membership.objects.update_or_create(user=user, unit=unit, defaults={"role": role})
    forget_scopes(user)
    record_change(
        actor=actor,
        unit=unit,
        verb=Verb.MEMBERSHIP_GRANTED,
        target=membership,
        summary=f"{user.username}: {role.label}",
        after={"user": user.username, "role": role.value},
    )
    return membership


@transaction.atomic
def revoke_role(membership: Membership, *, actor: Any) -> None:
    """Remove a membership. Unit admins only."""
    ensure(can_manage_unit(actor, membership.unit))
    record_change(
        actor=actor,
        unit=membership.unit,
        verb=Verb.MEMBERSHIP_REVOKED,
        target=membership,
        summary=f"{membership.user.username}: {membership.get_role_display()}",
        before={"user": membership.user.username, "role": membership.role},
    )
    forget_scopes(membership.user)
    membership.delete()
