"""Who may change a unit's procedure list.

EDIT_PLAN, not MANAGE_UNIT: keeping the public procedure list current is the work of
the unit's editors (the office staff who write the communication plan and run the
one-stop desk's notice board), the same people who publish the plan; MANAGE_UNIT is
reserved for granting access, which this list has nothing to do with.
"""

from __future__ import annotations

from loa.accounts.permissions import AnyUser, Capability, has_capability
from loa.units.models import Unit


def can_edit_procedures(user: AnyUser, unit: Unit | int) -> bool:
    return has_capability(user, unit, Capability.EDIT_PLAN)
