"""Who may run a unit's satisfaction surveys: those who may edit its plans (editors, admins)."""

from __future__ import annotations

from loa.accounts.permissions import AnyUser, Capability, has_capability
from loa.units.models import Unit


def can_manage_surveys(user: AnyUser, unit: Unit | int) -> bool:
    """Create, edit, open and close a unit's surveys and hand out its tokens."""
    return has_capability(user, unit, Capability.EDIT_PLAN)
