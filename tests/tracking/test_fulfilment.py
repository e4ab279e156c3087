"""The done / late / missed rule on quotas from the seeds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from loa.tracking.fulfilment import Evidence, Requirement, Status, assess

DUE = date(2024, 3, 31)


def minutes(day: int, amount: int, month: int = 3) -> Evidence:
    return Evidence(date(2024, month, day), Decimal(amount), "minutes")


RADIO_COLUMN = Requirement.of(count=None, measure="minutes", minimum=15)  # ≥ 15 minutes a month


def test_quota_met_within_the_month_is_done_on_the_day_it_was_reached() -> None:
    outcome = assess(RADIO_COLUMN, [minutes(20, 10), minutes(5, 10)], due=DUE, today=date(2024, 3, 25))
    assert outcome.status is Status.DONE
    assert outcome.fulfilled_on == date(2024, 3, 20)
    assert outcome.achieved == Decimal(20)
    assert outcome.activities == 2


def test_quota_short_is_pending_until_the_due_date_then_missed() -> None:
    evidence = [minutes(5, 10)]
    assert assess(RADIO_COLUMN, evidence, due=DUE, today=DUE).status is Status.PENDING
    assert assess(RADIO_COLUMN, evidence, due=DUE, today=date(2024, 4, 1)).status is Status.MISSED


def test_quota_met_after_the_due_date_is_late() -> None:
    outcome = assess(RADIO_COLUMN, [minutes(5, 10), minutes(3, 10, month=4)], due=DUE, today=date(2024, 4, 9))
    assert outcome.status is Status.LATE
    assert outcome.fulfilled_on == date(2024, 4, 3)


def test_other_measures_do_not_count_towards_a_minutes_quota() -> None:
    articles = [Evidence(date(2024, 3, d), Decimal(5), "items") for d in (1, 2, 3)]
    assert assess(RADIO_COLUMN, articles, due=DUE, today=date(2024, 4, 2)).status is Status.MISSED


def test_without_a_quota_the_written_count_of_activities_is_needed() -> None:
    twice = Requirement.of(count=2, measure=None, minimum=None)
    one = [Evidence(date(2024, 3, 1), Decimal(1), "items")]
    assert assess(twice, one, due=DUE, today=date(2024, 3, 2)).status is Status.PENDING
    two = [*one, Evidence(date(2024, 3, 9), Decimal(1), "items")]
    outcome = assess(twice, two, due=DUE, today=date(2024, 3, 10))
    assert (outcome.status, outcome.fulfilled_on) == (Status.DONE, date(2024, 3, 9))


def test_a_task_with_neither_count_nor_quota_needs_one_activity() -> None:
    anything = Requirement.of(count=None, measure="", minimum=None)
    assert anything == Requirement(count=1)
    assert assess(anything, [], due=DUE, today=DUE).status is Status.PENDING
    evidence = [Evidence(date(2024, 2, 1), Decimal(0), "items")]
    assert assess(anything, evidence, due=DUE, today=DUE).status is Status.DONE
