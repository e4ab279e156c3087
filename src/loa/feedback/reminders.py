"""Feedback deadlines by email: each unit's staff hear of unanswered feedback overdue or nearly due.

The lead's daily `loa reminders` command calls `send_feedback_reminders(on)`.
"""

from __future__ import annotations

import datetime as dt

from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from loa.accounts.models import Membership
from loa.accounts.permissions import Capability, roles_with
from loa.units.models import Unit

from .models import Feedback
from .queries import feedback_due_for

NEAR_DUE_DAYS = 2  # remind this many days before the deadline


def due_feedback(units: list[Unit], *, on: dt.date) -> list[Feedback]:
    """Unanswered feedback of `units`, overdue or due within NEAR_DUE_DAYS, earliest first."""
    return list(feedback_due_for(units, on=on, ahead_days=NEAR_DUE_DAYS).select_related("unit"))


def send_feedback_reminders(on: dt.date) -> int:
    """Mail each unit's reporters its overdue and nearly due feedback; returns the number of emails.

    Staff are those holding a REPORT role on the unit itself (as for report reminders).
    """
    memberships = (
        Membership.objects.filter(role__in=roles_with(Capability.REPORT), user__is_active=True)
        .exclude(user__email="")
        .select_related("unit", "user")
        .order_by("unit_id", "user__email")
    )
    recipients: dict[int, list[str]] = {}
    units: dict[int, Unit] = {}
    for membership in memberships:
        recipients.setdefault(membership.unit_id, []).append(membership.user.email)
        units[membership.unit_id] = membership.unit
    due: dict[int, list[Feedback]] = {}
    for feedback in due_feedback(list(units.values()), on=on):
        due.setdefault(feedback.unit_id, []).append(feedback)
    messages = []
    for unit_id, rows in due.items():
        lines = [
            _("%(code)s (%(topic)s): hạn trả lời %(due)s%(state)s")
            % {
                "code": f.code,
                "topic": f.get_topic_display(),
                "due": f.due_date.strftime("%d/%m/%Y"),
                "state": _(", đã quá hạn") if f.is_overdue_on(on) else "",
            }
            for f in rows
        ]
        overdue = sum(1 for f in rows if f.is_overdue_on(on))
        subject = _("[Loa] %(unit)s: %(n)s phản ánh cần trả lời (%(late)s quá hạn)") % {
            "unit": units[unit_id].name,
            "n": len(rows),
            "late": overdue,
        }
        messages.append((subject, "\n".join(lines), None, recipients[unit_id]))
    return send_mass_mail(tuple(messages), fail_silently=False) if messages else 0
