"""Database rules of plans and tasks: they hold whatever code writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from loa.plans.choices import PlanStatus
from loa.plans.services import next_plan_number, split_number
from tests.plans.factories import PlanFactory, TaskFactory
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_plan_number_is_unique_per_issuer_and_year() -> None:
    plan = PlanFactory(number=11, symbol="KH-UBND", year=2024)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(unit=plan.unit, number=11, symbol="KH-UBND", year=2024)


def test_same_number_is_allowed_in_another_year_or_by_another_issuer() -> None:
    plan = PlanFactory(number=13, year=2024)
    PlanFactory(unit=plan.unit, number=13, year=2025)
    PlanFactory(unit=UnitFactory(), number=13, year=2024)
    # drafts without a number never clash
    PlanFactory(unit=plan.unit, number=None, year=2024)
    PlanFactory(unit=plan.unit, number=None, year=2024)


def test_next_plan_number_counts_within_issuer_and_year() -> None:
    plan = PlanFactory(number=4, year=2026)
    PlanFactory(unit=plan.unit, number=9, year=2025)
    assert next_plan_number(plan.unit, 2026) == 5
    assert next_plan_number(plan.unit, 2027) == 1


def test_issued_plan_needs_an_issue_date() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(status=PlanStatus.ISSUED, issue_date=None)
    PlanFactory(status=PlanStatus.ISSUED, issue_date=dt.date(2024, 1, 26))


def test_task_period_must_be_ordered() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskFactory(start=dt.date(2024, 5, 1), end=dt.date(2024, 4, 1))


def test_number_and_symbol_has_leading_zero_below_ten() -> None:
    assert PlanFactory.build(number=5, symbol="KH-UBND").number_and_symbol == "05/KH-UBND"
    assert PlanFactory.build(number=38, symbol="KH-UBND").number_and_symbol == "38/KH-UBND"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11/KH-UBND", (11, "KH-UBND")),
        ("38 /KH-UBND", (38, "KH-UBND")),
        ("05/KH-UBND", (5, "KH-UBND")),
        ("/KH-UBND", (None, "KH-UBND")),
        ("", (None, "")),
        (None, (None, "")),
    ],
)
def test_split_number(text: str | None, expected: tuple[int | None, str]) -> None:
    assert split_number(text) == expected
