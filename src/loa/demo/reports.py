"""Demo reports of the live year: what the communes sent each quarter, and what is missing.

Made through the real services (create, submit, review), then the submission times are
set to plausible days around each deadline, since the demo is built in one go today.
Deterministic for a given year and day; idempotent.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from loa.plans.choices import OccurrenceStatus, ReportingPeriod
from loa.reports.models import Report
from loa.reports.services import create_report, deadline_for, review_report, submit_report
from loa.tracking.reporting import periods_of_year
from loa.units.models import Unit


@dataclass
class ReportsSummary:
    submitted: int = 0
    late: int = 0
    missing: list[str] = field(default_factory=list)
    rollup: Report | None = None


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(15, 30)))


@transaction.atomic
def build_live_reports(
    province: Unit, *, year: int, today: dt.date, actor: Any, seed: int = 2026
) -> ReportsSummary:
    """Quarterly reports of the province's live communes up to `today`, and its roll-up draft."""
    summary = ReportsSummary()
    communes = list(Unit.objects.filter(parent=province, plans__year=year).distinct().order_by("code"))
    quarters = [
        p
        for p in periods_of_year(year, [ReportingPeriod.QUARTERLY])
        if p.year == year and deadline_for(province, p) < today
    ]
    if not communes or not quarters:
        return summary
    rng = random.Random(f"{seed}-{year}-reports")
    # The commune furthest behind on its plan is also the one that reports late, then not at all.
    missed = dict(
        Unit.objects.filter(pk__in=[c.pk for c in communes])
        .annotate(
            n=Count(
                "plans__tasks__occurrences",
                filter=Q(plans__year=year, plans__tasks__occurrences__status=OccurrenceStatus.MISSED),
            )
        )
        .values_list("pk", "n")
    )
    laggard = max(communes, key=lambda unit: (missed.get(unit.pk, 0), unit.code))
    latest = quarters[-1]
    for period in quarters:
        for commune in communes:
            if Report.objects.filter(
                unit=commune, year=year, kind=period.kind.value, index=period.index
            ).exists():
                continue
            if commune == laggard and period == latest:
                summary.missing.append(commune.name)
                continue
            report = create_report(
                commune, kind=period.kind.value, year=year, index=period.index, actor=actor
            )
            report = submit_report(report, actor=actor)
            due = report.due_date
            late = rng.random() < 0.15 or (commune == laggard and period != quarters[0])
            day = (
                due + dt.timedelta(days=rng.randint(1, 6))
                if late
                else due - dt.timedelta(days=rng.randint(0, 3))
            )
            Report.objects.filter(pk=report.pk).update(submitted_at=_at(min(day, today)))
            summary.submitted += 1
            summary.late += late
            if period != latest:
                review_report(report, accept=True, actor=actor)
    rollup = Report.objects.filter(
        unit=province, year=year, kind=latest.kind.value, index=latest.index
    ).first() or create_report(province, kind=latest.kind.value, year=year, index=latest.index, actor=actor)
    summary.rollup = rollup
    return summary
