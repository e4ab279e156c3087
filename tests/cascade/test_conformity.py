"""Conformity of a lower plan to its higher plan, on views built from the real seed plans.

Each test derives the lower plan from a higher seed with one known change and expects exactly
the finding that change causes, and nothing else.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loa.cascade import (
    ConformityResult,
    Finding,
    FindingKind,
    Passage,
    PlanView,
    TaskView,
    check,
    issue_deadline,
    view_from_imported,
)
from loa.text.plan_import import import_plan_text, read_document
from tests.conftest import SEEDS_DIR


def _seed_view(prefix: str) -> PlanView:
    path = next(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    return view_from_imported(import_plan_text(read_document(path), source_name=path.name))


@pytest.fixture(scope="module")
def district() -> PlanView:
    """Seed 002: the Yên Châu district plan 2021 (21 themes, 8 tasks, 3 reporting periods)."""
    return _seed_view("002")


@pytest.fixture(scope="module")
def province() -> PlanView:
    """Seed 003: the Đắk Lắk province plan 2024 (18 distinct themes, 8 tasks)."""
    return _seed_view("003")


def _kinds(result: ConformityResult) -> list[FindingKind]:
    return [finding.kind for finding in result.findings]


def _replace_task(plan: PlanView, ref: str, **changes: object) -> PlanView:
    tasks = tuple(replace(task, **changes) if task.ref == ref else task for task in plan.tasks)  # type: ignore[arg-type]
    return replace(plan, tasks=tasks)


def _task(plan: PlanView, ref: str) -> TaskView:
    return next(task for task in plan.tasks if task.ref == ref)


# --- views built from imported plans ------------------------------------------------------------


def test_a_view_numbers_tasks_and_themes_and_leaves_out_task_block_labels(district: PlanView) -> None:
    # then: seed 002 lists its task blocks under "Nội dung"; "Thời gian thực hiện: …" and
    # "Cơ quan chủ trì: …" lines are not themes, and "Nội dung: …" keeps what follows the label
    assert district.ref == "Kế hoạch của UBND huyện Yên Châu"
    assert (district.year, district.issue_date) == (2021, None)
    assert [t.ref for t in district.tasks] == [f"Nhiệm vụ {n}" for n in range(1, 9)]
    assert [t.ref for t in district.themes] == [f"Nội dung tuyên truyền, ý {n}" for n in range(1, 22)]
    assert not any(t.text.startswith(("Thời gian", "Cơ quan", "Nội dung")) for t in district.themes)
    assert district.themes[10].text.startswith("Thông tin tình hình và kết quả thực hiện kết quả CCHC")
    assert district.purposes[0].ref == "Mục I.1, ý 1"
    assert district.purposes[0].text.startswith("Nâng cao nhận thức, ý thức, trách nhiệm")


def test_a_view_carries_task_timing_quota_and_channel(district: PlanView) -> None:
    column = _task(district, "Nhiệm vụ 2")
    assert (column.recurrence, column.count, column.quota_measure, column.quota_minimum) == (
        "weekly",
        1,
        "minutes",
        10,
    )
    assert column.lead == "Trung tâm Truyền thông và Văn hóa"
    assert column.cooperating == ("Phòng Nội vụ", "Các cơ quan, đơn vị, địa phương có liên quan")
    assert _task(district, "Nhiệm vụ 6").channel == "radio"
    assert _task(district, "Nhiệm vụ 8").channel == "training"


def test_a_view_splits_body_lines_into_sentences_with_their_place(district: PlanView) -> None:
    assert Passage("Mục IV", "TỔ CHỨC THỰC HIỆN") in district.passages
    assert Passage("Mục IV, ý 2", "Ban hành trước 15/02/2021.") in district.passages
    item = [p.text for p in district.passages if p.ref == "Mục IV, ý 2"]
    assert len(item) == 2
    assert item[0].startswith("Căn cứ nội dung kế hoạch này")


def test_a_view_names_the_plan_by_number_and_issuer() -> None:
    commune = _seed_view("000")
    assert commune.ref == "Kế hoạch số 11/KH-UBND của UBND xã Ngọc Lâm"
    assert (commune.year, commune.issue_date) == (2024, date(2024, 1, 26))


# --- (a) an unchanged copy -----------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_an_unchanged_copy_has_no_findings_and_scores_100(prefix: str) -> None:
    # given
    higher = _seed_view(prefix)
    lower = replace(higher, ref="Kế hoạch của UBND xã", issue_date=date(higher.year, 1, 20))
    # when
    result = check(higher, lower)
    # then
    assert result.findings == ()
    assert result.passed == result.checks > 0
    assert result.score == 100.0


def test_an_unchanged_copy_counts_one_check_per_theme_channel_pair_lower_task_field_and_period(
    district: PlanView,
) -> None:
    # given: 21 themes, 12 channels, 8 tasks paired with themselves, 8 × (lead, time), 3 periods
    assert (len(district.themes), len(district.channels), len(district.tasks)) == (21, 12, 8)
    assert district.reporting_periods == {"quarterly", "semiannual", "annual"}
    # when
    result = check(district, district)
    # then
    assert result.checks == 21 + 12 + 8 + 2 * 8 + 3


def test_no_checks_scores_100() -> None:
    empty = PlanView(ref="Kế hoạch", year=2024, issue_date=None)
    assert check(empty, empty) == ConformityResult(findings=(), checks=0, passed=0, score=100.0)


# --- (b) a theme removed -------------------------------------------------------------------------


def test_a_removed_theme_is_the_one_theme_not_covered(district: PlanView) -> None:
    # given: the lower plan leaves out "Lồng ghép, đưa các nội dung, thông tin về CCHC trong các
    # buổi họp giao ban …", which no other item of the plan repeats
    removed = district.themes[1]
    assert removed.text.startswith("Lồng ghép, đưa các nội dung, thông tin về CCHC")
    lower = replace(district, themes=tuple(t for t in district.themes if t != removed))
    # when
    result = check(district, lower)
    # then
    assert _kinds(result) == [FindingKind.THEME_NOT_COVERED]
    finding = result.findings[0]
    assert (finding.higher_ref, finding.higher_text) == ("Nội dung tuyên truyền, ý 2", removed.text)
    assert (finding.lower_ref, finding.lower_text) == ("", "")
    assert finding.message.startswith(
        "Kế hoạch cấp dưới không có nội dung tuyên truyền tương ứng: “Lồng ghép, đưa các nội dung"
    )
    assert result.checks - result.passed == 1
    assert result.score == round(100 * (result.checks - 1) / result.checks, 1)


def test_a_theme_repeated_as_a_task_title_stays_covered_when_removed_from_the_themes(
    district: PlanView,
) -> None:
    # given: theme 1 is also the title of task 1, which the lower plan keeps
    first = district.themes[0]
    assert first.text.startswith(_task(district, "Nhiệm vụ 1").title)
    lower = replace(district, themes=district.themes[1:])
    # then
    assert check(district, lower).findings == ()


# --- (g) a theme reworded ------------------------------------------------------------------------

REWORDINGS = [
    pytest.param(
        "Các kênh thông tin, địa chỉ tiếp nhận; kết quả xử lý các góp ý, phản ánh",
        "Ket qua xu ly gop y, phan anh, kien nghi va giai dap vuong mac qua duong day nong;"
        " cac kenh thong tin, dia chi tiep nhan cua xa",
        id="order-changed-without-diacritics",
    ),
    pytest.param(
        "Vai trò, trách nhiệm của người đứng đầu cơ quan hành chính các cấp",
        "Tuyên truyền trách nhiệm và vai trò của thủ trưởng cơ quan hành chính các cấp, thủ trưởng"
        " tổ chức chính trị - xã hội, đơn vị sự nghiệp công lập trong triển khai nhiệm vụ cải cách"
        " hành chính",
        id="synonyms-and-abbreviation-spelt-out",
    ),
    pytest.param(
        "Các thông tin, thông báo liên quan đến giải quyết TTHC",
        "Thông báo, thông tin về việc giải quyết thủ tục hành chính cho nhân dân",
        id="short-theme-reworded",
    ),
]


@pytest.mark.parametrize(("theme_start", "reworded"), REWORDINGS)
def test_a_reworded_theme_is_still_covered(province: PlanView, theme_start: str, reworded: str) -> None:
    # given: the lower plan words one theme its own way
    theme = next(t for t in province.themes if t.text.startswith(theme_start))
    themes = tuple(replace(t, text=reworded) if t == theme else t for t in province.themes)
    lower = replace(province, themes=themes)
    # when
    result = check(province, lower)
    # then
    assert result.findings == ()


def test_a_theme_replaced_by_another_topic_is_not_covered(province: PlanView) -> None:
    # given: the control for the rewordings: the same slot now speaks of something else
    theme = next(t for t in province.themes if t.text.startswith("Các kênh thông tin, địa chỉ tiếp nhận"))
    other = "Tuyên truyền về phòng, chống dịch bệnh và vệ sinh môi trường nông thôn trên địa bàn xã"
    lower = replace(
        province, themes=tuple(replace(t, text=other) if t == theme else t for t in province.themes)
    )
    # when
    result = check(province, lower)
    # then
    assert _kinds(result) == [FindingKind.THEME_NOT_COVERED]
    assert result.findings[0].higher_text == theme.text


# --- (c) a monthly task made quarterly -------------------------------------------------------------


def test_a_monthly_task_made_quarterly_is_the_one_frequency_lowered(district: PlanView) -> None:
    # given: task 6, "Tuyên truyền trên loa phát thanh … của các xã, thị trấn", is monthly
    monthly = _task(district, "Nhiệm vụ 6")
    assert (monthly.recurrence, monthly.timing_text) == ("monthly", "Hàng tháng.")
    lower = _replace_task(district, "Nhiệm vụ 6", recurrence="quarterly", timing_text="Hằng quý")
    # when
    result = check(district, lower)
    # then
    assert _kinds(result) == [FindingKind.FREQUENCY_LOWERED]
    finding = result.findings[0]
    assert (finding.higher_ref, finding.lower_ref) == ("Nhiệm vụ 6", "Nhiệm vụ 6")
    assert finding.higher_text == finding.lower_text == monthly.title
    assert "(hằng tháng → hằng quý)" in finding.message


def test_a_monthly_task_made_continuous_is_not_lowered(district: PlanView) -> None:
    lower = _replace_task(district, "Nhiệm vụ 6", recurrence="continuous", timing_text="Thường xuyên")
    assert check(district, lower).findings == ()


def test_a_weekly_task_made_continuous_is_lowered(district: PlanView) -> None:
    lower = _replace_task(district, "Nhiệm vụ 5", recurrence="continuous", timing_text="Thường xuyên")
    result = check(district, lower)
    assert _kinds(result) == [FindingKind.FREQUENCY_LOWERED]
    assert "(hằng tuần → thường xuyên)" in result.findings[0].message


def test_a_task_made_more_frequent_is_not_a_finding(district: PlanView) -> None:
    lower = _replace_task(district, "Nhiệm vụ 6", recurrence="weekly", timing_text="Hằng tuần")
    assert check(district, lower).findings == ()


# --- quotas --------------------------------------------------------------------------------------


def test_a_lower_minimum_airtime_is_quota_lowered(district: PlanView) -> None:
    # given: task 2 asks for a weekly column of 10–15 minutes
    column = _task(district, "Nhiệm vụ 2")
    assert (column.recurrence, column.quota_measure, column.quota_minimum) == ("weekly", "minutes", 10)
    lower = _replace_task(district, "Nhiệm vụ 2", quota_minimum=5)
    # when
    result = check(district, lower)
    # then
    assert _kinds(result) == [FindingKind.QUOTA_LOWERED]
    assert "(tối thiểu 10 → 5 phút)" in result.findings[0].message


def test_a_lower_count_per_period_is_quota_lowered(district: PlanView) -> None:
    higher = _replace_task(district, "Nhiệm vụ 6", count=2)
    lower = _replace_task(district, "Nhiệm vụ 6", count=1)
    result = check(higher, lower)
    assert _kinds(result) == [FindingKind.QUOTA_LOWERED]
    assert "(2 → 1)" in result.findings[0].message


def test_frequency_and_quota_lowered_on_one_task_fail_one_check(district: PlanView) -> None:
    # given: the weekly 10-minute column becomes quarterly (the quota per period is then
    # not comparable) and is the only change
    lower = _replace_task(district, "Nhiệm vụ 2", recurrence="quarterly", quota_minimum=5)
    # when
    result = check(district, lower)
    # then
    assert _kinds(result) == [FindingKind.FREQUENCY_LOWERED]
    assert result.checks - result.passed == 1


# --- (d) a channel dropped -----------------------------------------------------------------------


def test_a_dropped_channel_is_the_one_channel_dropped(district: PlanView) -> None:
    # given: the lower plan uses no radio at all, neither in its list nor on its tasks
    assert "radio" in district.channels
    assert _task(district, "Nhiệm vụ 6").channel == "radio"
    tasks = tuple(replace(t, channel="") if t.channel == "radio" else t for t in district.tasks)
    lower = replace(district, channels=district.channels - {"radio"}, tasks=tasks)
    # when
    result = check(district, lower)
    # then
    assert _kinds(result) == [FindingKind.CHANNEL_DROPPED]
    finding = result.findings[0]
    assert "“phát thanh, truyền thanh”" in finding.message
    assert (finding.higher_ref, finding.lower_ref) == ("Nhiệm vụ 6", "")


def test_a_channel_kept_on_a_task_only_is_not_dropped(district: PlanView) -> None:
    lower = replace(district, channels=district.channels - {"radio"})
    assert check(district, lower).findings == ()


# --- (e) issued after the deadline ---------------------------------------------------------------


def test_a_plan_issued_after_the_deadline_is_the_one_issued_late(district: PlanView) -> None:
    # given: the district asks for the commune plans before 15/02/2021
    deadline = issue_deadline(district)
    assert deadline == date(2021, 2, 15)
    lower = replace(district, issue_date=date(2021, 2, 20))
    # when
    result = check(district, lower, issue_deadline=deadline)
    # then
    assert _kinds(result) == [FindingKind.ISSUED_LATE]
    finding = result.findings[0]
    assert (finding.higher_text, finding.lower_text) == ("15/02/2021", "20/02/2021")
    assert finding.message == (
        "Kế hoạch cấp dưới ban hành ngày 20/02/2021, sau hạn 15/02/2021 mà kế hoạch cấp trên đặt ra."
    )


@pytest.mark.parametrize("issued", [date(2021, 2, 1), date(2021, 2, 15)])
def test_a_plan_issued_by_the_deadline_passes_one_more_check(district: PlanView, issued: date) -> None:
    lower = replace(district, issue_date=issued)
    without = check(district, lower)
    result = check(district, lower, issue_deadline=date(2021, 2, 15))
    assert result.findings == ()
    assert result.checks == without.checks + 1


def test_an_unknown_issue_date_is_not_checked_against_the_deadline(district: PlanView) -> None:
    lower = replace(district, issue_date=None)
    assert check(district, lower, issue_deadline=date(2021, 2, 15)) == check(district, lower)


# --- (f) lower tasks without lead or time --------------------------------------------------------


def test_a_blank_lead_is_the_one_task_without_lead(district: PlanView) -> None:
    lower = _replace_task(district, "Nhiệm vụ 3", lead="  ")
    result = check(district, lower)
    assert _kinds(result) == [FindingKind.TASK_WITHOUT_LEAD]
    finding = result.findings[0]
    assert (finding.higher_ref, finding.lower_ref) == ("", "Nhiệm vụ 3")
    assert finding.lower_text == _task(district, "Nhiệm vụ 3").title


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"timing_text": ""}, id="blank"),
        pytest.param(
            {"timing_text": "Theo tiến độ", "recurrence": None, "start": None, "end": None}, id="unreadable"
        ),
    ],
)
def test_a_task_without_a_readable_time_is_task_without_time(
    district: PlanView, changes: dict[str, object]
) -> None:
    lower = _replace_task(district, "Nhiệm vụ 8", **changes)
    result = check(district, lower)
    assert _kinds(result) == [FindingKind.TASK_WITHOUT_TIME]
    assert result.findings[0].lower_ref == "Nhiệm vụ 8"


def test_a_timing_text_alone_is_read_when_the_fields_are_empty(district: PlanView) -> None:
    lower = _replace_task(
        district, "Nhiệm vụ 8", timing_text="Quý IV/2021", recurrence=None, start=None, end=None
    )
    assert check(district, lower).findings == ()


# --- reporting periods ---------------------------------------------------------------------------


def test_a_missing_reporting_period_is_reporting_period_missing(district: PlanView) -> None:
    lower = replace(district, reporting_periods=frozenset({"semiannual", "annual"}))
    result = check(district, lower)
    assert _kinds(result) == [FindingKind.REPORTING_PERIOD_MISSING]
    assert result.findings[0].message == (
        "Kế hoạch cấp dưới không có kỳ báo cáo hằng quý mà kế hoạch cấp trên yêu cầu."
    )


# --- order and determinism -----------------------------------------------------------------------


def test_findings_come_by_kind_then_in_document_order(district: PlanView) -> None:
    # given: several changes at once, made in an order unlike the expected one
    lower = _replace_task(district, "Nhiệm vụ 7", lead="")
    lower = _replace_task(lower, "Nhiệm vụ 2", lead="")
    lower = _replace_task(lower, "Nhiệm vụ 6", recurrence="annual")
    lower = replace(
        lower,
        themes=tuple(
            t
            for t in lower.themes
            if t.ref not in {"Nội dung tuyên truyền, ý 4", "Nội dung tuyên truyền, ý 2"}
        ),
        reporting_periods=frozenset(),
        issue_date=date(2021, 3, 1),
    )
    # when
    result = check(district, lower, issue_deadline=date(2021, 2, 15))
    # then
    assert [(f.kind, f.higher_ref or f.lower_ref) for f in result.findings] == [
        (FindingKind.THEME_NOT_COVERED, "Nội dung tuyên truyền, ý 2"),
        (FindingKind.THEME_NOT_COVERED, "Nội dung tuyên truyền, ý 4"),
        (FindingKind.FREQUENCY_LOWERED, "Nhiệm vụ 6"),
        (FindingKind.TASK_WITHOUT_LEAD, "Nhiệm vụ 2"),
        (FindingKind.TASK_WITHOUT_LEAD, "Nhiệm vụ 7"),
        (FindingKind.REPORTING_PERIOD_MISSING, district.ref),
        (FindingKind.REPORTING_PERIOD_MISSING, district.ref),
        (FindingKind.REPORTING_PERIOD_MISSING, district.ref),
        (FindingKind.ISSUED_LATE, district.ref),
    ]
    assert [f.higher_text for f in result.findings if f.kind is FindingKind.REPORTING_PERIOD_MISSING] == [
        "hằng quý",
        "6 tháng",
        "năm",
    ]
    assert check(district, lower, issue_deadline=date(2021, 2, 15)) == result


def test_a_commune_seed_against_the_district_seed_is_scored_not_raised(district: PlanView) -> None:
    # given: seed 001 (a commune of another district) is no implementation of seed 002
    commune = _seed_view("001")
    # when
    result = check(district, commune)
    # then: most themes are missing; the commune's own tasks all have a lead and a time
    assert 0 < result.score < 100
    kinds = set(_kinds(result))
    assert FindingKind.THEME_NOT_COVERED in kinds
    assert not kinds & {FindingKind.TASK_WITHOUT_LEAD, FindingKind.TASK_WITHOUT_TIME}


# --- property: never raises ----------------------------------------------------------------------

_WORDS = st.sampled_from(
    ["tuyên truyền", "CCHC", "xã", "đài truyền thanh", "hằng tháng", "", " ", "số 5/KH", "Quý IV/2024", "!!"]
)
_TEXT = st.lists(_WORDS, max_size=6).map(" ".join)
_TASKS = st.builds(
    TaskView,
    ref=st.sampled_from(["Nhiệm vụ 1", "Nhiệm vụ 2"]),
    title=_TEXT,
    product=_TEXT,
    lead=_TEXT,
    cooperating=st.lists(_TEXT, max_size=2).map(tuple),
    channel=st.sampled_from(["", "radio", "portal", "unknown"]),
    timing_text=_TEXT,
    recurrence=st.one_of(st.none(), st.sampled_from(["once", "weekly", "monthly", "continuous", "bogus"])),
    start=st.one_of(st.none(), st.dates()),
    end=st.one_of(st.none(), st.dates()),
    count=st.one_of(st.none(), st.integers(min_value=-3, max_value=10)),
    quota_measure=st.one_of(st.none(), st.sampled_from(["minutes", "items"])),
    quota_minimum=st.one_of(st.none(), st.integers(min_value=0, max_value=60)),
)
_PLANS = st.builds(
    PlanView,
    ref=_TEXT,
    year=st.integers(min_value=0, max_value=2200),
    issue_date=st.one_of(st.none(), st.dates()),
    themes=st.lists(st.builds(Passage, ref=_TEXT, text=_TEXT), max_size=4).map(tuple),
    purposes=st.lists(st.builds(Passage, ref=_TEXT, text=_TEXT), max_size=2).map(tuple),
    audiences=st.lists(_TEXT, max_size=2).map(tuple),
    channels=st.frozensets(st.sampled_from(["radio", "tv", "other", "x"]), max_size=3),
    reporting_periods=st.frozensets(st.sampled_from(["quarterly", "annual", "weird"]), max_size=2),
    tasks=st.lists(_TASKS, max_size=3).map(tuple),
)


@given(higher=_PLANS, lower=_PLANS, deadline=st.one_of(st.none(), st.dates()), threshold=st.integers(0, 100))
def test_check_never_raises_and_scores_within_0_to_100(
    higher: PlanView, lower: PlanView, deadline: date | None, threshold: int
) -> None:
    result = check(higher, lower, issue_deadline=deadline, threshold=threshold, theme_threshold=threshold)
    assert 0.0 <= result.score <= 100.0
    assert 0 <= result.passed <= result.checks
    assert len(result.findings) >= result.checks - result.passed
    assert all(isinstance(f, Finding) and f.message for f in result.findings)
    assert (
        check(higher, lower, issue_deadline=deadline, threshold=threshold, theme_threshold=threshold)
        == result
    )
