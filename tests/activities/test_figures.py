"""Dashboard figures and rankings against values worked out by hand from the data created."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from loa.activities.figures import figures_for, ranking
from loa.activities.services import ActivityInput, log_activity
from loa.plans.models import Task
from loa.plans.services import close_plan
from loa.units.choices import Era, Level
from loa.units.models import Unit
from tests.activities import freeze_today, issued_plan, log, member_of, task_in
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db

D = dt.date
DONE, LATE, MISSED, PENDING = "done", "late", "missed", "pending"
TODAY = D(2024, 6, 15)
PUBLISHING = {"portal", "social", "newspaper", "radio", "tv"}
GATHERING = {"conference", "training", "dialogue", "contest"}


@dataclass
class Province:
    province: Unit
    a: Unit
    b: Unit
    c: Unit
    idle: Unit
    tasks: dict[str, Task]
    expected: dict[str, list[str]]  # task key → status of each period, in order, as of TODAY
    logged: list[tuple[Unit, ActivityInput]]
    actor: Any


@pytest.fixture
def province(monkeypatch: pytest.MonkeyPatch) -> Province:
    """Three communes with issued 2024 plans, one draft plan and activities, seen on 15/06/2024."""
    freeze_today(monkeypatch, TODAY)
    province = UnitFactory(level=Level.PROVINCE)
    a, b, c, idle = (UnitFactory(parent=province, name=f"Xã {n}") for n in ("An", "Bình", "Cát", "Dương"))
    actor = member_of(province)
    plan_a, plan_b, plan_c = (issued_plan(unit, actor) for unit in (a, b, c))
    tasks = {
        "a1": task_in(
            plan_a,
            "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút",
            actor,
            channel="radio",
            estimated_cost=Decimal(1_200_000),
        ),
        "a2": task_in(plan_a, "Quý I/2024", actor, channel="conference", estimated_cost=Decimal(3_000_000)),
        "b1": task_in(plan_b, "Hằng quý", actor, channel="portal", estimated_cost=Decimal(500_000)),
        "b2": task_in(plan_b, "Trước 15/02", actor, channel="leaflet"),
        "b3": task_in(plan_b, "Tháng 3 - Tháng 5", actor, channel="social"),
        "c1": task_in(plan_c, "Hằng tháng", actor, channel="panel_poster", estimated_cost=Decimal(4_000_000)),
    }
    # a draft plan counts nowhere, whatever it plans
    draft = issued_plan(a, actor, issued=False)
    task_in(draft, "Hằng tháng", actor, channel="radio", estimated_cost=Decimal(9_999_999))
    rows: list[tuple[Unit, str | None, dt.date, str, Any, str, int]] = [
        # unit, task, day, channel, quantity, measure, cost
        (a, "a1", D(2024, 1, 10), "radio", 20, "minutes", 0),
        (a, "a1", D(2024, 2, 10), "radio", 10, "minutes", 0),
        (a, "a1", D(2024, 3, 5), "radio", 15, "minutes", 0),
        (a, "a1", D(2024, 4, 30), "radio", "30.5", "minutes", 150_000),
        (a, "a2", D(2024, 4, 10), "conference", 120, "attendees", 2_500_000),
        (a, None, D(2024, 5, 5), "tv", 10, "minutes", 0),
        (b, "b1", D(2024, 2, 1), "portal", 3, "items", 0),
        (b, "b2", D(2024, 1, 20), "leaflet", 500, "copies", 1_000_000),
        (c, "c1", D(2024, 1, 15), "panel_poster", 2, "items", 3_000_000),
        (c, None, D(2024, 6, 1), "newspaper", 2, "items", 300_000),
        (c, None, D(2024, 6, 10), "training", 35, "attendees", 700_000),
        (c, None, D(2023, 12, 20), "training", 40, "attendees", 900_000),  # another year
    ]
    logged = []
    for unit, key, day, channel, quantity, measure, cost in rows:
        data = ActivityInput(
            happened_on=day,
            channel=channel,
            title=f"{channel} {day}",
            quantity=quantity,
            measure=measure,
            cost=cost,
            task=tasks[key] if key else None,
        )
        log_activity(unit, data, actor=actor)
        logged.append((unit, data))
    expected = {
        "a1": [DONE, MISSED, DONE, DONE, MISSED] + [PENDING] * 7,
        "a2": [LATE],
        "b1": [DONE, PENDING, PENDING, PENDING],
        "b2": [DONE],
        "b3": [MISSED, MISSED, MISSED],
        "c1": [DONE] + [MISSED] * 4 + [PENDING] * 7,
    }
    close_plan(plan_b, actor=actor)  # a closed plan still counts
    return Province(province, a, b, c, idle, tasks, expected, logged, actor)


def expected_statuses(
    p: Province, keys: list[str], today: dt.date
) -> tuple[Counter[str], list[Counter[str]]]:
    """Status counts overall and by due month, from the statuses worked out by hand."""
    total: Counter[str] = Counter()
    by_month: list[Counter[str]] = [Counter() for _ in range(12)]
    for key in keys:
        dues = list(p.tasks[key].occurrences.order_by("period_start").values_list("due_date", flat=True))
        assert len(dues) == len(p.expected[key]), key
        for due, status in zip(dues, p.expected[key], strict=True):
            if status == PENDING:
                status = MISSED if due < today else "upcoming"
            total[status] += 1
            by_month[due.month - 1][status] += 1
    return total, by_month


def inputs_of(p: Province, *units: Unit) -> list[ActivityInput]:
    """What was logged for `units` (every unit if none given)."""
    return [data for unit, data in p.logged if not units or unit in units]


def expected_totals(logged: list[ActivityInput], year: int, month: int | None = None) -> dict[str, Any]:
    rows = [
        d for d in logged if d.happened_on.year == year and (month is None or d.happened_on.month == month)
    ]

    def total(keep: Any) -> Decimal:
        return sum((Decimal(str(d.quantity)) for d in rows if keep(d)), Decimal(0))

    return {
        "activities": len(rows),
        "minutes": total(lambda d: d.measure == "minutes"),
        "articles": total(lambda d: d.measure == "items" and d.channel in PUBLISHING),
        "people": total(lambda d: d.measure == "attendees" and d.channel in GATHERING),
        "leaflets": total(lambda d: d.channel == "leaflet"),
        "panels": total(lambda d: d.channel == "panel_poster"),
        "spend": sum((Decimal(d.cost) for d in rows), Decimal(0)),
    }


def as_dict(obj: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


TOTAL_NAMES = ["activities", "minutes", "articles", "people", "leaflets", "panels", "spend"]
STATUS_NAMES = ["done", "late", "missed", "upcoming"]


def test_statuses_stored_are_the_ones_worked_out_by_hand(province: Province) -> None:
    for key, task in province.tasks.items():
        got = list(task.occurrences.order_by("period_start").values_list("status", flat=True))
        assert got == province.expected[key], key


def test_figures_of_the_province_equal_the_sums_of_what_was_created(province: Province) -> None:
    p = province
    units = [p.a.pk, p.b.pk, p.c.pk, p.idle.pk]
    figures = figures_for(units, 2024, today=TODAY)
    status_total, status_months = expected_statuses(p, list(p.tasks), TODAY)
    assert as_dict(figures.statuses, STATUS_NAMES) == {name: status_total[name] for name in STATUS_NAMES}
    assert as_dict(figures.statuses, STATUS_NAMES) == {"done": 6, "late": 1, "missed": 9, "upcoming": 17}
    for month, counts in enumerate(figures.statuses_by_month):
        assert as_dict(counts, STATUS_NAMES) == {n: status_months[month][n] for n in STATUS_NAMES}, month + 1
    assert as_dict(figures.totals, TOTAL_NAMES) == expected_totals(inputs_of(p), 2024)
    assert figures.totals.minutes == Decimal("85.5")
    for month, totals in enumerate(figures.activities_by_month, start=1):
        assert as_dict(totals, TOTAL_NAMES) == expected_totals(inputs_of(p), 2024, month), month
    channels = Counter(d.channel for d in inputs_of(p) if d.happened_on.year == 2024)
    assert figures.activities_by_channel == sorted(channels.items(), key=lambda kv: (-kv[1], kv[0]))
    assert figures.estimated_cost == Decimal(1_200_000 + 3_000_000 + 500_000 + 4_000_000)
    assert (figures.plans, figures.tasks) == (3, 6)
    assert figures.statuses.completion_rate == pytest.approx(100 * 7 / 16)
    assert figures.statuses.on_time_rate == pytest.approx(100 * 6 / 7)
    assert len(figures.overdue) == 9
    assert [o.due_date for o in figures.overdue] == sorted(o.due_date for o in figures.overdue)
    assert figures.overdue[0].label == "Tháng 02/2024"


def test_figures_of_one_commune_and_of_the_whole_country(province: Province) -> None:
    p = province
    only_b = figures_for([p.b.pk], 2024, today=TODAY)
    assert as_dict(only_b.statuses, STATUS_NAMES) == {"done": 2, "late": 0, "missed": 3, "upcoming": 3}
    assert as_dict(only_b.totals, TOTAL_NAMES) == expected_totals(inputs_of(p, p.b), 2024)
    everything = figures_for(None, 2024, today=TODAY)
    assert as_dict(everything.statuses, STATUS_NAMES) == {"done": 6, "late": 1, "missed": 9, "upcoming": 17}
    assert everything.totals.activities == 11
    nothing = figures_for([p.idle.pk], 2024, today=TODAY)
    assert (nothing.statuses.due, nothing.statuses.completion_rate, nothing.totals.activities) == (0, None, 0)
    assert figures_for(None, 2023, today=TODAY).totals.people == Decimal(40)


def test_pending_periods_past_due_count_as_missed_before_the_daily_job_runs(province: Province) -> None:
    p = province
    later = D(2024, 8, 1)
    figures = figures_for([p.a.pk, p.b.pk, p.c.pk], 2024, today=later)
    status_total, _ = expected_statuses(p, list(p.tasks), later)
    # June and July of a1 and c1, and the second quarter of b1, are now missed
    assert as_dict(figures.statuses, STATUS_NAMES) == {"done": 6, "late": 1, "missed": 14, "upcoming": 12}
    assert as_dict(figures.statuses, STATUS_NAMES) == {name: status_total[name] for name in STATUS_NAMES}
    assert len(figures.overdue) == 14


def test_draft_plans_are_left_out(province: Province) -> None:
    p = province
    figures = figures_for([p.a.pk], 2024, today=TODAY)
    # a1 and a2 only; the draft's twelve months and its cost are not there
    assert (figures.plans, figures.tasks, figures.estimated_cost) == (1, 2, Decimal(4_200_000))
    assert (
        figures.statuses.done + figures.statuses.late + figures.statuses.missed + figures.statuses.upcoming
        == 13
    )


def test_ranking_puts_the_commune_furthest_behind_first(province: Province) -> None:
    p = province
    rows = ranking(p.province, [p.a, p.b, p.c, p.idle], 2024, today=TODAY)
    assert [row.unit for row in rows] == [p.c, p.b, p.a, p.idle]
    rates = [row.completion_rate for row in rows]
    assert rates[:3] == [pytest.approx(100 * 1 / 5), pytest.approx(100 * 2 / 5), pytest.approx(100 * 4 / 6)]
    assert rates[3] is None
    assert [row.plans for row in rows] == [1, 1, 1, 0]
    for row in rows:
        assert as_dict(row.totals, TOTAL_NAMES) == expected_totals(inputs_of(p, row.unit), 2024), row.unit


def test_ranking_rolls_communes_up_to_their_legacy_district(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a legacy province → district → commune tree with 2024 plans at both lower levels
    freeze_today(monkeypatch, TODAY)
    province = UnitFactory(era=Era.LEGACY, level=Level.PROVINCE, name="Tỉnh Cũ")
    d1, d2 = (
        UnitFactory(era=Era.LEGACY, level=Level.DISTRICT, parent=province, name=n)
        for n in ("Huyện Một", "Huyện Hai")
    )
    d1a, d1b = (UnitFactory(era=Era.LEGACY, parent=d1, name=n) for n in ("Xã Một A", "Xã Một B"))
    d2a = UnitFactory(era=Era.LEGACY, parent=d2, name="Xã Hai A")
    actor = member_of(province)
    quarterly = task_in(issued_plan(d1a, actor), "Hằng quý", actor)
    log(d1a, D(2024, 2, 1), actor, task=quarterly)  # Q1 done; Q2–Q4 upcoming
    task_in(issued_plan(d1b, actor), "Trước 15/02", actor)  # missed
    monthly = task_in(issued_plan(d2, actor), "Hằng tháng", actor)
    log(d2, D(2024, 1, 3), actor, task=monthly)  # January done; February–May missed; 7 upcoming
    window = task_in(issued_plan(d2a, actor), "Quý I/2024", actor)
    log(d2a, D(2024, 3, 9), actor, task=window, quantity=4)  # done
    # when
    rows = ranking(province, [d1, d2], 2024, today=TODAY)
    # then d2 (2 of 6 met) comes before d1 (1 of 2 met)
    assert [row.unit for row in rows] == [d2, d1]
    assert [as_dict(row.statuses, STATUS_NAMES) for row in rows] == [
        {"done": 2, "late": 0, "missed": 4, "upcoming": 7},
        {"done": 1, "late": 0, "missed": 1, "upcoming": 3},
    ]
    assert [row.plans for row in rows] == [2, 2]
    assert [(row.totals.activities, row.totals.articles) for row in rows] == [
        (2, Decimal(5)),
        (1, Decimal(1)),
    ]
    # and one level down, the district's communes rank on their own
    assert [(row.unit, row.completion_rate) for row in ranking(d1, [d1a, d1b], 2024, today=TODAY)] == [
        (d1b, 0.0),
        (d1a, 100.0),
    ]
