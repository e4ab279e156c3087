"""Examples for `parse_timing`: every phrase in DOMAIN.md §6.1-6.3, the gold labels and the OCR forms."""

from __future__ import annotations

from datetime import date

import pytest

from loa.text.folding import strip_diacritics
from loa.text.timing import (
    MAX_CHARS,
    Measure,
    Quota,
    Recurrence,
    ReportingPeriod,
    Timing,
    TimingFlag,
    TimingKind,
    parse_timing,
)

K = TimingKind
R = Recurrence
D = date
Y = 2024  # plan year used unless a case says otherwise

# (text, plan_year, kind, recurrence, start, end)
CATALOGUE: list[tuple[str, int | None, TimingKind, Recurrence | None, date | None, date | None]] = [
    # §6.1 seen in the seeds
    ("Thường xuyên trong năm", Y, K.CONTINUOUS, R.CONTINUOUS, None, None),
    ("Thường xuyên trong \n năm", Y, K.CONTINUOUS, R.CONTINUOUS, None, None),
    ("Thường xuyên", Y, K.CONTINUOUS, R.CONTINUOUS, None, None),
    ("Thường xuyên.", Y, K.CONTINUOUS, R.CONTINUOUS, None, None),
    ("Thuong xuyen", Y, K.CONTINUOUS, R.CONTINUOUS, None, None),
    ("Trong năm 2024", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 12, 31)),
    ("Trong năm 2021", 2021, K.WITHIN, R.ONCE, D(2021, 1, 1), D(2021, 12, 31)),
    ("Trong năm 2020", 2021, K.WITHIN, R.ONCE, D(2020, 1, 1), D(2020, 12, 31)),
    ("Quý I/2024", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 3, 31)),
    ("Quý IV/2024", Y, K.WITHIN, R.ONCE, D(2024, 10, 1), D(2024, 12, 31)),
    ("Quý IV/2023", Y, K.WITHIN, R.ONCE, D(2023, 10, 1), D(2023, 12, 31)),
    ("Mỗi tháng 01 kỳ", Y, K.RECURRING, R.MONTHLY, None, None),
    ("Mỗi tháng", Y, K.RECURRING, R.MONTHLY, None, None),
    ("Moi thang", Y, K.RECURRING, R.MONTHLY, None, None),
    ("Hàng tháng", Y, K.RECURRING, R.MONTHLY, None, None),
    ("Hàng tháng trong năm", Y, K.RECURRING, R.MONTHLY, None, None),
    ("Hàng tuần", Y, K.RECURRING, R.WEEKLY, None, None),
    (
        "Một tuần một lần, thời lượng phát sóng mỗi lần từ 10 đến 15 phút",
        Y,
        K.RECURRING,
        R.WEEKLY,
        None,
        None,
    ),
    ("thời lượng mỗi tháng ít nhất 15 phút", Y, K.RECURRING, R.MONTHLY, None, None),
    ("Ban hành trước 15/02/2021", 2021, K.DEADLINE, R.ONCE, None, D(2021, 2, 15)),
    ("Trước 17/01", Y, K.DEADLINE, R.ONCE, None, D(2024, 1, 17)),
    ("Truoc 17/01", Y, K.DEADLINE, R.ONCE, None, D(2024, 1, 17)),
    ("trước ngày 30 tháng 01 năm 2024", Y, K.DEADLINE, R.ONCE, None, D(2024, 1, 30)),
    ("Tháng 01/2024", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 1, 31)),
    ("Tháng 12/2024", Y, K.WITHIN, R.ONCE, D(2024, 12, 1), D(2024, 12, 31)),
    ("Định kỳ 6 tháng, một năm", Y, K.REPORTING, R.SEMIANNUAL, None, None),
    ("Định kỳ hàng quý, 6 tháng, một năm", Y, K.REPORTING, R.QUARTERLY, None, None),
    ("định kỳ hàng quý, 6 tháng, năm", Y, K.REPORTING, R.QUARTERLY, None, None),
    ("định kỳ hàng quý, 6 tháng, cuối năm", Y, K.REPORTING, R.QUARTERLY, None, None),
    ("dinh ky hang quy, 6 thang, nam", Y, K.REPORTING, R.QUARTERLY, None, None),
    ("định kỳ hoặc theo yêu cầu chuyên đề", Y, K.ON_DEMAND, None, None, None),
    ("hàng năm", Y, K.RECURRING, R.ANNUAL, None, None),
    # §6.2 similar real material
    ("Hàng tuần / Hàng tháng", Y, K.RECURRING, R.WEEKLY, None, None),
    ("trước ngày 15/12/2026", 2026, K.DEADLINE, R.ONCE, None, D(2026, 12, 15)),
    ("Thường xuyên trong năm thực hiện", Y, K.CONTINUOUS, R.CONTINUOUS, None, None),
    ("Báo cáo định kỳ (hàng Quý, 6 tháng, năm)", Y, K.REPORTING, R.QUARTERLY, None, None),
    ("Báo cáo định kỳ 9 tháng", Y, K.REPORTING, R.ANNUAL, None, None),
    # §6.3 forms to expect
    ("Hằng tháng", Y, K.RECURRING, R.MONTHLY, None, None),
    ("Hằng quý", Y, K.RECURRING, R.QUARTERLY, None, None),
    ("Hằng năm", Y, K.RECURRING, R.ANNUAL, None, None),
    ("Định kỳ hằng tháng", Y, K.RECURRING, R.MONTHLY, None, None),
    ("Hàng quý", Y, K.RECURRING, R.QUARTERLY, None, None),
    ("Mỗi quý 01 lần", Y, K.RECURRING, R.QUARTERLY, None, None),
    ("Ít nhất 01 lần/quý", Y, K.RECURRING, R.QUARTERLY, None, None),
    ("02 số/tháng", Y, K.RECURRING, R.MONTHLY, None, None),
    ("01 kỳ/tháng", Y, K.RECURRING, R.MONTHLY, None, None),
    ("6 tháng đầu năm", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 6, 30)),
    ("6 tháng cuối năm", Y, K.WITHIN, R.ONCE, D(2024, 7, 1), D(2024, 12, 31)),
    ("Quý II/2024", Y, K.WITHIN, R.ONCE, D(2024, 4, 1), D(2024, 6, 30)),
    ("Quý III/2024", Y, K.WITHIN, R.ONCE, D(2024, 7, 1), D(2024, 9, 30)),
    ("Quý I, II/2024", Y, K.RANGE, R.ONCE, D(2024, 1, 1), D(2024, 6, 30)),
    ("Quý II - III/2024", Y, K.RANGE, R.ONCE, D(2024, 4, 1), D(2024, 9, 30)),
    ("Tháng 3/2024", Y, K.WITHIN, R.ONCE, D(2024, 3, 1), D(2024, 3, 31)),
    ("Từ tháng 3 đến tháng 6/2024", Y, K.RANGE, R.ONCE, D(2024, 3, 1), D(2024, 6, 30)),
    ("Tháng 10-11/2024", Y, K.RANGE, R.ONCE, D(2024, 10, 1), D(2024, 11, 30)),
    ("Trước ngày 15/12/2024", Y, K.DEADLINE, R.ONCE, None, D(2024, 12, 15)),
    ("Trước 20/12 hằng năm", Y, K.DEADLINE, R.ANNUAL, None, D(2024, 12, 20)),
    ("Năm 2024", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 12, 31)),
    ("Cả năm 2024", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 12, 31)),
    ("Cả năm", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 12, 31)),
    ("Khi có yêu cầu", Y, K.ON_DEMAND, None, None, None),
    ("Đột xuất", Y, K.ON_DEMAND, None, None, None),
    ("Theo kế hoạch của UBND tỉnh", Y, K.ON_DEMAND, None, None, None),
    ("Theo chỉ đạo của cấp trên", Y, K.ON_DEMAND, None, None, None),
    ("Hưởng ứng Ngày Pháp luật (09/11)", Y, K.DEADLINE, R.ONCE, None, D(2024, 11, 9)),
    # OCR damage as in seed 004
    ("Thuong XUyEn", Y, K.CONTINUOUS, R.CONTINUOUS, None, None),
    ("Thuong Xuyén", Y, K.CONTINUOUS, R.CONTINUOUS, None, None),
    ("Théng 01/2024", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 1, 31)),
    ("Tru6e 17/01", Y, K.DEADLINE, R.ONCE, None, D(2024, 1, 17)),
    ("truwdc ngay 30 thang 01 nam 2024,", Y, K.DEADLINE, R.ONCE, None, D(2024, 1, 30)),
    ("Quy lV/2024", Y, K.WITHIN, R.ONCE, D(2024, 10, 1), D(2024, 12, 31)),
    ("Quý 1V/2024", Y, K.WITHIN, R.ONCE, D(2024, 10, 1), D(2024, 12, 31)),
    ("Quý Il/2024", Y, K.WITHIN, R.ONCE, D(2024, 4, 1), D(2024, 6, 30)),
    ("Quý ll/2024", Y, K.WITHIN, R.ONCE, D(2024, 4, 1), D(2024, 6, 30)),
    ("Quý l/2024", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 3, 31)),
    ("Quý 1/2024", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 3, 31)),
    ("Tháng 0l/2o24", Y, K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 1, 31)),
    ("QUÝ IV NĂM 2024", Y, K.WITHIN, R.ONCE, D(2024, 10, 1), D(2024, 12, 31)),
]

# Gold labels (eval/gold/*.json, tasks[].timing_text) with the plan year of their document.
GOLD: list[tuple[str, int, Recurrence, date | None, date | None]] = [
    ("Thường xuyên trong năm", 2024, R.CONTINUOUS, None, None),
    ("Quý I/2024", 2024, R.ONCE, D(2024, 1, 1), D(2024, 3, 31)),
    ("Trong năm 2024", 2024, R.ONCE, D(2024, 1, 1), D(2024, 12, 31)),
    ("Mỗi tháng 01 kỳ", 2024, R.MONTHLY, None, None),
    ("Quý IV/2024", 2024, R.ONCE, D(2024, 10, 1), D(2024, 12, 31)),
    ("Quý IV/2023", 2024, R.ONCE, D(2023, 10, 1), D(2023, 12, 31)),
    ("Thường xuyên trong năm.", 2021, R.CONTINUOUS, None, None),
    (
        "Chuyên mục “Cải cách hành chính”: Một tuần một lần, thời lượng phát sóng mỗi lần từ 10 đến 15 phút.",
        2021,
        R.WEEKLY,
        None,
        None,
    ),
    ("Hàng tuần", 2021, R.WEEKLY, None, None),
    ("Hàng tháng.", 2021, R.MONTHLY, None, None),
    ("Trong năm 2020", 2021, R.ONCE, D(2020, 1, 1), D(2020, 12, 31)),
    ("Trong năm 2021", 2021, R.ONCE, D(2021, 1, 1), D(2021, 12, 31)),
    ("Thường xuyên trong năm.", 2024, R.CONTINUOUS, None, None),
    ("Hàng tháng trong năm.", 2024, R.MONTHLY, None, None),
    ("Thường xuyên.", 2024, R.CONTINUOUS, None, None),
    ("Thang . g7 505, - Tru6e 17/01", 2024, R.ONCE, D(2024, 1, 1), D(2024, 1, 17)),
    ("Thang 01/2024 - Thang 12/2024", 2024, R.CONTINUOUS, D(2024, 1, 1), D(2024, 12, 31)),
    ("Moi thang - Moi thang", 2024, R.MONTHLY, None, None),
    ("Thuong Xuyén - Thuong Xuyén", 2024, R.CONTINUOUS, None, None),
    ("Thuong XUyEn - Thuong XUyEn", 2024, R.CONTINUOUS, None, None),
]


def _summary(timing: Timing) -> tuple[object, ...]:
    return timing.kind, timing.recurrence, timing.start, timing.end


@pytest.mark.parametrize(("text", "plan_year", "kind", "recurrence", "start", "end"), CATALOGUE)
def test_catalogue_phrase_reads_as_expected(
    text: str,
    plan_year: int | None,
    kind: TimingKind,
    recurrence: Recurrence | None,
    start: date | None,
    end: date | None,
) -> None:
    timing = parse_timing(text, plan_year=plan_year)

    assert _summary(timing) == (kind, recurrence, start, end)
    assert timing.raw == text


@pytest.mark.parametrize(("text", "plan_year", "kind", "recurrence", "start", "end"), CATALOGUE)
def test_catalogue_phrase_reads_the_same_without_diacritics_and_in_capitals(
    text: str,
    plan_year: int | None,
    kind: TimingKind,
    recurrence: Recurrence | None,
    start: date | None,
    end: date | None,
) -> None:
    expected = (kind, recurrence, start, end)

    assert _summary(parse_timing(strip_diacritics(text), plan_year=plan_year)) == expected
    assert _summary(parse_timing(text.upper(), plan_year=plan_year)) == expected
    assert _summary(parse_timing(f"  {text}.;\n", plan_year=plan_year)) == expected


@pytest.mark.parametrize(("text", "plan_year", "recurrence", "start", "end"), GOLD)
def test_gold_timing_text_matches_gold_label(
    text: str, plan_year: int, recurrence: Recurrence, start: date | None, end: date | None
) -> None:
    timing = parse_timing(text, plan_year=plan_year)

    assert (timing.recurrence, timing.start, timing.end) == (recurrence, start, end)


def test_two_month_columns_read_as_continuous_work_between_them() -> None:
    # Gold labels one such row (004, contract row) "once" as a judgement call; the API contract
    # reads "Triển khai: Tháng 01/2024 | Hoàn thành: Tháng 12/2024" as work throughout the span.
    timing = parse_timing("Théng 01/2024 - Théng 12/2024", plan_year=2024)

    assert _summary(timing) == (K.RANGE, R.CONTINUOUS, D(2024, 1, 1), D(2024, 12, 31))


# --- two columns ------------------------------------------------------------------------------


def test_month_start_with_deadline_end_is_one_task_between_them() -> None:
    timing = parse_timing("Tháng 01/2024", end_text="Trước 17/01", plan_year=2024)

    assert _summary(timing) == (K.RANGE, R.ONCE, D(2024, 1, 1), D(2024, 1, 17))
    assert TimingFlag.YEAR_ASSUMED in timing.flags
    assert timing.raw == "Tháng 01/2024"


def test_month_to_month_columns_are_a_continuous_range() -> None:
    timing = parse_timing("Tháng 01/2024", end_text="Tháng 12/2024")

    assert _summary(timing) == (K.RANGE, R.CONTINUOUS, D(2024, 1, 1), D(2024, 12, 31))


@pytest.mark.parametrize(
    ("start_text", "end_text", "kind", "recurrence"),
    [
        ("Mỗi tháng", "Mỗi tháng", K.RECURRING, R.MONTHLY),
        ("Moi thang", "Moi thang", K.RECURRING, R.MONTHLY),
        ("Thuong Xuyén", "Thuong Xuyén", K.CONTINUOUS, R.CONTINUOUS),
    ],
)
def test_identical_columns_read_as_one(
    start_text: str, end_text: str, kind: TimingKind, recurrence: Recurrence
) -> None:
    timing = parse_timing(start_text, end_text=end_text, plan_year=2024)

    assert _summary(timing) == (kind, recurrence, None, None)
    assert timing.flags == frozenset()


def test_garbled_month_start_before_deadline_starts_in_the_deadline_month() -> None:
    timing = parse_timing("Thang . g7 505,", end_text="Tru6e 17/01", plan_year=2024)

    assert _summary(timing) == (K.RANGE, R.ONCE, D(2024, 1, 1), D(2024, 1, 17))
    assert {TimingFlag.START_INFERRED, TimingFlag.PARTIAL, TimingFlag.AMBIGUOUS} <= timing.flags


def test_unreadable_end_column_keeps_the_start_column_flagged_partial() -> None:
    timing = parse_timing("Quý I/2024", end_text="g7 505", plan_year=2024)

    assert _summary(timing) == (K.WITHIN, R.ONCE, D(2024, 1, 1), D(2024, 3, 31))
    assert TimingFlag.PARTIAL in timing.flags


def test_periodic_column_takes_dates_from_the_dated_column() -> None:
    timing = parse_timing("Tháng 03/2024", end_text="Hàng tháng", plan_year=2024)

    assert _summary(timing) == (K.RECURRING, R.MONTHLY, D(2024, 3, 1), None)


def test_start_after_deadline_is_dropped_not_swapped() -> None:
    timing = parse_timing("Tháng 03/2024", end_text="Trước 17/01", plan_year=2024)

    assert _summary(timing) == (K.DEADLINE, R.ONCE, None, D(2024, 1, 17))
    assert {TimingFlag.START_AFTER_END, TimingFlag.AMBIGUOUS} <= timing.flags


def test_both_columns_unreadable_is_unparsed() -> None:
    timing = parse_timing("g7 505", end_text="hai )g", plan_year=2024)

    assert timing.kind is K.UNPARSED
    assert _summary(timing)[1:] == (None, None, None)


def test_quarter_span_with_spaced_dash_is_not_split_into_columns() -> None:
    timing = parse_timing("Quý II - III/2024", plan_year=2024)

    assert _summary(timing) == (K.RANGE, R.ONCE, D(2024, 4, 1), D(2024, 9, 30))
    assert TimingFlag.YEAR_ASSUMED not in timing.flags


def test_dash_between_non_timing_words_is_not_a_column_split() -> None:
    timing = parse_timing("Công chức Văn phòng - Thống kê", plan_year=2024)

    assert timing.kind is K.UNPARSED


# --- counts and quotas ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count", "quota"),
    [
        ("Mỗi tháng 01 kỳ", 1, None),
        ("Mỗi quý 01 lần", 1, None),
        ("01 kỳ/tháng", 1, None),
        ("Ít nhất 01 lần/quý", 1, None),
        ("02 số/tháng", 2, Quota(Measure.ITEMS, 2, None, R.MONTHLY)),
        ("thời lượng mỗi tháng ít nhất 15 phút", None, Quota(Measure.MINUTES, 15, None, R.MONTHLY)),
        ("ít nhất 15 phút mỗi tháng", None, Quota(Measure.MINUTES, 15, None, R.MONTHLY)),
        (
            "Một tuần một lần, thời lượng phát sóng mỗi lần từ 10 đến 15 phút",
            1,
            Quota(Measure.MINUTES, 10, 15, R.WEEKLY),
        ),
        ("2 lần mỗi tuần, mỗi lần 15 phút", 2, Quota(Measure.MINUTES, 30, None, R.WEEKLY)),
        ("Hàng quý 01 hội nghị", 1, Quota(Measure.SESSIONS, 1, None, R.QUARTERLY)),
        ("Mỗi quý in 500 tờ rơi", None, Quota(Measure.COPIES, 500, None, R.QUARTERLY)),
        ("Hàng tuần", None, None),
        ("Hàng tháng, mỗi số 1 giờ", None, Quota(Measure.MINUTES, 60, None, R.MONTHLY)),
        ("Hàng tháng (ít nhất 02 tin, bài)", None, Quota(Measure.ITEMS, 2, None, R.MONTHLY)),
        ("Hằng năm tổ chức 50 lượt người", None, Quota(Measure.ATTENDEES, 50, None, R.ANNUAL)),
    ],
)
def test_count_and_quota_are_read_when_written(text: str, count: int | None, quota: Quota | None) -> None:
    timing = parse_timing(text, plan_year=2024)

    assert (timing.count, timing.quota) == (count, quota)


# --- reporting and on-demand ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("Định kỳ 6 tháng, một năm", {ReportingPeriod.SEMIANNUAL, ReportingPeriod.ANNUAL}),
        (
            "Định kỳ hàng quý, 6 tháng, một năm báo cáo tình hình, kết quả thực hiện",
            {ReportingPeriod.QUARTERLY, ReportingPeriod.SEMIANNUAL, ReportingPeriod.ANNUAL},
        ),
        (
            "theo định kỳ hàng quý, 6 tháng, cuối năm",
            {ReportingPeriod.QUARTERLY, ReportingPeriod.SEMIANNUAL, ReportingPeriod.ANNUAL},
        ),
        ("Báo cáo định kỳ 9 tháng", {ReportingPeriod.NINE_MONTHS}),
        ("Báo cáo hằng năm", {ReportingPeriod.ANNUAL}),
    ],
)
def test_reporting_phrase_lists_its_periods(text: str, periods: set[ReportingPeriod]) -> None:
    timing = parse_timing(text, plan_year=2024)

    assert timing.kind is K.REPORTING
    assert timing.reporting_periods == periods


def test_reporting_or_on_demand_keeps_both() -> None:
    text = "Định kỳ hàng quý, 6 tháng, một năm báo cáo (hoặc theo yêu cầu chuyên đề)"

    timing = parse_timing(text, plan_year=2024)

    assert (timing.kind, timing.recurrence) == (K.REPORTING, R.QUARTERLY)
    assert TimingFlag.ON_DEMAND in timing.flags


def test_periodic_without_a_period_is_flagged_not_guessed() -> None:
    timing = parse_timing("định kỳ tổng hợp", plan_year=2024)

    assert timing.kind is K.UNPARSED
    assert TimingFlag.PERIOD_UNSPECIFIED in timing.flags


@pytest.mark.parametrize("text", ["Khi có yêu cầu", "Đột xuất", "theo yêu cầu chuyên đề"])
def test_on_demand_has_no_recurrence_and_is_flagged(text: str) -> None:
    timing = parse_timing(text, plan_year=2024)

    assert (timing.kind, timing.recurrence) == (K.ON_DEMAND, None)
    assert TimingFlag.ON_DEMAND in timing.flags


# --- years ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "plan_year"), [("Quý IV/2023", 2024), ("Trong năm 2020", 2021)])
def test_year_differing_from_plan_is_kept_and_flagged(text: str, plan_year: int) -> None:
    timing = parse_timing(text, plan_year=plan_year)

    assert timing.start is not None
    assert timing.start.year == plan_year - 1
    assert TimingFlag.YEAR_DIFFERS_FROM_PLAN in timing.flags
    assert timing.years_mentioned == (plan_year - 1,)


def test_missing_year_comes_from_plan_and_is_flagged() -> None:
    timing = parse_timing("Quý II", plan_year=2022)

    assert (timing.start, timing.end) == (D(2022, 4, 1), D(2022, 6, 30))
    assert TimingFlag.YEAR_ASSUMED in timing.flags
    assert timing.years_mentioned == ()


@pytest.mark.parametrize("text", ["Quý II", "Tháng 3", "Trước 17/01", "Cả năm", "6 tháng đầu năm"])
def test_missing_year_without_plan_year_leaves_dates_empty(text: str) -> None:
    timing = parse_timing(text)

    assert timing.kind is not K.UNPARSED
    assert (timing.start, timing.end) == (None, None)
    assert TimingFlag.YEAR_MISSING in timing.flags


def test_written_year_is_read_without_a_plan_year() -> None:
    timing = parse_timing("Quý IV/2023")

    assert (timing.start, timing.end) == (D(2023, 10, 1), D(2023, 12, 31))
    assert timing.flags == frozenset()


def test_month_range_crossing_new_year_starts_the_year_before() -> None:
    timing = parse_timing("Từ tháng 11 đến tháng 2/2025", plan_year=2025)

    assert _summary(timing) == (K.RANGE, R.ONCE, D(2024, 11, 1), D(2025, 2, 28))
    assert TimingFlag.YEAR_ASSUMED in timing.flags


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Trước 31/02/2024", "Trước 29/02/2023", "trước ngày 32/01/2024", "Ngày 31/04/2024"]
)
def test_impossible_date_is_unparsed_and_flagged(text: str) -> None:
    timing = parse_timing(text, plan_year=2024)

    assert timing.kind is K.UNPARSED
    assert TimingFlag.INVALID_DATE in timing.flags
    assert (timing.start, timing.end) == (None, None)


def test_bare_impossible_day_month_is_unparsed() -> None:
    assert parse_timing("31/02", plan_year=2024).kind is K.UNPARSED


def test_leap_day_is_a_valid_deadline_in_a_leap_year() -> None:
    assert parse_timing("Trước 29/02", plan_year=2024).end == D(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("Ngày 15/3/2024", K.WITHIN, D(2024, 3, 15), D(2024, 3, 15)),
        ("Từ ngày 01/3/2024 đến ngày 30/6/2024", K.RANGE, D(2024, 3, 1), D(2024, 6, 30)),
        ("Từ 01/3 đến 30/6/2024", K.RANGE, D(2024, 3, 1), D(2024, 6, 30)),
        ("Chậm nhất ngày 20.12.2024", K.DEADLINE, None, D(2024, 12, 20)),
        ("Trước tháng 6/2024", K.DEADLINE, None, D(2024, 5, 31)),
        ("Giai đoạn 2021-2025", K.RANGE, D(2021, 1, 1), D(2025, 12, 31)),
        ("9 tháng đầu năm 2024", K.WITHIN, D(2024, 1, 1), D(2024, 9, 30)),
        ("Tháng 3, 2024", K.WITHIN, D(2024, 3, 1), D(2024, 3, 31)),
        ("01/2024", K.WITHIN, D(2024, 1, 1), D(2024, 1, 31)),
    ],
)
def test_other_date_shapes(text: str, kind: TimingKind, start: date | None, end: date | None) -> None:
    timing = parse_timing(text, plan_year=2024)

    assert (timing.kind, timing.start, timing.end) == (kind, start, end)


def test_full_date_written_with_thang_is_a_day_not_a_month() -> None:
    timing = parse_timing("ngày 26 tháng 01 năm 2024", plan_year=2024)

    assert (timing.kind, timing.start, timing.end) == (K.WITHIN, D(2024, 1, 26), D(2024, 1, 26))


def test_several_deadlines_keep_the_first_and_are_flagged() -> None:
    timing = parse_timing("Trước 30/6 và 15/12 hằng năm", plan_year=2024)

    assert (timing.kind, timing.recurrence, timing.end) == (K.DEADLINE, R.ANNUAL, D(2024, 6, 30))
    assert TimingFlag.AMBIGUOUS in timing.flags


@pytest.mark.parametrize(
    ("text", "ambiguous"), [("Từ quý I đến quý III năm 2024", False), ("Quý I, III/2024", True)]
)
def test_quarter_list_with_a_gap_is_spanned_and_flagged(text: str, ambiguous: bool) -> None:
    timing = parse_timing(text, plan_year=2024)

    assert (timing.start, timing.end) == (D(2024, 1, 1), D(2024, 9, 30))
    assert (TimingFlag.AMBIGUOUS in timing.flags) is ambiguous


@pytest.mark.parametrize(
    "text", ["Thực hiện theo quy định", "Mọi quy định hiện hành", "Gửi báo cáo về Việt Nam", "Mọi thông tin"]
)
def test_words_spelled_like_periods_are_not_periods(text: str) -> None:
    assert parse_timing(text, plan_year=2024).kind is K.UNPARSED


def test_running_text_with_a_dash_is_not_split_into_columns() -> None:
    text = (
        "Tuyên truyền Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ - chương trình tổng thể "
        "cải cách hành chính nhà nước giai đoạn 2021 - 2030"
    )

    timing = parse_timing(text, plan_year=2024)

    assert timing.recurrence is not R.CONTINUOUS


def test_event_anchor_is_due_on_the_day_and_flagged() -> None:
    timing = parse_timing("Hưởng ứng Ngày Pháp luật (09/11)", plan_year=2024)

    assert {TimingFlag.EVENT_ANCHOR, TimingFlag.YEAR_ASSUMED} <= timing.flags


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n",
        "-",
        " - ",
        "???",
        "g7 505,",
        "Cuộc (số lượng: theo quy định)",
        "gửi báo cáo theo quy định",
    ],
)
def test_meaningless_text_is_unparsed_with_raw_kept(text: str) -> None:
    timing = parse_timing(text, plan_year=2024)

    assert timing.kind is K.UNPARSED
    assert timing.raw == text
    assert (timing.recurrence, timing.start, timing.end, timing.count, timing.quota) == (None,) * 5


def test_overlong_input_is_cut_flagged_and_kept_whole_in_raw() -> None:
    text = "Quý I/2024 " + "x" * (2 * MAX_CHARS)

    timing = parse_timing(text, plan_year=2024)

    assert timing.kind is K.WITHIN
    assert TimingFlag.TRUNCATED in timing.flags
    assert timing.raw is text


def test_timing_is_immutable_and_hashable() -> None:
    timing = parse_timing("Mỗi tháng 01 kỳ", plan_year=2024)

    assert hash(timing) == hash(parse_timing("Mỗi tháng 01 kỳ", plan_year=2024))
    with pytest.raises(AttributeError):
        timing.raw = "x"  # type: ignore[misc]


def test_enum_values_are_the_stored_strings() -> None:
    assert [k.value for k in TimingKind] == [
        "continuous",
        "within",
        "deadline",
        "range",
        "recurring",
        "reporting",
        "on_demand",
        "unparsed",
    ]
    assert [r.value for r in Recurrence] == [
        "once",
        "weekly",
        "monthly",
        "quarterly",
        "semiannual",
        "annual",
        "continuous",
    ]
