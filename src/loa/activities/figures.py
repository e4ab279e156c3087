"""Dashboard figures of a unit or a set of units, from the tallies counted ahead.

Every figure is a sum over `ActivityTally` (activities by unit, month, channel and
measure) and `OccurrenceTally` (a plan's occurrences by due date and status), which the
services keep current (`loa.activities.tallies`): the cost grows with the number of
units and months, not with the millions of activities of a national roll-up. Only the
list of overdue periods reads the occurrences themselves, twenty at most.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from loa.plans.choices import Channel, Measure, OccurrenceStatus, PlanStatus
from loa.plans.models import Occurrence, Task
from loa.units.models import Unit
from loa.units.queries import subtree_parents

from .models import ActivityTally, OccurrenceTally

TRACKED_PLAN_STATUSES = (PlanStatus.ISSUED, PlanStatus.CLOSED)
PUBLISHING_CHANNELS = (Channel.PORTAL, Channel.SOCIAL, Channel.NEWSPAPER, Channel.RADIO, Channel.TV)
GATHERING_CHANNELS = (Channel.CONFERENCE, Channel.TRAINING, Channel.DIALOGUE, Channel.CONTEST)
_ZERO = Decimal(0)


def missed_q(today: dt.date, prefix: str = "") -> Q:
    """Occurrences that ended unmet: a pending one past its due date is missed even before
    the daily job marks it. `prefix` reaches them through a relation ("occurrences__")."""
    return Q(**{f"{prefix}status": OccurrenceStatus.MISSED}) | Q(
        **{f"{prefix}status": OccurrenceStatus.PENDING, f"{prefix}due_date__lt": today}
    )


def _status_aggregates(today: dt.date) -> dict[str, Any]:
    def total(condition: Q) -> Coalesce:
        return Coalesce(Sum("occurrences", filter=condition), 0)

    return {
        "done": total(Q(status=OccurrenceStatus.DONE)),
        "late": total(Q(status=OccurrenceStatus.LATE)),
        "missed": total(missed_q(today)),
        "upcoming": total(Q(status=OccurrenceStatus.PENDING, due_date__gte=today)),
    }


def _activity_aggregates() -> dict[str, Any]:
    return {
        "activities": Coalesce(Sum("activities"), 0),
        "minutes": Coalesce(Sum("quantity", filter=Q(measure=Measure.MINUTES)), _ZERO),
        "articles": Coalesce(
            Sum("quantity", filter=Q(measure=Measure.ITEMS, channel__in=PUBLISHING_CHANNELS)), _ZERO
        ),
        "people": Coalesce(
            Sum("quantity", filter=Q(measure=Measure.ATTENDEES, channel__in=GATHERING_CHANNELS)), _ZERO
        ),
        "leaflets": Coalesce(Sum("quantity", filter=Q(channel=Channel.LEAFLET)), _ZERO),
        "panels": Coalesce(Sum("quantity", filter=Q(channel=Channel.PANEL_POSTER)), _ZERO),
        "spend": Coalesce(Sum("cost"), _ZERO),
    }


@dataclass
class StatusCounts:
    done: int = 0
    late: int = 0
    missed: int = 0
    upcoming: int = 0

    @property
    def due(self) -> int:
        return self.done + self.late + self.missed

    @property
    def completion_rate(self) -> float | None:
        """Share of the periods due so far that were met (on time or late), in percent."""
        return 100 * (self.done + self.late) / self.due if self.due else None

    @property
    def on_time_rate(self) -> float | None:
        met = self.done + self.late
        return 100 * self.done / met if met else None

    def add(self, row: dict[str, Any]) -> None:
        self.done += row["done"]
        self.late += row["late"]
        self.missed += row["missed"]
        self.upcoming += row["upcoming"]

    def count(self, status: str, due_date: dt.date, n: int, *, today: dt.date) -> None:
        """Add `n` occurrences in `status` due on `due_date`: `_status_aggregates` in Python."""
        if status == OccurrenceStatus.DONE:
            self.done += n
        elif status == OccurrenceStatus.LATE:
            self.late += n
        elif status == OccurrenceStatus.MISSED or due_date < today:
            self.missed += n
        else:
            self.upcoming += n


@dataclass
class ActivityTotals:
    activities: int = 0
    minutes: Decimal = _ZERO
    articles: Decimal = _ZERO
    people: Decimal = _ZERO
    leaflets: Decimal = _ZERO
    panels: Decimal = _ZERO
    spend: Decimal = _ZERO

    def add(self, row: dict[str, Any]) -> None:
        self.activities += row["activities"]
        for name in ("minutes", "articles", "people", "leaflets", "panels", "spend"):
            setattr(self, name, getattr(self, name) + (row[name] or _ZERO))

    def count(self, channel: str, measure: str, activities: int, quantity: Decimal, cost: Decimal) -> None:
        """Add one tally's activities: `_activity_aggregates` in Python."""
        self.activities += activities
        self.spend += cost
        if measure == Measure.MINUTES:
            self.minutes += quantity
        if measure == Measure.ITEMS and channel in PUBLISHING_CHANNELS:
            self.articles += quantity
        if measure == Measure.ATTENDEES and channel in GATHERING_CHANNELS:
            self.people += quantity
        if channel == Channel.LEAFLET:
            self.leaflets += quantity
        if channel == Channel.PANEL_POSTER:
            self.panels += quantity


@dataclass
class Figures:
    """Everything a dashboard shows for one unit (or a roll-up) and one year."""

    year: int
    today: dt.date
    statuses: StatusCounts
    totals: ActivityTotals
    estimated_cost: Decimal
    plans: int
    tasks: int
    statuses_by_month: list[StatusCounts]  # index 0 = January, by due date
    activities_by_month: list[ActivityTotals]
    activities_by_channel: list[tuple[str, int]]  # (channel value, activities), most first
    overdue: list[Occurrence] = field(default_factory=list)


def occurrences_of(unit_ids: Collection[int] | None, year: int) -> QuerySet[Occurrence]:
    occurrences = Occurrence.objects.filter(
        task__plan__year=year, task__plan__status__in=TRACKED_PLAN_STATUSES
    )
    return occurrences if unit_ids is None else occurrences.filter(task__plan__unit_id__in=unit_ids)


def occurrence_tallies_of(unit_ids: Collection[int] | None, year: int) -> QuerySet[OccurrenceTally]:
    tallies = OccurrenceTally.objects.filter(plan__year=year, plan__status__in=TRACKED_PLAN_STATUSES)
    return tallies if unit_ids is None else tallies.filter(plan__unit_id__in=unit_ids)


def activity_tallies_of(unit_ids: Collection[int] | None, year: int) -> QuerySet[ActivityTally]:
    tallies = ActivityTally.objects.filter(year=year)
    return tallies if unit_ids is None else tallies.filter(unit_id__in=unit_ids)


def figures_for(unit_ids: Collection[int] | None, year: int, *, today: dt.date, overdue: int = 20) -> Figures:
    """The figures of `unit_ids` (None: the whole country) for `year`, as of `today`."""
    # One grouped query per tally, folded here: a national year is some 1,500 rows each.
    statuses = StatusCounts()
    by_month = [StatusCounts() for _ in range(12)]
    for due_date, status, n in (
        occurrence_tallies_of(unit_ids, year)
        .values("due_date", "status")
        .annotate(n=Sum("occurrences"))
        .order_by()
        .values_list("due_date", "status", "n")
    ):
        statuses.count(status, due_date, n, today=today)
        by_month[due_date.month - 1].count(status, due_date, n, today=today)
    totals = ActivityTotals()
    activity_months = [ActivityTotals() for _ in range(12)]
    channels: dict[str, int] = defaultdict(int)
    for month, channel, measure, n, quantity, cost in (
        activity_tallies_of(unit_ids, year)
        .values("month", "channel", "measure")
        .annotate(n=Sum("activities"), total=Sum("quantity"), spent=Sum("cost"))
        .order_by()
        .values_list("month", "channel", "measure", "n", "total", "spent")
    ):
        totals.count(channel, measure, n, quantity, cost)
        activity_months[month - 1].count(channel, measure, n, quantity, cost)
        channels[channel] += n
    by_channel = sorted(channels.items(), key=lambda item: (-item[1], item[0]))
    tasks = Task.objects.filter(plan__year=year, plan__status__in=TRACKED_PLAN_STATUSES)
    if unit_ids is not None:
        tasks = tasks.filter(plan__unit_id__in=unit_ids)
    task_totals = tasks.aggregate(
        tasks=Count("id"), plans=Count("plan_id", distinct=True), cost=Coalesce(Sum("estimated_cost"), _ZERO)
    )
    # Bounded below by the year so the partial index on unmet periods is walked, not sorted.
    late_list = list(
        occurrences_of(unit_ids, year)
        .filter(missed_q(today), due_date__gte=dt.date(year, 1, 1))
        .select_related("task", "task__plan", "task__plan__unit")
        .order_by("due_date", "pk")[:overdue]
    )
    return Figures(
        year=year,
        today=today,
        statuses=statuses,
        totals=totals,
        estimated_cost=task_totals["cost"],
        plans=task_totals["plans"],
        tasks=task_totals["tasks"],
        statuses_by_month=by_month,
        activities_by_month=activity_months,
        activities_by_channel=by_channel,
        overdue=late_list,
    )


@dataclass
class RankingRow:
    unit: Unit
    statuses: StatusCounts
    totals: ActivityTotals
    plans: int = 0

    @property
    def completion_rate(self) -> float | None:
        return self.statuses.completion_rate


def _branch_of(parents: dict[int, int | None], top: int) -> dict[int, int]:
    """Map every unit below `top` to the child of `top` on its path (each unit walked once)."""
    branch: dict[int, int] = {}
    for unit_id in parents:
        path: list[int] = []
        node: int | None = unit_id
        while node is not None and node not in branch and parents.get(node) != top:
            path.append(node)
            node = parents.get(node)
        if node is None:
            continue
        head = branch.get(node, node)
        branch[node] = head
        for step in path:
            branch[step] = head
    return branch


def ranking(parent: Unit, children: Iterable[Unit], year: int, *, today: dt.date) -> list[RankingRow]:
    """One row per child unit with its subtree's figures; those furthest behind first."""
    rows = {child.pk: RankingRow(child, StatusCounts(), ActivityTotals()) for child in children}
    unit_ids: list[int] | None
    if parent.parent_id is None:  # the root: every unit is below it, no need to list them
        parents = dict(Unit.objects.exclude(pk=parent.pk).values_list("pk", "parent_id"))
    else:
        parents = subtree_parents(parent)
        del parents[parent.pk]
    branch = {unit_id: head for unit_id, head in _branch_of(parents, parent.pk).items() if head in rows}
    unit_ids = None if parent.parent_id is None else list(branch)
    for row in (
        occurrence_tallies_of(unit_ids, year)
        .values("plan__unit_id")
        .annotate(**_status_aggregates(today), plans=Count("plan_id", distinct=True))
        .order_by()
    ):
        if row["plan__unit_id"] in branch:
            target = rows[branch[row["plan__unit_id"]]]
            target.statuses.add(row)
            target.plans += row["plans"]
    for row in (
        activity_tallies_of(unit_ids, year).values("unit_id").annotate(**_activity_aggregates()).order_by()
    ):
        if row["unit_id"] in branch:
            rows[branch[row["unit_id"]]].totals.add(row)

    def behind_first(row: RankingRow) -> tuple[int, float, int, str]:
        rate = row.completion_rate
        return (rate is None, rate if rate is not None else 0.0, -row.statuses.missed, row.unit.name)

    return sorted(rows.values(), key=behind_first)
