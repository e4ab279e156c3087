"""The figures of a periodic report, from aggregate queries over one data window.

Everything is counted inside the report's cut-off window (e.g. quý I/2024 =
15/12/2023–14/03/2024): occurrences by their due date, activities by the day they
happened. The result is plain JSON (ints, and quantities as floats) so it can be kept
on the report as a snapshot and summed over subordinate units for a roll-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from loa.activities.figures import PUBLISHING_CHANNELS, TRACKED_PLAN_STATUSES, missed_q
from loa.activities.models import Activity
from loa.plans.choices import Channel, Measure, OccurrenceStatus
from loa.plans.models import Occurrence, Task
from loa.surveys.figures import sipas_for_period

BROADCAST_CHANNELS = (Channel.RADIO, Channel.TV, Channel.MOBILE_LOUDSPEAKER)
_ZERO = Decimal(0)

# The keys a roll-up adds up; everything else (lists, rates) is recomputed or merged.
SUMMED_KEYS = (
    "tasks_due", "tasks_met", "tasks_missed", "occurrences_done", "occurrences_late", "occurrences_missed",
    "activities", "broadcasts", "minutes", "articles", "conferences", "conference_attendees", "trainings",
    "trainees", "leaflets", "panels", "surveys", "dialogues", "dialogue_attendees", "contests",
    "public_listings", "spend", "estimated_cost",
)  # fmt: skip


def _number(value: Decimal | int | None) -> float | int:
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def period_figures(
    unit_ids: Collection[int], start: dt.date, end: dt.date, *, today: dt.date
) -> dict[str, Any]:
    """The report figures of `unit_ids` for the window [start, end], as of `today`."""
    occurrences = Occurrence.objects.filter(
        task__plan__unit_id__in=unit_ids,
        task__plan__status__in=TRACKED_PLAN_STATUSES,
        due_date__gte=start,
        due_date__lte=end,
    )
    missed = missed_q(today)
    statuses = occurrences.aggregate(
        done=Count("id", filter=Q(status=OccurrenceStatus.DONE)),
        late=Count("id", filter=Q(status=OccurrenceStatus.LATE)),
        missed=Count("id", filter=missed),
    )
    due_tasks = Task.objects.filter(pk__in=occurrences.values("task_id"))
    unmet_in_window = occurrences.filter(task_id=OuterRef("pk")).exclude(
        status__in=[OccurrenceStatus.DONE, OccurrenceStatus.LATE]
    )
    missed_in_window = occurrences.filter(missed, task_id=OuterRef("pk"))
    tasks = due_tasks.aggregate(
        due=Count("id"),
        met=Count("id", filter=~Q(Exists(unmet_in_window))),
        missed=Count("id", filter=Q(Exists(missed_in_window))),
    )
    activities = Activity.objects.filter(unit_id__in=unit_ids, happened_on__gte=start, happened_on__lte=end)

    def count(*channels: str) -> Any:
        return Count("id", filter=Q(channel__in=channels))

    def total(measure: str, *channels: str) -> Any:
        condition = Q(measure=measure) & (Q(channel__in=channels) if channels else Q())
        return Coalesce(Sum("quantity", filter=condition), _ZERO)

    sums = activities.aggregate(
        activities=Count("id"),
        broadcasts=count(*BROADCAST_CHANNELS),
        minutes=total(Measure.MINUTES),
        articles=total(Measure.ITEMS, *PUBLISHING_CHANNELS),
        conferences=count(Channel.CONFERENCE),
        conference_attendees=total(Measure.ATTENDEES, Channel.CONFERENCE),
        trainings=count(Channel.TRAINING),
        trainees=total(Measure.ATTENDEES, Channel.TRAINING),
        leaflets=Coalesce(Sum("quantity", filter=Q(channel=Channel.LEAFLET)), _ZERO),
        panels=Coalesce(Sum("quantity", filter=Q(channel=Channel.PANEL_POSTER)), _ZERO),
        surveys=count(Channel.SURVEY),
        dialogues=count(Channel.DIALOGUE),
        dialogue_attendees=total(Measure.ATTENDEES, Channel.DIALOGUE),
        contests=count(Channel.CONTEST),
        public_listings=count(Channel.PUBLIC_LISTING),
        spend=Coalesce(Sum("cost"), _ZERO),
    )
    by_channel = {
        row["channel"]: {"activities": row["n"], "quantity": _number(row["q"])}
        for row in activities.values("channel").annotate(n=Count("id"), q=Sum("quantity")).order_by("channel")
    }
    estimate = Task.objects.filter(
        plan__unit_id__in=unit_ids, plan__status__in=TRACKED_PLAN_STATUSES, plan__year=end.year
    ).aggregate(cost=Coalesce(Sum("estimated_cost"), _ZERO))["cost"]
    figures: dict[str, Any] = {
        "tasks_due": tasks["due"],
        "tasks_met": tasks["met"],
        "tasks_missed": tasks["missed"],
        "occurrences_done": statuses["done"],
        "occurrences_late": statuses["late"],
        "occurrences_missed": statuses["missed"],
        **{key: _number(value) for key, value in sums.items()},
        "estimated_cost": _number(estimate),
        "by_channel": by_channel,
        "channels_used": sorted(by_channel),
    }
    return with_rates(with_satisfaction(figures, unit_ids, start, end))


def with_satisfaction(
    figures: dict[str, Any], unit_ids: Collection[int], start: dt.date, end: dt.date
) -> dict[str, Any]:
    """Add the satisfaction survey results of the window (SIPAS style), when there were any."""
    sipas = sipas_for_period(unit_ids, start, end)
    figures["sipas"] = sipas
    figures["sipas_overall"] = sipas["overall"] if sipas else None
    figures["sipas_responses"] = sipas["responses"] if sipas else 0
    return figures


def with_rates(figures: dict[str, Any]) -> dict[str, Any]:
    """Add the completion rate (percent, one decimal) from the task counts."""
    due = figures.get("tasks_due", 0)
    figures["completion_rate"] = round(100 * figures.get("tasks_met", 0) / due, 1) if due else None
    return figures


def add_up(parts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The sum of several units' figures (a roll-up), channels merged."""
    total: dict[str, Any] = dict.fromkeys(SUMMED_KEYS, 0)
    by_channel: dict[str, dict[str, float | int]] = {}
    for part in parts:
        for key in SUMMED_KEYS:
            total[key] += part.get(key, 0) or 0
        for channel, row in (part.get("by_channel") or {}).items():
            merged = by_channel.setdefault(channel, {"activities": 0, "quantity": 0})
            merged["activities"] += row.get("activities", 0)
            merged["quantity"] += row.get("quantity", 0)
    total["by_channel"] = dict(sorted(by_channel.items()))
    total["channels_used"] = sorted(by_channel)
    return with_rates(total)
