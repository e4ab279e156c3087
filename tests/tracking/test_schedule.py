"""Occurrence periods expanded from the seeds' timing phrases."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.text.timing import Recurrence, parse_timing
from loa.tracking.schedule import MAX_PERIODS, periods_for


def periods_of(text: str, year: int = 2024) -> list[tuple[str, date, date]]:
    timing = parse_timing(text, plan_year=year)
    recurrence = timing.recurrence.value if timing.recurrence else None
    return [
        (p.label, p.start, p.due)
        for p in periods_for(recurrence, year=year, start=timing.start, end=timing.end)
    ]


def test_continuous_work_is_evidenced_month_by_month() -> None:
    periods = periods_of("Thường xuyên trong năm")
    assert len(periods) == 12
    assert periods[0] == ("Tháng 01/2024", date(2024, 1, 1), date(2024, 1, 31))
    assert periods[1][2] == date(2024, 2, 29)  # leap year
    assert periods[-1] == ("Tháng 12/2024", date(2024, 12, 1), date(2024, 12, 31))


def test_a_quarter_window_is_one_period_named_as_the_plan_names_it() -> None:
    assert periods_of("Quý I/2024") == [("Quý I/2024", date(2024, 1, 1), date(2024, 3, 31))]
    assert periods_of("Quý IV/2024") == [("Quý IV/2024", date(2024, 10, 1), date(2024, 12, 31))]


def test_a_deadline_runs_from_new_year_to_the_date() -> None:
    assert periods_of("Trước 17/01") == [("Trước 17/01/2024", date(2024, 1, 1), date(2024, 1, 17))]


def test_quarterly_and_half_year_reporting() -> None:
    quarters = periods_of("Hằng quý")
    assert [p[0] for p in quarters] == ["Quý I/2024", "Quý II/2024", "Quý III/2024", "Quý IV/2024"]
    halves = periods_for(Recurrence.SEMIANNUAL, year=2023)
    assert [(p.label, p.due) for p in halves] == [
        ("6 tháng đầu năm 2023", date(2023, 6, 30)),
        ("6 tháng cuối năm 2023", date(2023, 12, 31)),
    ]


def test_weekly_periods_are_iso_weeks_clipped_to_the_year() -> None:
    weeks = periods_for(Recurrence.WEEKLY, year=2024)
    assert weeks[0].start == date(2024, 1, 1)
    assert weeks[0].end == date(2024, 1, 7)
    assert weeks[0].label == "Tuần 01/2024 (01/01–07/01)"
    assert weeks[-1].end == date(2024, 12, 31)  # Monday 30/12 – Sunday 05/01 cut at year end
    assert len(weeks) == 53


def test_annual_and_unknown_timing_are_one_period_over_the_year() -> None:
    assert [(p.label, p.due) for p in periods_for(Recurrence.ANNUAL, year=2022)] == [
        ("Năm 2022", date(2022, 12, 31))
    ]
    assert [p.label for p in periods_for(None, year=2022)] == ["Năm 2022"]


def test_a_monthly_task_inside_a_window_covers_only_its_months() -> None:
    periods = periods_for(Recurrence.MONTHLY, year=2024, start=date(2024, 3, 15), end=date(2024, 6, 10))
    assert [(p.label, p.start, p.end) for p in periods] == [
        ("Tháng 03/2024", date(2024, 3, 15), date(2024, 3, 31)),
        ("Tháng 04/2024", date(2024, 4, 1), date(2024, 4, 30)),
        ("Tháng 05/2024", date(2024, 5, 1), date(2024, 5, 31)),
        ("Tháng 06/2024", date(2024, 6, 1), date(2024, 6, 10)),
    ]


def test_a_backwards_window_is_swapped_not_dropped() -> None:
    periods = periods_for(None, year=2024, start=date(2024, 9, 1), end=date(2024, 3, 1))
    assert [(p.start, p.end) for p in periods] == [(date(2024, 3, 1), date(2024, 9, 1))]


@pytest.mark.parametrize("recurrence", [None, *Recurrence])
@settings(deadline=None)  # speed is not what this checks; a busy machine must not fail it
@given(
    year=st.integers(2000, 2100),
    start=st.one_of(st.none(), st.dates(date(1999, 1, 1), date(2101, 12, 31))),
    length=st.one_of(st.none(), st.integers(0, 800)),
)
def test_periods_tile_the_window_in_order(
    recurrence: Recurrence | None, year: int, start: date | None, length: int | None
) -> None:
    end = start + timedelta(days=length) if start is not None and length is not None else None
    periods = periods_for(recurrence, year=year, start=start, end=end)
    assert 1 <= len(periods) <= MAX_PERIODS
    for period in periods:
        assert period.start <= period.end == period.due
        assert period.label
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
