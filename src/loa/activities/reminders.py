"""Reminders: what is due within a week or overdue, per unit, on the home page and by email.

`occurrences_to_remind` is what the home page shows; `send_daily_reminders` is the
daily job (`loa reminders`, or the `send_reminders` background task): it marks the
periods that ended unmet as missed, then mails each unit's members the list.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.core.mail import send_mass_mail
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from loa.accounts.models import Membership
from loa.accounts.permissions import Capability, roles_with
from loa.plans.choices import OccurrenceStatus, PlanStatus
from loa.plans.models import Occurrence

from .scheduling import mark_missed, today

logger = logging.getLogger(__name__)
WINDOW_DAYS = 7


def occurrences_to_remind(
    unit_ids: Collection[int], *, on: dt.date | None = None, days: int = WINDOW_DAYS
) -> QuerySet[Occurrence]:
    """Unmet periods of the units' issued plans that are overdue or due within `days`."""
    day = on or today()
    return (
        Occurrence.objects.filter(
            task__plan__unit_id__in=list(unit_ids),
            task__plan__status=PlanStatus.ISSUED,
            due_date__lte=day + dt.timedelta(days=days),
        )
        .filter(Q(status=OccurrenceStatus.MISSED) | Q(status=OccurrenceStatus.PENDING))
        .select_related("task", "task__plan", "task__plan__unit")
        .order_by("due_date", "task__position", "pk")
    )


@dataclass(frozen=True)
class ReminderRun:
    marked_missed: int
    units: int
    emails: int


def send_daily_reminders(*, on: dt.date | None = None, limit_per_unit: int = 50) -> ReminderRun:
    day = on or today()
    missed = mark_missed(on=day)
    by_unit: dict[int, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences_to_remind(
        list(
            Occurrence.objects.filter(task__plan__status=PlanStatus.ISSUED)
            .values_list("task__plan__unit_id", flat=True)
            .distinct()
        ),
        on=day,
    ):
        by_unit[occurrence.task.plan.unit_id].append(occurrence)
    recipients: dict[int, list[str]] = defaultdict(list)
    for unit_id, email in (
        Membership.objects.filter(unit_id__in=list(by_unit), role__in=roles_with(Capability.LOG_ACTIVITY))
        .exclude(user__email="")
        .filter(user__is_active=True)
        .order_by("unit_id", "user__email")
        .values_list("unit_id", "user__email")
    ):
        recipients[unit_id].append(email)
    messages = []
    for unit_id, occurrences in sorted(by_unit.items()):
        if not recipients.get(unit_id):
            continue
        unit = occurrences[0].task.plan.unit
        lines = [
            _("%(label)s — %(task)s (hạn %(due)s%(state)s)")
            % {
                "label": occ.label,
                "task": occ.task.title[:120],
                "due": occ.due_date.strftime("%d/%m/%Y"),
                "state": _(", quá hạn") if occ.due_date < day else "",
            }
            for occ in occurrences[:limit_per_unit]
        ]
        if len(occurrences) > limit_per_unit:
            lines.append(_("… và %(n)s kỳ khác.") % {"n": len(occurrences) - limit_per_unit})
        subject = _("[Loa] %(unit)s: %(n)s kỳ thực hiện sắp đến hạn hoặc quá hạn") % {
            "unit": unit.name,
            "n": len(occurrences),
        }
        body = "\n".join([_("Các kỳ thực hiện cần ghi nhận kết quả:"), "", *lines])
        messages.append((subject, body, None, recipients[unit_id]))
    sent = send_mass_mail(tuple(messages), fail_silently=False) if messages else 0
    logger.info("reminders: %s marked missed, %s units, %s emails", missed, len(by_unit), sent)
    return ReminderRun(marked_missed=missed, units=len(by_unit), emails=sent)
