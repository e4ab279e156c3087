"""Keep a task's occurrences and their statuses in step with the task and its activities.

Called inside the transaction of the service that changed a task or an activity; the
rules themselves are the pure core's (`loa.tracking`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from loa.plans.choices import OccurrenceStatus, PlanStatus
from loa.plans.models import Occurrence, Plan, Task
from loa.tracking.fulfilment import Evidence, Requirement, assess
from loa.tracking.schedule import periods_for

from .models import Activity
from .tallies import refresh_occurrence_tallies, refresh_plan_tallies


def today() -> dt.date:
    return timezone.localdate()


def regenerate_occurrences(task: Task) -> None:
    """Make the task's occurrences match its recurrence and window.

    Periods that still exist keep their row (matched by start date); activities linked
    to a period that disappears move to the new period holding their date, or stay
    unlinked, never deleted.
    """
    periods = periods_for(task.recurrence or None, year=task.plan.year, start=task.start, end=task.end)
    existing = {occ.period_start: occ for occ in task.occurrences.all()}
    wanted = {p.start: p for p in periods}
    changed: list[Occurrence] = []
    shrunk: list[tuple[int, dt.date]] = []  # (occurrence, its old end)
    for start, period in wanted.items():
        occ = existing.get(start)
        if occ is None:
            continue
        if (occ.period_end, occ.due_date, occ.label) != (period.end, period.due, period.label):
            if period.end < occ.period_end:
                shrunk.append((occ.pk, occ.period_end))
            occ.period_end, occ.due_date, occ.label = period.end, period.due, period.label
            changed.append(occ)
    Occurrence.objects.bulk_update(changed, ["period_end", "due_date", "label"])
    Occurrence.objects.bulk_create(
        [
            Occurrence(task=task, period_start=p.start, period_end=p.end, due_date=p.due, label=p.label)
            for start, p in wanted.items()
            if start not in existing
        ]
    )
    gone = [occ.pk for start, occ in existing.items() if start not in wanted]
    # Evidence that was in its period by date follows its date when the period goes or
    # shrinks; evidence linked on purpose to an earlier period (dated after it) stays.
    moving = Q(occurrence_id__in=gone)
    for occurrence_id, old_end in shrunk:
        new_end = next(o.period_end for o in changed if o.pk == occurrence_id)
        moving |= Q(occurrence_id=occurrence_id, happened_on__gt=new_end, happened_on__lte=old_end)
    if gone or shrunk:
        current = list(task.occurrences.exclude(pk__in=gone))
        for activity in Activity.objects.filter(moving):
            activity.occurrence = occurrence_on(current, activity.happened_on)
            activity.save(update_fields=["occurrence", "updated_at"])
        Occurrence.objects.filter(pk__in=gone).delete()
    reassess(Occurrence.objects.filter(task=task))
    refresh_plan_tallies([task.plan_id])


def occurrence_on(occurrences: Iterable[Occurrence], day: dt.date) -> Occurrence | None:
    """The occurrence whose period holds `day`; else the last one that ended before it.

    Evidence dated after the task's last period belongs to that last period, evidence
    before the first period to the first. Late evidence for an earlier period is linked
    to it explicitly (the activity form's period field), not guessed from the date.
    """
    ordered = sorted(occurrences, key=lambda o: o.period_start)
    if not ordered:
        return None
    for occ in ordered:
        if occ.period_start <= day <= occ.period_end:
            return occ
    earlier = [occ for occ in ordered if occ.period_end < day]
    return earlier[-1] if earlier else ordered[0]


def occurrence_for(task: Task, day: dt.date) -> Occurrence | None:
    return occurrence_on(task.occurrences.all(), day)


def reassess(occurrences: QuerySet[Occurrence], *, on: dt.date | None = None) -> int:
    """Recompute status and fulfilment date of the given occurrences; returns how many changed."""
    rows = list(occurrences.select_related("task"))
    if not rows:
        return 0
    day = on or today()
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for occurrence_id, happened_on, quantity, measure in Activity.objects.filter(
        occurrence_id__in=[o.pk for o in rows]
    ).values_list("occurrence_id", "happened_on", "quantity", "measure"):
        evidence[occurrence_id].append(Evidence(happened_on, quantity, measure))
    changed: list[Occurrence] = []
    touched: set[tuple[int, dt.date]] = set()
    for occ in rows:
        task = occ.task
        requirement = Requirement.of(
            count=task.count_per_period, measure=task.quota_measure, minimum=task.quota_minimum
        )
        outcome = assess(requirement, evidence[occ.pk], due=occ.due_date, today=day)
        if (occ.status, occ.fulfilled_on) != (outcome.status.value, outcome.fulfilled_on):
            if occ.status != outcome.status.value:
                touched.add((task.plan_id, occ.due_date))
            occ.status, occ.fulfilled_on = outcome.status.value, outcome.fulfilled_on
            changed.append(occ)
    Occurrence.objects.bulk_update(changed, ["status", "fulfilled_on"], batch_size=500)
    refresh_occurrence_tallies(touched)
    return len(changed)


@transaction.atomic
def mark_missed(*, on: dt.date | None = None) -> int:
    """Turn pending occurrences of issued or closed plans past their due date into missed.

    A draft plan's schedule is not yet anyone's duty, so its periods stay pending.
    """
    day = on or today()
    # Lock the rows first so the tallies recounted below are those of the rows changed.
    overdue = list(
        Occurrence.objects.select_for_update(of=("self",))
        .filter(
            status=OccurrenceStatus.PENDING,
            due_date__lt=day,
            task__plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED],
        )
        .values_list("pk", "task__plan_id", "due_date")
    )
    Occurrence.objects.filter(pk__in=[pk for pk, _, _ in overdue]).update(status=OccurrenceStatus.MISSED)
    refresh_occurrence_tallies((plan_id, due_date) for _, plan_id, due_date in overdue)
    return len(overdue)


def regenerate_plan(plan: Plan) -> None:
    for task in plan.tasks.select_related("plan").prefetch_related("occurrences"):
        regenerate_occurrences(task)


def open_occurrences(unit_ids: Iterable[int], *, on: dt.date | None = None, days: int = 7) -> Q:
    """Filter for occurrences of issued plans due within `days` or overdue and unmet."""
    day = on or today()
    return Q(
        task__plan__unit_id__in=list(unit_ids),
        task__plan__status=PlanStatus.ISSUED,
        status__in=[OccurrenceStatus.PENDING, OccurrenceStatus.MISSED],
        due_date__lte=day + dt.timedelta(days=days),
    )
