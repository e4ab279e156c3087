"""Occurrences follow their task; activities, the evidence, are never lost on the way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from loa.activities.models import Activity
from loa.activities.scheduling import mark_missed, occurrence_on, reassess
from loa.plans.choices import OccurrenceStatus
from loa.plans.models import Occurrence, Task
from loa.plans.services import TaskInput, delete_task, update_task
from tests.activities import freeze_today, issued_plan, log, member_of, statuses, task_in
from tests.units.factories import UnitFactory

D = dt.date
DONE, LATE, MISSED, PENDING = (
    OccurrenceStatus.DONE,
    OccurrenceStatus.LATE,
    OccurrenceStatus.MISSED,
    OccurrenceStatus.PENDING,
)
MONTHLY_RADIO = "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút"


def occ(start: dt.date, end: dt.date) -> Occurrence:
    return Occurrence(period_start=start, period_end=end, due_date=end, label=f"{start}")


def test_occurrence_on_picks_the_period_holding_the_day_else_the_last_before_else_the_first() -> None:
    feb = occ(D(2024, 2, 1), D(2024, 2, 29))
    jan = occ(D(2024, 1, 1), D(2024, 1, 31))
    apr = occ(D(2024, 4, 1), D(2024, 4, 30))
    shuffled = [apr, jan, feb]
    assert occurrence_on(shuffled, D(2024, 2, 29)) is feb
    assert occurrence_on(shuffled, D(2024, 1, 1)) is jan
    assert occurrence_on(shuffled, D(2024, 3, 15)) is feb  # gap: the last period that ended before
    assert occurrence_on(shuffled, D(2025, 1, 3)) is apr  # after the year: the last one
    assert occurrence_on(shuffled, D(2023, 12, 20)) is jan  # before the first: the first one
    assert occurrence_on([], D(2024, 1, 1)) is None


def radio_minutes(on: dt.date, minutes: int) -> dict[str, object]:
    return {"on": on, "quantity": minutes, "measure": "minutes"}


@pytest.fixture
def monthly_with_evidence(db: None) -> tuple[Task, list[Activity], object]:
    """A 2024 monthly radio task (≥ 15 minutes a month) with five activities logged."""
    commune = UnitFactory()
    editor = member_of(commune)
    plan = issued_plan(commune, editor)
    task = task_in(plan, MONTHLY_RADIO, editor, channel="radio")
    activities = [
        log(commune, D(2024, 1, 10), editor, task=task, quantity=20, measure="minutes"),
        log(commune, D(2024, 2, 5), editor, task=task, quantity=10, measure="minutes"),
        log(commune, D(2024, 2, 20), editor, task=task, quantity=10, measure="minutes"),
        log(commune, D(2024, 3, 3), editor, task=task, quantity=5, measure="minutes"),
        log(commune, D(2024, 5, 14), editor, task=task, quantity=15, measure="minutes"),
    ]
    return task, activities, editor


def linked_labels(activities: list[Activity]) -> list[str | None]:
    rows = Activity.objects.filter(pk__in=[a.pk for a in activities]).select_related("occurrence")
    by_pk = {a.pk: (a.occurrence.label if a.occurrence else None) for a in rows}
    return [by_pk[a.pk] for a in activities]


def retime(task: Task, timing: str, actor: object) -> Task:
    return update_task(
        task, TaskInput(title=task.title, channel=task.channel, timing_text=timing), actor=actor
    )


def test_monthly_quota_statuses_follow_the_minutes_logged(
    monthly_with_evidence: tuple[Task, list[Activity], object],
) -> None:
    task, activities, _ = monthly_with_evidence
    assert linked_labels(activities) == [
        "Tháng 01/2024",
        "Tháng 02/2024",
        "Tháng 02/2024",
        "Tháng 03/2024",
        "Tháng 05/2024",
    ]
    got = statuses(task)
    assert got["Tháng 01/2024"] == DONE
    assert got["Tháng 02/2024"] == DONE  # 10 + 10 minutes
    assert got["Tháng 03/2024"] == MISSED  # 5 < 15 and the month is long past
    assert got["Tháng 04/2024"] == MISSED
    assert got["Tháng 05/2024"] == DONE
    assert task.occurrences.get(label="Tháng 02/2024").fulfilled_on == D(2024, 2, 20)


def test_monthly_to_quarterly_relinks_every_activity_and_reassesses(
    monthly_with_evidence: tuple[Task, list[Activity], object],
) -> None:
    task, activities, editor = monthly_with_evidence
    # when the quota becomes quarterly with the same evidence
    task = retime(task, "Hằng quý, thời lượng tối thiểu 50 phút", editor)
    # then nothing is deleted and each activity sits in the quarter holding its date
    assert Activity.objects.filter(pk__in=[a.pk for a in activities]).count() == 5
    assert linked_labels(activities) == ["Quý I/2024"] * 4 + ["Quý II/2024"]
    # Q1: 20+10+10+5 = 45 < 50 minutes → missed; Q2: 15 < 50 → missed
    assert statuses(task) == {
        "Quý I/2024": MISSED,
        "Quý II/2024": MISSED,
        "Quý III/2024": MISSED,
        "Quý IV/2024": MISSED,
    }
    # when the quarterly quota is lowered to what Q1 reached
    task = retime(task, "Hằng quý, thời lượng tối thiểu 45 phút", editor)
    # then Q1 is done on the day the 45th minute was logged
    q1 = task.occurrences.get(label="Quý I/2024")
    assert (q1.status, q1.fulfilled_on) == (DONE, D(2024, 3, 3))
    assert task.occurrences.count() == 4


def test_a_single_window_takes_the_evidence_logged_after_it(
    monthly_with_evidence: tuple[Task, list[Activity], object],
) -> None:
    task, activities, editor = monthly_with_evidence
    task = retime(task, "Quý I/2024", editor)
    assert task.occurrences.count() == 1
    assert linked_labels(activities) == ["Quý I/2024"] * 5  # May is after the window: the last period
    q1 = task.occurrences.get()
    # one activity is enough without a quota; the first was on 10/01
    assert (q1.status, q1.fulfilled_on) == (DONE, D(2024, 1, 10))


def test_a_narrower_window_moves_evidence_to_the_nearest_period(
    monthly_with_evidence: tuple[Task, list[Activity], object],
) -> None:
    task, activities, editor = monthly_with_evidence
    task = retime(task, "Tháng 3 - Tháng 5", editor)
    assert list(task.occurrences.values_list("label", flat=True)) == [
        "Tháng 03/2024",
        "Tháng 04/2024",
        "Tháng 05/2024",
    ]
    assert Activity.objects.filter(pk__in=[a.pk for a in activities]).count() == 5
    # January and February come before the window: they go to its first period
    assert linked_labels(activities) == ["Tháng 03/2024"] * 4 + ["Tháng 05/2024"]
    assert statuses(task) == {"Tháng 03/2024": DONE, "Tháng 04/2024": MISSED, "Tháng 05/2024": DONE}


def test_quarterly_to_monthly_moves_evidence_out_of_the_kept_first_period(db: None) -> None:
    # given a quarterly task with evidence in February and March
    commune = UnitFactory()
    editor = member_of(commune)
    task = task_in(issued_plan(commune, editor), "Hằng quý", editor, channel="portal")
    feb = log(commune, D(2024, 2, 15), editor, task=task, channel="portal")
    mar = log(commune, D(2024, 3, 20), editor, task=task, channel="portal")
    assert statuses(task)["Quý I/2024"] == DONE
    # when the task becomes monthly (the Q1 row, starting 01/01, is kept as January)
    task = retime(task, "Hằng tháng", editor)
    # then each activity is in the month holding its date, and January has no evidence
    assert linked_labels([feb, mar]) == ["Tháng 02/2024", "Tháng 03/2024"]
    got = statuses(task)
    assert (got["Tháng 01/2024"], got["Tháng 02/2024"], got["Tháng 03/2024"]) == (MISSED, DONE, DONE)


def test_deleting_a_task_keeps_its_activities_unlinked(
    monthly_with_evidence: tuple[Task, list[Activity], object],
) -> None:
    task, activities, editor = monthly_with_evidence
    delete_task(task, actor=editor)
    assert not Occurrence.objects.filter(task_id=task.pk).exists()
    kept = Activity.objects.filter(pk__in=[a.pk for a in activities])
    assert kept.count() == 5
    assert set(kept.values_list("occurrence", flat=True)) == {None}


def test_reassess_counts_only_changes_and_is_idempotent(
    monthly_with_evidence: tuple[Task, list[Activity], object],
) -> None:
    task, _, _ = monthly_with_evidence
    # as of 15/03/2024 March, April and June–December are open again (May is done)
    assert reassess(task.occurrences.all(), on=D(2024, 3, 15)) == 9
    got = statuses(task)
    assert (got["Tháng 03/2024"], got["Tháng 04/2024"], got["Tháng 12/2024"]) == (PENDING, PENDING, PENDING)
    assert got["Tháng 05/2024"] == DONE  # evidence counts whatever day it is assessed
    assert reassess(task.occurrences.all(), on=D(2024, 3, 15)) == 0


def test_mark_missed_turns_only_pending_periods_past_their_due_date(
    monkeypatch: pytest.MonkeyPatch, db: None
) -> None:
    # given a plan seen on 10/02/2024: January done, February and March pending
    freeze_today(monkeypatch, D(2024, 2, 10))
    commune = UnitFactory()
    editor = member_of(commune)
    task = task_in(issued_plan(commune, editor), "Hằng tháng", editor)
    log(commune, D(2024, 1, 31), editor, task=task)
    assert list(statuses(task).values())[:3] == [DONE, PENDING, PENDING]
    # when the daily job runs on 29/02 (February's due date) and then on 01/03
    assert mark_missed(on=D(2024, 2, 29)) == 0
    assert mark_missed(on=D(2024, 3, 1)) == 1
    # then only February turned missed; done and future periods are untouched
    got = statuses(task)
    assert (got["Tháng 01/2024"], got["Tháng 02/2024"], got["Tháng 03/2024"]) == (DONE, MISSED, PENDING)
    assert Occurrence.objects.filter(task=task, status=PENDING).count() == 10


def test_late_evidence_turns_a_missed_period_late(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    freeze_today(monkeypatch, D(2024, 2, 20))
    commune = UnitFactory()
    editor = member_of(commune)
    task = task_in(issued_plan(commune, editor), "Trước 15/02", editor)
    assert statuses(task) == {"Trước 15/02/2024": MISSED}
    log(commune, D(2024, 2, 18), editor, task=task, quantity=Decimal(1))
    occurrence = task.occurrences.get()
    assert (occurrence.status, occurrence.fulfilled_on) == (LATE, D(2024, 2, 18))
