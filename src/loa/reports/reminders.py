"""Report deadlines: which periodic reports a unit still owes, on the home page and by email."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.mail import send_mass_mail
from django.utils.translation import gettext as _

from loa.accounts.models import Membership
from loa.accounts.permissions import Capability, roles_with
from loa.plans.choices import PlanStatus, ReportingPeriod
from loa.plans.models import Plan
from loa.tracking.reporting import ReportPeriod, periods_of_year
from loa.units.models import Unit

from .choices import ReportStatus
from .models import Report
from .services import Deadlines

DEFAULT_KINDS = (ReportingPeriod.QUARTERLY, ReportingPeriod.SEMIANNUAL, ReportingPeriod.ANNUAL)
AHEAD_DAYS = 14
OVERDUE_DAYS = 60


@dataclass(frozen=True)
class OwedReport:
    unit: Unit
    period: ReportPeriod
    due: dt.date
    report: Report | None

    @property
    def overdue(self) -> bool:
        return self.report is None or self.report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


def owed_reports(units: Iterable[Unit], *, on: dt.date) -> list[OwedReport]:
    """Reports due within two weeks, or up to two months overdue, not yet sent.

    The kinds are those the unit's plan of the year asks for (định kỳ hàng quý, 6 tháng,
    năm …), or quarterly, half-year and year when it names none.
    """
    units = list(units)
    deadlines = Deadlines()
    asked = {
        plan.unit_id: plan.reporting_periods
        for plan in Plan.objects.filter(unit__in=units, year=on.year, status=PlanStatus.ISSUED).order_by("pk")
    }
    existing = {
        (r.unit_id, r.kind, r.index, r.year): r
        for r in Report.objects.filter(unit__in=units, year__in=[on.year, on.year + 1])
    }
    owed = []
    for unit in units:
        kinds = [k for k in asked.get(unit.pk, []) if k in ReportingPeriod.values] or list(DEFAULT_KINDS)
        for year in (on.year, on.year + 1):
            for period in periods_of_year(year, kinds):
                due = deadlines.due(unit, period)
                if not on - dt.timedelta(days=OVERDUE_DAYS) <= due <= on + dt.timedelta(days=AHEAD_DAYS):
                    continue
                report = existing.get((unit.pk, period.kind.value, period.index, period.year))
                if report is None or report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED):
                    owed.append(OwedReport(unit, period, due, report))
    return sorted(owed, key=lambda o: (o.due, o.unit.name))


def send_report_reminders(*, on: dt.date) -> int:
    """Mail each unit's reporters the reports it still owes; returns the number of emails."""
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
    messages = []
    for unit_id, unit in units.items():
        owed = owed_reports([unit], on=on)
        if not owed:
            continue
        lines = [
            _("Báo cáo %(period)s: hạn %(due)s%(state)s")
            % {
                "period": o.period.label,
                "due": o.due.strftime("%d/%m/%Y"),
                "state": _(", đã quá hạn") if o.due < on else "",
            }
            for o in owed
        ]
        subject = _("[Loa] %(unit)s: %(n)s báo cáo cần gửi") % {"unit": unit.name, "n": len(owed)}
        messages.append((subject, "\n".join(lines), None, recipients[unit_id]))
    return send_mass_mail(tuple(messages), fail_silently=False) if messages else 0
