"""What a higher plan asks of a lower unit: the issue deadline, body mapping, derived tasks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from loa.cascade import (
    DEFAULT_MAPPINGS,
    MappingRule,
    Passage,
    PlanView,
    TaskView,
    check,
    derive_tasks,
    issue_deadline,
    map_bodies,
    map_body,
    view_from_imported,
)
from loa.text.plan_import import import_plan_text, read_document
from tests.conftest import SEEDS_DIR


def _seed_view(prefix: str) -> PlanView:
    path = next(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    return view_from_imported(import_plan_text(read_document(path), source_name=path.name))


def _plan(*sentences: str, year: int = 2024, tasks: tuple[TaskView, ...] = ()) -> PlanView:
    passages = tuple(Passage(f"Mục IV, ý {n}", text) for n, text in enumerate(sentences, start=1))
    return PlanView(
        ref="Kế hoạch số 13/KH-UBND của UBND huyện Gia Lộc",
        year=year,
        issue_date=None,
        passages=passages,
        tasks=tasks,
    )


# --- issue_deadline ------------------------------------------------------------------------------


def test_issue_deadline_reads_a_sentence_addressed_to_the_communes() -> None:
    plan = _plan(
        "UBND các xã, thị trấn xây dựng kế hoạch tuyên truyền CCHC năm 2024, ban hành trước ngày 15/02/2024"
    )
    assert issue_deadline(plan) == date(2024, 2, 15)


def test_issue_deadline_takes_the_plan_year_when_the_date_has_none() -> None:
    plan = _plan("Các xã, thị trấn xây dựng và ban hành kế hoạch tuyên truyền CCHC. Ban hành trước 15/02.")
    assert issue_deadline(plan) == date(2024, 2, 15)


def test_issue_deadline_of_seed_002_comes_from_the_heading_above_the_sentence() -> None:
    # given: "1. Các cơ quan, đơn vị, UBND các xã, thị trấn được giao chủ trì theo kế hoạch" then
    # "- Căn cứ nội dung kế hoạch này, … chủ động xây dựng … Ban hành trước 15/02/2021."
    district = _seed_view("002")
    # then
    assert issue_deadline(district) == date(2021, 2, 15)


def test_issue_deadline_reads_a_task_addressed_to_the_communes() -> None:
    task = TaskView(
        ref="Nhiệm vụ 1",
        title="Xây dựng kế hoạch tuyên truyền CCHC năm 2024",
        lead="UBND các xã, thị trấn",
        timing_text="Trước 31/01",
    )
    assert issue_deadline(_plan(tasks=(task,))) == date(2024, 1, 31)


def test_issue_deadline_prefers_a_task_to_the_body_text() -> None:
    task = TaskView(
        ref="Nhiệm vụ 1",
        title="Ban hành kế hoạch tuyên truyền CCHC",
        lead="UBND cấp xã",
        timing_text="Tháng 01/2024",
    )
    plan = _plan("UBND các xã ban hành kế hoạch trước ngày 15/02/2024.", tasks=(task,))
    assert issue_deadline(plan) == date(2024, 1, 31)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "UBND các xã báo cáo kết quả thực hiện trước ngày 15/12/2024.", id="a-report-not-a-plan"
        ),
        pytest.param(
            "Các tổ chức chính trị - xã hội ban hành kế hoạch trước ngày 15/02/2024.", id="xa-hoi-is-no-level"
        ),
        pytest.param(
            "Căn cứ Quyết định số 31/QĐ-UBND ngày 12/01/2024 của Chủ tịch UBND huyện ban hành Kế hoạch CCHC.",
            id="a-cited-document-date",
        ),
        pytest.param("UBND các xã ban hành kế hoạch trước ngày 15/02/2019.", id="years-away-from-the-plan"),
        pytest.param("UBND các xã ban hành kế hoạch tuyên truyền CCHC.", id="no-date"),
    ],
)
def test_issue_deadline_ignores_sentences_that_set_no_plan_deadline(sentence: str) -> None:
    assert issue_deadline(_plan(sentence)) is None


def test_issue_deadline_looks_only_for_the_given_level_words() -> None:
    plan = _plan("Các phòng, ban chuyên môn ban hành kế hoạch trước ngày 31/01/2024.")
    assert issue_deadline(plan) is None
    assert issue_deadline(plan, lower_level_words=("phòng, ban",)) == date(2024, 1, 31)
    assert issue_deadline(plan, lower_level_words=()) is None


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_the_other_seeds_set_no_issue_deadline(prefix: str) -> None:
    assert issue_deadline(_seed_view(prefix)) is None


# --- map_body ------------------------------------------------------------------------------------

UNIT = "xã Giao Long"


@pytest.mark.parametrize(
    ("name", "era", "expected"),
    [
        # the lower units themselves (seeds 002, 003)
        ("UBND các xã, thị trấn", "pre2025", "UBND xã Giao Long"),
        ("UBND các xã, phường, thị trấn", "2025", "UBND xã Giao Long"),
        ("Ủy ban nhân dân cấp xã", "2025", "UBND xã Giao Long"),
        # internal affairs
        ("Sở Nội vụ", "2025", "Văn phòng HĐND và UBND xã Giao Long"),
        ("Phòng Nội vụ", "pre2025", "Công chức Văn phòng - Thống kê"),
        ("phòng Nội vụ", "2025", "Văn phòng HĐND và UBND xã Giao Long"),
        # the People's Committee office and its portal, however it is spelt
        ("Văn phòng HĐND và UBND huyện", "pre2025", "Công chức Văn phòng - Thống kê"),
        (
            "Văn phòng Hội đồng nhân dân & Ủy ban nhân dân huyện",
            "2025",
            "Văn phòng HĐND và UBND xã Giao Long",
        ),
        ("Cổng Thông tin điện tử tỉnh", "2025", "Văn phòng HĐND và UBND xã Giao Long"),
        # broadcasters
        ("Đài Phát thanh và Truyền hình tỉnh", "2025", "Đài truyền thanh xã Giao Long"),
        ("Trung tâm Truyền thông - Văn hóa", "pre2025", "Đài truyền thanh xã Giao Long"),
        ("Trung tâm Văn hóa - Thông tin - Thể thao huyện", "pre2025", "Đài truyền thanh xã Giao Long"),
        ("Đài truyền thanh huyện", "pre2025", "Đài truyền thanh xã Giao Long"),
        # culture and information
        ("Sở Thông tin và Truyền thông", "2025", "Phòng Văn hóa - Xã hội xã Giao Long"),
        ("Phòng Văn hóa và Thông tin", "pre2025", "Công chức Văn hóa - Xã hội"),
        # one-stop shop, justice, finance
        ("Trung tâm Phục vụ hành chính công tỉnh", "2025", "Trung tâm Phục vụ hành chính công xã Giao Long"),
        (
            "Bộ phận Tiếp nhận và Trả kết quả cấp huyện",
            "pre2025",
            "Bộ phận Tiếp nhận và Trả kết quả xã Giao Long",
        ),
        ("Phòng Tư pháp", "pre2025", "Công chức Tư pháp - Hộ tịch"),
        ("Phòng Tư pháp", "2025", "Văn phòng HĐND và UBND xã Giao Long"),
        ("phòng Tài chính - Kế hoạch", "2025", "Phòng Kinh tế xã Giao Long"),
        ("phòng Tài chính - Kế hoạch", "pre2025", "Công chức Tài chính - Kế toán"),
        # generic partners
        ("Các cơ quan, đơn vị có liên quan", "2025", "Các cơ quan, đơn vị trên địa bàn xã Giao Long"),
        # province or district only: no counterpart
        ("Báo Đắk Lắk", "2025", None),
        ("UBND các huyện, thị xã, thành phố", "pre2025", None),
        ("Các sở, ban, ngành", "2025", None),
        ("Trung tâm Giám sát, điều hành đô thị thông minh tỉnh", "2025", None),
    ],
)
def test_map_body(name: str, era: str, expected: str | None) -> None:
    assert map_body(name, DEFAULT_MAPPINGS, unit=UNIT, era=era) == expected


def test_map_body_takes_the_first_rule_of_a_compound_name() -> None:
    # seed 002, task 2.1: the communes are named after Phòng Nội vụ, but address the lower unit
    name = "Phòng Nội vụ, các cơ quan, đơn vị, UBND các xã, thị trấn"
    assert map_body(name, unit=UNIT, era="pre2025") == "UBND xã Giao Long"
    assert map_bodies(name, unit=UNIT, era="pre2025") == (
        ("UBND xã Giao Long", True),
        ("Công chức Văn phòng - Thống kê", True),
        ("Các cơ quan, đơn vị trên địa bàn xã Giao Long", False),
    )


def test_custom_rules_replace_the_defaults() -> None:
    rules = (MappingRule("so khoa hoc", "Phòng Kinh tế {unit}", era="2025"),)
    assert map_body("Sở Khoa học và Công nghệ", rules, unit="phường Đường Hào", era="2025") == (
        "Phòng Kinh tế phường Đường Hào"
    )
    assert map_body("Sở Khoa học và Công nghệ", rules, unit="phường Đường Hào", era="pre2025") is None
    assert map_body("Sở Nội vụ", rules, unit="phường Đường Hào", era="2025") is None


def test_an_unknown_era_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown era"):
        map_body("Sở Nội vụ", unit=UNIT, era="2026")
    with pytest.raises(ValueError, match="unknown era"):
        derive_tasks(_plan(), unit=UNIT, era="")


def test_every_default_rule_names_an_era_both_eras_or_none() -> None:
    assert {rule.era for rule in DEFAULT_MAPPINGS} == {None, "2025", "pre2025"}
    assert all(rule.higher == rule.higher.lower() and rule.lower for rule in DEFAULT_MAPPINGS)


# --- derive_tasks --------------------------------------------------------------------------------


def test_derive_tasks_from_the_district_seed_maps_every_lead_to_a_legacy_commune_body() -> None:
    # given: seed 002 (district Yên Châu, 2021); each task names the communes or a body with a
    # commune counterpart
    district = _seed_view("002")
    # when
    derived = derive_tasks(district, DEFAULT_MAPPINGS, unit="xã Chiềng Hặc", era="pre2025")
    # then
    assert [(task.source_ref, task.lead) for task in derived] == [
        ("Nhiệm vụ 1", "UBND xã Chiềng Hặc"),
        ("Nhiệm vụ 2", "Đài truyền thanh xã Chiềng Hặc"),
        ("Nhiệm vụ 3", "Công chức Văn phòng - Thống kê"),
        ("Nhiệm vụ 4", "Công chức Văn phòng - Thống kê"),
        ("Nhiệm vụ 5", "Đài truyền thanh xã Chiềng Hặc"),
        ("Nhiệm vụ 6", "UBND xã Chiềng Hặc"),
        ("Nhiệm vụ 7", "Công chức Văn phòng - Thống kê"),
        ("Nhiệm vụ 8", "Công chức Văn phòng - Thống kê"),
    ]
    radio = derived[5]
    assert radio.cooperating == ("Các tổ chức chính trị - xã hội xã Chiềng Hặc",)
    assert (radio.title, radio.channel, radio.timing_text) == (
        "Tuyên truyền trên loa phát thanh, Nhà văn hóa tại các bản, tiểu khu của các xã, thị trấn",
        "radio",
        "Hàng tháng.",
    )
    # the district's own bodies are not carried down
    assert all("huyện" not in name for task in derived for name in (task.lead, *task.cooperating))


def test_derive_tasks_from_the_province_seed_keeps_only_tasks_that_fall_to_the_commune() -> None:
    # given: seed 003 (province Đắk Lắk, 2024) for a commune of the two-tier system
    province = _seed_view("003")
    # when
    derived = derive_tasks(province, DEFAULT_MAPPINGS, unit="xã Ea Kao", era="2025")
    # then: task 6 (the province smart-city centre with the departments and districts) does not apply
    assert [(task.source_ref, task.lead, task.cooperating) for task in derived] == [
        ("Nhiệm vụ 1", "UBND xã Ea Kao", ()),
        ("Nhiệm vụ 2", "UBND xã Ea Kao", ("Văn phòng HĐND và UBND xã Ea Kao",)),
        (
            "Nhiệm vụ 3",
            "Đài truyền thanh xã Ea Kao",
            ("Văn phòng HĐND và UBND xã Ea Kao", "Các cơ quan, đơn vị trên địa bàn xã Ea Kao"),
        ),
        ("Nhiệm vụ 4", "Văn phòng HĐND và UBND xã Ea Kao", ()),
        ("Nhiệm vụ 5", "Văn phòng HĐND và UBND xã Ea Kao", ("Các cơ quan, đơn vị trên địa bàn xã Ea Kao",)),
        ("Nhiệm vụ 7", "UBND xã Ea Kao", ()),
        ("Nhiệm vụ 8", "Phòng Văn hóa - Xã hội xã Ea Kao", ()),
    ]
    assert derived[0].timing_text == "Thường xuyên trong năm."


def test_a_task_of_province_only_bodies_does_not_apply() -> None:
    task = TaskView(
        ref="Nhiệm vụ 1",
        title="Tăng cường tin, bài trên Báo Đắk Lắk",
        lead="Báo Đắk Lắk",
        cooperating=("Các sở, ban, ngành", "Các cơ quan, đơn vị có liên quan"),
    )
    assert derive_tasks(_plan(tasks=(task,)), unit=UNIT, era="2025") == ()


def test_a_mapped_cooperating_body_becomes_the_lead() -> None:
    task = TaskView(
        ref="Nhiệm vụ 1",
        title="Chương trình “Dân hỏi - Thủ trưởng trả lời”",
        lead="Báo Đắk Lắk",
        cooperating=("Sở Nội vụ", "Các cơ quan, đơn vị có liên quan"),
        timing_text="Hàng tháng",
    )
    (derived,) = derive_tasks(_plan(tasks=(task,)), unit=UNIT, era="2025")
    assert derived.lead == "Văn phòng HĐND và UBND xã Giao Long"
    assert derived.cooperating == ("Các cơ quan, đơn vị trên địa bàn xã Giao Long",)
    assert derived.timing_text == "Hàng tháng"


def test_a_title_addressing_the_communes_applies_with_the_commune_as_lead() -> None:
    task = TaskView(
        ref="Nhiệm vụ 1",
        title="Tập huấn nghiệp vụ CCHC cho công chức cấp xã",
        lead="Sở Tài nguyên và Môi trường",
        product="Lớp tập huấn",
        channel="training",
    )
    (derived,) = derive_tasks(_plan(tasks=(task,)), unit=UNIT, era="2025")
    assert (derived.lead, derived.cooperating, derived.product, derived.channel) == (
        "UBND xã Giao Long",
        (),
        "Lớp tập huấn",
        "training",
    )


def test_derive_tasks_feeds_a_lower_plan_that_conforms_on_its_tasks() -> None:
    # given: a commune plan whose tasks are exactly the tasks derived from the district plan
    district = _seed_view("002")
    derived = derive_tasks(district, unit="xã Chiềng Hặc", era="pre2025")
    by_ref = {task.ref: task for task in district.tasks}
    tasks = tuple(replace(by_ref[d.source_ref], lead=d.lead, cooperating=d.cooperating) for d in derived)
    commune = replace(district, ref="Kế hoạch của UBND xã Chiềng Hặc", tasks=tasks)
    # when
    result = check(district, commune)
    # then: every task pairs with its own derivation and keeps its frequency, lead and time
    assert result.findings == ()
    assert result.score == 100.0
