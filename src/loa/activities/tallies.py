"""Dashboard tallies: activities and occurrences counted ahead, kept current by the services.

A tally is recounted from its rows, never incremented, so a recount is always right
whatever happened before it. Recounts of one unit's activities (or one plan's
occurrences) are serialised by a row lock on that unit (plan), taken plan first, unit
second, everywhere: two clerks logging at the same moment cannot overwrite each
other's count. Bulk writers (the demo and `loa generate`) call `rebuild_tallies`;
`loa tallies --check` compares every tally with a fresh count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from decimal import Decimal
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from loa.plans.models import Occurrence, Plan, Task
from loa.units.models import Unit

from .models import Activity, ActivityTally, OccurrenceTally

_BATCH = 2000


class ActivityKey(NamedTuple):
    unit_id: int
    year: int
    month: int
    channel: str
    measure: str


def activity_key(activity: Activity) -> ActivityKey:
    day = activity.happened_on
    return ActivityKey(activity.unit_id, day.year, day.month, activity.channel, activity.measure)


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


@transaction.atomic(savepoint=False)
def refresh_activity_tallies(keys: Iterable[ActivityKey]) -> None:
    """Recount the tallies of these keys from the activity log (call inside the writer's transaction)."""
    wanted = sorted(set(keys))
    if not wanted:
        return
    _lock(Unit, {key.unit_id for key in wanted})
    for key in wanted:
        first, last = _month_bounds(key.year, key.month)
        counted = Activity.objects.filter(
            unit_id=key.unit_id, channel=key.channel, measure=key.measure, happened_on__range=(first, last)
        ).aggregate(n=Count("id"), quantity=Sum("quantity"), cost=Sum("cost"))
        tally = ActivityTally.objects.filter(
            unit_id=key.unit_id, year=key.year, month=key.month, channel=key.channel, measure=key.measure
        )
        if not counted["n"]:
            tally.delete()
        elif not tally.update(activities=counted["n"], quantity=counted["quantity"], cost=counted["cost"]):
            ActivityTally.objects.create(
                **key._asdict(), activities=counted["n"], quantity=counted["quantity"], cost=counted["cost"]
            )


@transaction.atomic(savepoint=False)
def refresh_occurrence_tallies(plan_days: Iterable[tuple[int, dt.date]]) -> None:
    """Recount the tallies of these (plan id, due date) pairs from the occurrences."""
    by_plan: dict[int, set[dt.date]] = defaultdict(set)
    for plan_id, due_date in plan_days:
        by_plan[plan_id].add(due_date)
    if not by_plan:
        return
    _lock(Plan, set(by_plan))
    for plan_id, days in sorted(by_plan.items()):
        OccurrenceTally.objects.filter(plan_id=plan_id, due_date__in=days).delete()
        counted = (
            Occurrence.objects.filter(task__plan_id=plan_id, due_date__in=days)
            .values("due_date", "status")
            .annotate(n=Count("id"))
            .order_by()
        )
        OccurrenceTally.objects.bulk_create(
            OccurrenceTally(
                plan_id=plan_id, due_date=row["due_date"], status=row["status"], occurrences=row["n"]
            )
            for row in counted
        )


@transaction.atomic(savepoint=False)
def refresh_plan_tallies(plan_ids: Iterable[int]) -> None:
    """Recount every occurrence tally of these plans (after a task or a schedule changed)."""
    ids = sorted(set(plan_ids))
    if not ids:
        return
    _lock(Plan, set(ids))
    OccurrenceTally.objects.filter(plan_id__in=ids).delete()
    OccurrenceTally.objects.bulk_create(_occurrence_rows(Occurrence.objects.filter(task__plan_id__in=ids)))


@transaction.atomic(savepoint=False)
def rebuild_tallies(unit_ids: Collection[int] | None = None) -> None:
    """Recount all tallies of these units' activities and plans (every unit when None).

    One INSERT … SELECT … GROUP BY per tally, so the rows never pass through Python: a
    province of 250,000 activities is recounted in the database in about a second.
    """
    activity_tallies = ActivityTally.objects.all()
    occurrence_tallies = OccurrenceTally.objects.all()
    if unit_ids is not None:
        activity_tallies = activity_tallies.filter(unit_id__in=unit_ids)
        occurrence_tallies = occurrence_tallies.filter(plan__unit_id__in=unit_ids)
    activity_tallies.delete()
    occurrence_tallies.delete()
    ids = sorted(unit_ids) if unit_ids is not None else None
    if ids == []:
        return
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        year, month = "EXTRACT(YEAR FROM happened_on)::int", "EXTRACT(MONTH FROM happened_on)::int"
    else:  # SQLite keeps dates as ISO text
        year = "CAST(substr(happened_on, 1, 4) AS INTEGER)"
        month = "CAST(substr(happened_on, 6, 2) AS INTEGER)"
    where = f"WHERE unit_id IN ({', '.join(['%s'] * len(ids))})" if ids is not None else ""
    plan_join = (
        f"JOIN {quote(Plan._meta.db_table)} p ON p.id = t.plan_id "
        f"WHERE p.unit_id IN ({', '.join(['%s'] * len(ids))})"
        if ids is not None
        else ""
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(ActivityTally._meta.db_table)} "
            "(unit_id, year, month, channel, measure, activities, quantity, cost) "
            f"SELECT unit_id, {year}, {month}, channel, measure, COUNT(*), SUM(quantity), SUM(cost) "
            f"FROM {quote(Activity._meta.db_table)} {where} "
            f"GROUP BY unit_id, {year}, {month}, channel, measure",
            ids or [],
        )
        cursor.execute(
            f"INSERT INTO {quote(OccurrenceTally._meta.db_table)} (plan_id, due_date, status, occurrences) "
            "SELECT t.plan_id, o.due_date, o.status, COUNT(*) "
            f"FROM {quote(Occurrence._meta.db_table)} o "
            f"JOIN {quote(Task._meta.db_table)} t ON t.id = o.task_id "
            f"{plan_join} GROUP BY t.plan_id, o.due_date, o.status",
            ids or [],
        )


def stale_tallies(unit_ids: Collection[int] | None = None) -> list[str]:
    """The tallies that differ from a fresh count, described; empty when all are right."""
    activities = Activity.objects.all()
    stored_activities = ActivityTally.objects.all()
    occurrences = Occurrence.objects.all()
    stored_occurrences = OccurrenceTally.objects.all()
    if unit_ids is not None:
        activities = activities.filter(unit_id__in=unit_ids)
        stored_activities = stored_activities.filter(unit_id__in=unit_ids)
        occurrences = occurrences.filter(task__plan__unit_id__in=unit_ids)
        stored_occurrences = stored_occurrences.filter(plan__unit_id__in=unit_ids)

    def activity_values(tally: ActivityTally) -> tuple[ActivityKey, tuple[int, Decimal, Decimal]]:
        key = ActivityKey(tally.unit_id, tally.year, tally.month, tally.channel, tally.measure)
        return key, (tally.activities, Decimal(tally.quantity), Decimal(tally.cost))

    def occurrence_values(tally: OccurrenceTally) -> tuple[tuple[int, dt.date, str], int]:
        return (tally.plan_id, tally.due_date, tally.status), tally.occurrences

    problems = _differences(
        "activities",
        dict(map(activity_values, _activity_rows(activities))),
        dict(map(activity_values, stored_activities.iterator())),
    )
    problems += _differences(
        "occurrences",
        dict(map(occurrence_values, _occurrence_rows(occurrences))),
        dict(map(occurrence_values, stored_occurrences.iterator())),
    )
    return problems


def _differences(kind: str, counted: dict[object, object], stored: dict[object, object]) -> list[str]:
    return [
        f"{kind} {key}: stored {stored.get(key)}, counted {counted.get(key)}"
        for key in sorted(counted.keys() | stored.keys(), key=str)
        if counted.get(key) != stored.get(key)
    ]


def _activity_rows(activities: QuerySet[Activity]) -> Iterable[ActivityTally]:
    grouped = (
        activities.annotate(year=ExtractYear("happened_on"), month=ExtractMonth("happened_on"))
        .values("unit_id", "year", "month", "channel", "measure")
        .annotate(n=Count("id"), total=Sum("quantity"), spent=Sum("cost"))
        .order_by()
    )
    for row in grouped.iterator(chunk_size=_BATCH):
        yield ActivityTally(
            unit_id=row["unit_id"],
            year=row["year"],
            month=row["month"],
            channel=row["channel"],
            measure=row["measure"],
            activities=row["n"],
            quantity=row["total"],
            cost=row["spent"],
        )


def _occurrence_rows(occurrences: QuerySet[Occurrence]) -> Iterable[OccurrenceTally]:
    grouped = occurrences.values("task__plan_id", "due_date", "status").annotate(n=Count("id")).order_by()
    for row in grouped.iterator(chunk_size=_BATCH):
        yield OccurrenceTally(
            plan_id=row["task__plan_id"], due_date=row["due_date"], status=row["status"], occurrences=row["n"]
        )


def _lock(model: type[Unit] | type[Plan], ids: set[int]) -> None:
    # FOR NO KEY UPDATE: serialises recounts without blocking rows that merely refer to
    # the unit or plan (a new activity's foreign key takes FOR KEY SHARE).
    list(model.objects.select_for_update(no_key=True).filter(pk__in=sorted(ids)).values_list("pk", flat=True))
