"""Report periods: the cut-off windows of NĐ 09/2019 (DOMAIN.md §5.2) and submission deadlines."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.text.timing import ReportingPeriod
from loa.tracking.reporting import (
    DeadlineRule,
    PeriodKind,
    ReportPeriod,
    due_date,
    period,
    period_containing,
    periods_of_year,
)

Q, H, N, Y = PeriodKind.QUARTERLY, PeriodKind.SEMIANNUAL, PeriodKind.NINE_MONTHS, PeriodKind.ANNUAL
KHANH_HOA = DeadlineRule()  # 02 working days after the cut-off
FAST = settings(max_examples=200, deadline=None)

# (kind, year, index, window start, window end, label, title label)
WINDOWS = [
    (Q, 2024, 1, date(2023, 12, 15), date(2024, 3, 14), "quý I năm 2024", "Quý I năm 2024"),
    (Q, 2024, 2, date(2024, 3, 15), date(2024, 6, 14), "quý II năm 2024", "Quý II năm 2024"),
    (Q, 2024, 3, date(2024, 6, 15), date(2024, 9, 14), "quý III năm 2024", "Quý III năm 2024"),
    (Q, 2024, 4, date(2024, 9, 15), date(2024, 12, 14), "quý IV năm 2024", "Quý IV năm 2024"),
    (H, 2024, 1, date(2023, 12, 15), date(2024, 6, 14), "6 tháng đầu năm 2024", "6 tháng đầu năm 2024"),
    (N, 2024, 1, date(2023, 12, 15), date(2024, 9, 14), "9 tháng năm 2024", "9 tháng năm 2024"),
    (Y, 2024, 1, date(2023, 12, 15), date(2024, 12, 14), "năm 2024", "Năm 2024"),
    (Q, 2025, 1, date(2024, 12, 15), date(2025, 3, 14), "quý I năm 2025", "Quý I năm 2025"),
    (Q, 2025, 2, date(2025, 3, 15), date(2025, 6, 14), "quý II năm 2025", "Quý II năm 2025"),
    (Q, 2025, 3, date(2025, 6, 15), date(2025, 9, 14), "quý III năm 2025", "Quý III năm 2025"),
    (Q, 2025, 4, date(2025, 9, 15), date(2025, 12, 14), "quý IV năm 2025", "Quý IV năm 2025"),
    (H, 2025, 1, date(2024, 12, 15), date(2025, 6, 14), "6 tháng đầu năm 2025", "6 tháng đầu năm 2025"),
    (N, 2025, 1, date(2024, 12, 15), date(2025, 9, 14), "9 tháng năm 2025", "9 tháng năm 2025"),
    (Y, 2025, 1, date(2024, 12, 15), date(2025, 12, 14), "năm 2025", "Năm 2025"),
]


@pytest.mark.parametrize(("kind", "year", "index", "start", "end", "label", "title"), WINDOWS)
def test_period_windows_follow_the_cut_off_table(
    kind: PeriodKind, year: int, index: int, start: date, end: date, label: str, title: str
) -> None:
    found = period(kind, year, index)
    assert (found.kind, found.year, found.index) == (kind, year, index)
    assert (found.window_start, found.window_end) == (start, end)
    assert (found.label, found.title_label) == (label, title)


@pytest.mark.parametrize(
    ("kind", "index", "start", "end"),
    [
        (Q, 1, date(2024, 1, 1), date(2024, 3, 31)),
        (Q, 2, date(2024, 4, 1), date(2024, 6, 30)),
        (Q, 3, date(2024, 7, 1), date(2024, 9, 30)),
        (Q, 4, date(2024, 10, 1), date(2024, 12, 31)),
        (H, 1, date(2024, 1, 1), date(2024, 6, 30)),
        (N, 1, date(2024, 1, 1), date(2024, 9, 30)),
        (Y, 1, date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_calendar_span_is_the_span_the_period_is_named_after(
    kind: PeriodKind, index: int, start: date, end: date
) -> None:
    found = period(kind, 2024, index)
    assert (found.calendar_start, found.calendar_end) == (start, end)


def test_period_kinds_are_the_reporting_periods_the_timing_parser_reads() -> None:
    assert PeriodKind is ReportingPeriod
    assert [k.value for k in PeriodKind] == ["quarterly", "semiannual", "nine_months", "annual"]


def test_a_kind_may_be_given_by_its_stored_value() -> None:
    assert period("quarterly", 2024, 2) == period(Q, 2024, 2)
    assert period_containing(date(2024, 5, 1), "annual").label == "năm 2024"


def test_a_leap_day_falls_in_quarter_one() -> None:
    assert period_containing(date(2024, 2, 29), Q).label == "quý I năm 2024"


def test_periods_of_a_year_come_in_the_order_their_windows_end() -> None:
    periods = periods_of_year(2024, list(PeriodKind))
    assert [p.label for p in periods] == [
        "quý I năm 2024",
        "quý II năm 2024",
        "6 tháng đầu năm 2024",
        "quý III năm 2024",
        "9 tháng năm 2024",
        "quý IV năm 2024",
        "năm 2024",
    ]


def test_periods_of_a_year_keep_only_the_kinds_asked_for() -> None:
    assert [p.label for p in periods_of_year(2025, [Y, H, H])] == ["6 tháng đầu năm 2025", "năm 2025"]
    assert len(periods_of_year(2025)) == 7
    assert periods_of_year(2025, []) == []


@pytest.mark.parametrize(
    ("day", "kind", "label"),
    [
        (date(2024, 3, 14), Q, "quý I năm 2024"),
        (date(2024, 3, 15), Q, "quý II năm 2024"),
        (date(2024, 6, 14), Q, "quý II năm 2024"),
        (date(2024, 6, 15), Q, "quý III năm 2024"),
        (date(2024, 9, 14), Q, "quý III năm 2024"),
        (date(2024, 9, 15), Q, "quý IV năm 2024"),
        (date(2024, 12, 14), Q, "quý IV năm 2024"),
        (date(2024, 12, 15), Q, "quý I năm 2025"),
        (date(2024, 12, 20), Q, "quý I năm 2025"),
        (date(2024, 12, 31), Q, "quý I năm 2025"),
        (date(2025, 1, 1), Q, "quý I năm 2025"),
        (date(2024, 12, 14), Y, "năm 2024"),
        (date(2024, 12, 15), Y, "năm 2025"),
        (date(2024, 12, 20), Y, "năm 2025"),
        (date(2024, 12, 15), H, "6 tháng đầu năm 2025"),
        (date(2024, 6, 14), H, "6 tháng đầu năm 2024"),
        (date(2024, 9, 14), N, "9 tháng năm 2024"),
    ],
)
def test_period_containing_a_day_at_the_boundaries(day: date, kind: PeriodKind, label: str) -> None:
    found = period_containing(day, kind)
    assert found.label == label
    assert day in found


@pytest.mark.parametrize(
    ("day", "kind"),
    [(date(2024, 6, 15), H), (date(2024, 12, 14), H), (date(2024, 9, 15), N), (date(2024, 12, 1), N)],
)
def test_a_day_after_a_half_year_or_nine_month_window_is_in_no_such_period(
    day: date, kind: PeriodKind
) -> None:
    with pytest.raises(ValueError, match=f"{day:%d/%m/%Y} is in no {kind.value} report window"):
        period_containing(day, kind)


@pytest.mark.parametrize(
    ("kind", "year", "index", "message"),
    [
        (Q, 2024, 0, "A quarter is numbered 1 to 4, not 0"),
        (Q, 2024, 5, "A quarter is numbered 1 to 4, not 5"),
        (Y, 2024, 2, "A annual period has only index 1, not 2"),
        (H, 2024, 0, "A semiannual period has only index 1, not 0"),
        ("monthly", 2024, 1, "Unknown report period kind 'monthly'; expected one of: quarterly, "),
        (Q, 1999, 1, "Report periods run from 2000 to 2100, not 1999"),
        (Y, 2101, 1, "Report periods run from 2000 to 2100, not 2101"),
    ],
)
def test_period_refuses_a_bad_kind_index_or_year(
    kind: PeriodKind | str, year: int, index: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        period(kind, year, index)


def test_period_containing_refuses_a_day_in_a_year_out_of_range() -> None:
    assert period_containing(date(2099, 12, 15), Q).year == 2100
    with pytest.raises(ValueError, match="not 2101"):
        period_containing(date(2100, 12, 15), Q)


def test_the_years_at_the_edges_of_the_range_have_periods() -> None:
    assert period(Q, 2000, 1).window_start == date(1999, 12, 15)
    assert period(Y, 2100).window_end == date(2100, 12, 14)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 14))


@FAST
@given(days)
def test_every_day_is_in_exactly_one_quarter_and_one_year(day: date) -> None:
    quarter = period_containing(day, Q)
    year = period_containing(day, Y)
    assert day in quarter
    assert day in year
    assert quarter.year == year.year
    years = [y for y in (year.year - 1, year.year, year.year + 1) if 2000 <= y <= 2100]
    neighbours = [period(Q, y, i) for y in years for i in range(1, 5)]
    assert [p for p in neighbours if day in p] == [quarter]


@FAST
@given(st.integers(min_value=2000, max_value=2099))
def test_quarters_tile_the_reporting_year_without_gaps(year: int) -> None:
    quarters = [period(Q, year, i) for i in range(1, 5)] + [period(Q, year + 1, 1)]
    for before, after in itertools.pairwise(quarters):
        assert after.window_start == before.window_end + timedelta(days=1)
    assert quarters[0].window_start == period(Y, year).window_start
    assert quarters[3].window_end == period(Y, year).window_end


@FAST
@given(days, st.sampled_from([H, N]))
def test_cumulative_periods_hold_a_day_only_up_to_their_cut_off(day: date, kind: PeriodKind) -> None:
    year = period_containing(day, Y).year
    expected = period(kind, year)
    if day in expected:
        assert period_containing(day, kind) == expected
    else:
        with pytest.raises(ValueError, match="report window"):
            period_containing(day, kind)


# --- deadlines ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "due"),
    [
        (period(Q, 2024, 1), date(2024, 3, 18)),  # cut-off Thu 14/03 → Fri 15, Mon 18
        (period(Q, 2024, 2), date(2024, 6, 18)),  # cut-off Fri 14/06 → Mon 17, Tue 18
        (period(H, 2024), date(2024, 6, 18)),
        (period(Q, 2024, 3), date(2024, 9, 17)),  # cut-off Sat 14/09 → Mon 16, Tue 17
        (period(Y, 2024), date(2024, 12, 17)),  # cut-off Sat 14/12 → Mon 16, Tue 17
        (period(Q, 2025, 1), date(2025, 3, 18)),  # cut-off Fri 14/03 → Mon 17, Tue 18
        (period(Q, 2025, 3), date(2025, 9, 16)),  # cut-off Sun 14/09 → Mon 15, Tue 16
    ],
)
def test_khanh_hoa_reports_are_due_two_working_days_after_the_cut_off(
    report: ReportPeriod, due: date
) -> None:
    assert due_date(report, KHANH_HOA) == due


def test_holidays_do_not_count_as_working_days() -> None:
    # A day off on Friday 15/03/2024 and Monday 18/03/2024 pushes the deadline to Wednesday.
    holidays = {date(2024, 3, 15), date(2024, 3, 18)}
    assert due_date(period(Q, 2024, 1), KHANH_HOA, holidays) == date(2024, 3, 20)


def test_a_saturday_worked_in_exchange_counts_as_a_working_day() -> None:
    # Cut-off Saturday 14/09/2024; Sunday 15/09 worked in exchange → Sunday 15, Monday 16.
    assert due_date(period(Q, 2024, 3), KHANH_HOA, workdays={date(2024, 9, 15)}) == date(2024, 9, 16)
    assert due_date(period(Q, 2024, 3), DeadlineRule(1), workdays={date(2024, 9, 15)}) == date(2024, 9, 15)


def test_zero_working_days_is_the_cut_off_day_or_the_next_working_day() -> None:
    assert due_date(period(Q, 2024, 1), DeadlineRule(0)) == date(2024, 3, 14)
    assert due_date(period(Q, 2024, 3), DeadlineRule(0)) == date(2024, 9, 16)


@pytest.mark.parametrize(
    ("report", "day", "due"),
    [
        (period(Q, 2024, 1), 18, date(2024, 3, 18)),  # Monday
        (period(H, 2024), 18, date(2024, 6, 18)),
        (period(Y, 2024), 18, date(2024, 12, 18)),
        (period(Q, 2024, 3), 15, date(2024, 9, 16)),  # Sunday 15/09 → Monday
        (period(Q, 2024, 2), 31, date(2024, 7, 1)),  # June has 30 days; Sunday 30/06 → Monday 01/07
        (period(N, 2024), 31, date(2024, 9, 30)),
        (period(Q, 2024, 1), 10, date(2024, 3, 11)),  # a lower level reporting early; Sunday → Monday
    ],
)
def test_a_fixed_day_of_the_last_month_moves_off_weekends(report: ReportPeriod, day: int, due: date) -> None:
    assert due_date(report, DeadlineRule(fixed_day_of_month=day)) == due


def test_a_fixed_day_moves_past_holidays() -> None:
    rule = DeadlineRule(fixed_day_of_month=18)
    assert due_date(period(Y, 2024), rule, {date(2024, 12, 18), date(2024, 12, 19)}) == date(2024, 12, 20)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"working_days_after_cutoff": -1}, "working_days_after_cutoff must be 0 to 60, not -1"),
        ({"working_days_after_cutoff": 61}, "working_days_after_cutoff must be 0 to 60, not 61"),
        ({"fixed_day_of_month": 0}, "fixed_day_of_month must be 1 to 31, not 0"),
        ({"fixed_day_of_month": 32}, "fixed_day_of_month must be 1 to 31, not 32"),
    ],
)
def test_deadline_rule_refuses_impossible_figures(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DeadlineRule(**kwargs)


@FAST
@given(days, st.integers(min_value=0, max_value=10), st.sets(st.dates(date(2000, 1, 1), date(2101, 3, 1))))
def test_a_due_date_is_a_working_day_on_or_after_the_cut_off(
    day: date, working_days: int, holidays: set[date]
) -> None:
    report = period_containing(day, Q)
    due = due_date(report, DeadlineRule(working_days), holidays)
    assert due >= report.window_end
    assert due.weekday() < 5
    assert due not in holidays
    between = [report.window_end + timedelta(days=n) for n in range(1, (due - report.window_end).days)]
    assert sum(1 for d in between if d.weekday() < 5 and d not in holidays) == max(working_days - 1, 0)
