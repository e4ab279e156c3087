"""Properties of `parse_timing` over arbitrary and damaged input (Hypothesis, derandomized)."""

from __future__ import annotations

import time
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loa.text.folding import fold, strip_diacritics
from loa.text.timing import Timing, TimingFlag, TimingKind, parse_timing

# Deterministic for CI: fixed example order, no example database, a generous per-call deadline.
FUZZ = settings(
    max_examples=200,
    deadline=timedelta(milliseconds=500),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CATALOGUE_RUN = settings(
    max_examples=120, deadline=timedelta(milliseconds=500), derandomize=True, database=None
)

# Phrases from DOMAIN.md §6 and the seeds whose reading does not depend on a plan year.
WITH_YEAR = [
    "Trong năm 2024",
    "Trong năm 2020",
    "Năm 2024",
    "Cả năm 2024",
    "Quý I/2024",
    "Quý IV/2023",
    "Quý I, II/2024",
    "Quý II - III/2024",
    "Tháng 3/2024",
    "Tháng 01/2024",
    "Từ tháng 3 đến tháng 6/2024",
    "Tháng 10-11/2024",
    "Trước 15/02/2021",
    "Ban hành trước 15/02/2021",
    "trước ngày 30 tháng 01 năm 2024",
    "Trước ngày 15/12/2024",
    "6 tháng cuối năm 2024",
    "Thang 01/2024 - Thang 12/2024",
]
# Phrases without a year: dates (if any) come from the plan year.
WITHOUT_YEAR = [
    "Thường xuyên trong năm",
    "Thường xuyên trong \n năm",
    "Thường xuyên",
    "Thường xuyên trong năm thực hiện",
    "Cả năm",
    "6 tháng đầu năm",
    "6 tháng cuối năm",
    "Quý II",
    "Tháng 3",
    "Trước 17/01",
    "Trước 20/12 hằng năm",
    "Hưởng ứng Ngày Pháp luật (09/11)",
    "Mỗi tháng 01 kỳ",
    "Mỗi tháng",
    "Hàng tháng",
    "Hàng tháng trong năm",
    "Hàng tuần",
    "Một tuần một lần, thời lượng phát sóng mỗi lần từ 10 đến 15 phút",
    "thời lượng mỗi tháng ít nhất 15 phút",
    "Định kỳ hằng tháng",
    "02 số/tháng",
    "Mỗi quý 01 lần",
    "Ít nhất 01 lần/quý",
    "Hằng năm",
    "Định kỳ 6 tháng, một năm",
    "Định kỳ hàng quý, 6 tháng, một năm",
    "định kỳ hàng quý, 6 tháng, cuối năm",
    "Khi có yêu cầu",
    "Đột xuất",
    "Theo chỉ đạo của cấp trên",
    "Moi thang - Moi thang",
    "Thuong XUyEn - Thuong XUyEn",
    "Thang . g7 505, - Tru6e 17/01",
]
CATALOGUE = WITH_YEAR + WITHOUT_YEAR
SEED_OCR = ["Thuong XUyEn", "Théng 01/2024", "Tru6e 17/01", "Moi thang", "Thang . g7 505,", "Quy lV/2O24"]

plan_years = st.none() | st.integers(1900, 2199)
any_plan_years = plan_years | st.integers()
# Characters OCR tends to confuse, plus separators that change phrase structure.
ocr_alphabet = st.sampled_from([*list("0OoIl1|6éóê.,;:/-–() \n\t*“”"), "đ", "Đ", "́", "\x00"])


def _decode(data: bytes, how: str) -> str:
    if how == "utf-8":
        return data.decode("utf-8", "surrogateescape")
    return data.decode(how, "replace")


decoded_bytes = st.builds(_decode, st.binary(max_size=200), st.sampled_from(["utf-8", "latin-1", "cp1258"]))


@st.composite
def mutated_phrases(draw: st.DrawFn) -> str:
    """A catalogue or seed phrase with a few OCR-like edits."""
    text = draw(st.sampled_from(CATALOGUE + SEED_OCR))
    for _ in range(draw(st.integers(0, 4))):
        operation = draw(st.sampled_from(["insert", "delete", "replace", "case", "fold", "repeat", "join"]))
        position = draw(st.integers(0, len(text)))
        if operation == "insert":
            text = text[:position] + draw(ocr_alphabet) + text[position:]
        elif operation == "delete":
            text = text[:position] + text[position + 1 :]
        elif operation == "replace":
            text = text[:position] + draw(ocr_alphabet) + text[position + 1 :]
        elif operation == "case":
            text = text.swapcase()
        elif operation == "fold":
            text = strip_diacritics(text)
        elif operation == "repeat":
            text = text * draw(st.integers(2, 5))
        else:
            text = f"{text} - {draw(st.sampled_from(CATALOGUE + SEED_OCR))}"
    return text


inputs = st.text(max_size=300) | decoded_bytes | mutated_phrases()


def _assert_invariants(timing: Timing, raw: str, plan_year: int | None) -> None:
    assert timing.raw is raw
    if timing.start is not None and timing.end is not None:
        assert timing.start <= timing.end
    if timing.kind is TimingKind.UNPARSED:
        assert (timing.recurrence, timing.start, timing.end, timing.count, timing.quota) == (None,) * 5
        assert not timing.reporting_periods
    if timing.kind in (TimingKind.CONTINUOUS, TimingKind.RECURRING, TimingKind.REPORTING):
        assert timing.recurrence is not None
    if timing.kind is TimingKind.REPORTING:
        assert timing.reporting_periods
    if timing.quota is not None:
        assert timing.quota.minimum >= 0
        assert timing.quota.maximum is None or timing.quota.maximum >= timing.quota.minimum
    # A date's year is written in the text or its assumption is flagged: never silently replaced.
    for day in (timing.start, timing.end):
        if day is not None:
            assert day.year in timing.years_mentioned or TimingFlag.YEAR_ASSUMED in timing.flags
    if plan_year is not None and any(year != plan_year for year in timing.years_mentioned):
        assert TimingFlag.YEAR_DIFFERS_FROM_PLAN in timing.flags


@FUZZ
@given(text=inputs, plan_year=any_plan_years)
def test_any_text_parses_without_error_and_keeps_invariants(text: str, plan_year: int | None) -> None:
    timing = parse_timing(text, plan_year=plan_year)

    _assert_invariants(timing, text, plan_year)


@FUZZ
@given(text=inputs, end_text=inputs, plan_year=plan_years)
def test_any_two_columns_parse_without_error_and_keep_invariants(
    text: str, end_text: str, plan_year: int | None
) -> None:
    timing = parse_timing(text, plan_year=plan_year, end_text=end_text)

    _assert_invariants(timing, text, plan_year)


@CATALOGUE_RUN
@given(
    text=st.sampled_from(CATALOGUE), plan_year=plan_years, variant=st.sampled_from(["strip", "fold", "upper"])
)
def test_folding_the_input_does_not_change_the_reading(
    text: str, plan_year: int | None, variant: str
) -> None:
    changed = {"strip": strip_diacritics, "fold": fold, "upper": str.upper}[variant](text)

    original, folded = parse_timing(text, plan_year=plan_year), parse_timing(changed, plan_year=plan_year)

    assert (folded.kind, folded.recurrence, folded.start, folded.end) == (
        original.kind,
        original.recurrence,
        original.start,
        original.end,
    )
    assert (folded.count, folded.quota, folded.reporting_periods) == (
        original.count,
        original.quota,
        original.reporting_periods,
    )


@CATALOGUE_RUN
@given(text=st.sampled_from(WITH_YEAR), plan_year=plan_years)
def test_written_year_is_kept_whatever_the_plan_year(text: str, plan_year: int | None) -> None:
    timing = parse_timing(text, plan_year=plan_year)
    reference = parse_timing(text)

    assert (timing.start, timing.end) == (reference.start, reference.end)
    assert timing.end is not None
    assert timing.end.year in timing.years_mentioned
    if plan_year is not None and plan_year not in timing.years_mentioned:
        assert TimingFlag.YEAR_DIFFERS_FROM_PLAN in timing.flags


@CATALOGUE_RUN
@given(text=st.sampled_from(WITHOUT_YEAR), plan_year=st.integers(1901, 2199))
def test_plan_year_fills_missing_years(text: str, plan_year: int) -> None:
    timing = parse_timing(text, plan_year=plan_year)
    without_plan = parse_timing(text)

    for day in (timing.start, timing.end):
        if day is not None:
            assert day.year == plan_year
            assert TimingFlag.YEAR_ASSUMED in timing.flags
    assert (without_plan.start, without_plan.end) == (None, None)
    assert (timing.kind, timing.recurrence) == (without_plan.kind, without_plan.recurrence)


def test_huge_and_adversarial_inputs_return_quickly() -> None:
    adversarial = [
        "x" * 1_000_000,
        "9" * 1_000_000,
        "Quý " + "I, " * 50_000,
        "tháng 1-" * 50_000,
        "1/" * 50_000,
        " - " * 50_000,
        "a - " * 50_000 + "Tháng 01/2024",
        "Từ 1/1 đến " * 20_000,
        "Trước:" * 20_000,
        "(" * 50_000 + "09/11",
        "\u0301" * 100_000,
        "Thường xuyên " * 100_000,
    ]
    for text in adversarial:
        began = time.perf_counter()

        timing = parse_timing(text, plan_year=2024, end_text=text)

        assert time.perf_counter() - began < 0.5, text[:40]
        assert timing.raw is text
