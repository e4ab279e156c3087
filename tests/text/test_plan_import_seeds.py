"""The importer on the five real seed plans: fields per seed, tables, OCR, channels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from loa.text.folding import fold
from loa.text.plan_import import ImportedPlan, import_plan_file, to_plan_json

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def plans() -> dict[str, ImportedPlan]:
    return {prefix: import_plan_file(_seed(prefix)) for prefix in ("000", "001", "002", "003", "004")}


def test_commune_markdown_plan_reads_header_preamble_and_signature(plans: dict[str, ImportedPlan]) -> None:
    plan = plans["000"]
    assert (plan.doc_type, plan.number, plan.issuer, plan.issuer_level) == (
        "KH",
        "11/KH-UBND",
        "UBND xã Ngọc Lâm",
        "commune",
    )
    assert (plan.locality, plan.place, plan.year, plan.issue_date) == (
        "Ngọc Lâm",
        "Ngọc Lâm",
        2024,
        date(2024, 1, 26),
    )
    assert [ref.number for ref in plan.based_on] == ["29/KH-UBND"]
    assert plan.based_on[0].date == date(2024, 1, 23)
    assert plan.signer == "Nguyễn Hữu Hoan"
    assert plan.signing_authority == "TM. ỦY BAN NHÂN DÂN"
    assert plan.signer_title == "CHỦ TỊCH"
    assert plan.recipients[0] == "UBND thị xã (để báo cáo)"
    assert plan.recipients[-1] == "Lưu VT"
    assert plan.tasks == ()


def test_sections_keep_their_order_titles_and_text(plans: dict[str, ImportedPlan]) -> None:
    plan = plans["000"]
    assert [s.numeral for s in plan.sections] == ["I", "II", "III", "IV"]
    assert plan.sections[3].title == "Kinh phí thực hiện công tác tuyên truyền"
    assert [s.title for s in plan.sections[0].subsections] == ["Mục đích", "Yêu cầu"]
    assert "Đài truyền thanh xã" in plan.sections[0].subsections[0].text


def test_audiences_are_split_into_groups(plans: dict[str, ImportedPlan]) -> None:
    assert plans["000"].audiences == (
        "Cán bộ, công chức, người lao động làm việc trong cơ quan hành chính nhà nước",
        "Các tổ chức chính trị - xã hội",
        "Nhân dân trên địa bàn xã",
    )
    assert (
        plans["003"].audiences[0]
        == "CBCCVC, người lao động làm việc trong hệ thống cơ quan hành chính nhà nước"
    )
    assert plans["004"].audiences == ()  # no Đối tượng section: nothing invented


def test_pdf_text_plan_takes_number_and_date_from_the_appendix_caption(
    plans: dict[str, ImportedPlan],
) -> None:
    plan = plans["001"]
    assert plan.number == "13/KH-UBND"
    assert plan.issue_date == date(2024, 2, 5)
    assert plan.issuer == "UBND xã Gia Tân"
    assert [ref.date for ref in plan.based_on] == [date(2024, 1, 26)]  # the district plan, same number
    assert [s.numeral for s in plan.sections] == ["I", "II", "III", "VI"]  # source typo kept
    assert plan.signer == "Phạm Duy Thoại"


def test_flattened_appendix_table_is_rebuilt_row_by_row(plans: dict[str, ImportedPlan]) -> None:
    tasks = plans["001"].tasks
    assert len(tasks) == 8
    first = tasks[0]
    assert first.product == "Các hình thức thích hợp"
    assert first.lead == "Cơ quan hành chính, đơn vị sự nghiệp trên địa bàn xã, Công chức VHTT – TDTT xã"
    assert first.cooperating == ("Công chức Văn phòng - Thống kê", "Công chức Văn phòng Đảng ủy – Nội vụ")
    assert first.timing_text == "Thường xuyên trong năm"
    # cells sharing one line ("Đăng tải … xã Văn phòng HĐND& UBND xã Ban biên tập …")
    assert tasks[2].product == "Đăng tải lên Cổng thông tin điện tử xã"
    assert tasks[2].lead == "Văn phòng HĐND& UBND xã"
    assert tasks[2].timing_text == "Quý I/2024"
    assert tasks[4].cooperating == (
        "Công chức Văn phòng Đảng ủy - Nội vụ",
        "Công chức Văn phòng - Thống kê",
        "Công chức VHTT - TDTT",
        "Các ban, ngành đoàn thể xã",
    )


def test_row_split_by_a_page_break_is_joined(plans: dict[str, ImportedPlan]) -> None:
    row = plans["001"].tasks[6]
    assert row.title.startswith("Khảo sát sự hài lòng")
    assert "theo quy định" in row.title
    assert row.product is not None
    assert row.product.startswith("Kế hoạch điều tra XHH")
    assert row.timing_text == "Quý IV/2024"
    assert "8" not in row.title.split()  # the page number is gone


def test_inline_key_activities_are_tasks(plans: dict[str, ImportedPlan]) -> None:
    tasks = plans["002"].tasks
    assert len(tasks) == 8
    weekly = tasks[1]
    assert weekly.title.startswith("Duy trì nâng cao chất lượng chuyên mục “Cải cách hành chính”")
    assert weekly.timing_text is not None
    assert weekly.timing_text.startswith("Chuyên mục “Cải cách hành chính”")
    assert weekly.lead == "Trung tâm Truyền thông và Văn hóa"
    assert weekly.cooperating == ("Phòng Nội vụ", "Các cơ quan, đơn vị, địa phương có liên quan")
    assert plans["002"].number is None
    assert plans["002"].issue_date is None
    assert any("number not found" in w for w in plans["002"].warnings)


def test_web_page_chrome_is_ignored(plans: dict[str, ImportedPlan]) -> None:
    plan = plans["003"]
    assert (plan.issuer, plan.issuer_level, plan.year) == ("UBND tỉnh Đắk Lắk", "province", 2024)
    assert plan.issue_date is None  # the posting date is not the issue date
    assert plan.signer is None
    assert plan.based_on == ()
    assert len(plan.tasks) == 8
    assert plan.tasks[2].cooperating == ("Sở Nội vụ", "Báo Đắk Lắk", "Các cơ quan, đơn vị có liên quan")


def test_ocr_scan_is_restored_where_the_vocabulary_knows_it(plans: dict[str, ImportedPlan]) -> None:
    plan = plans["004"]
    assert plan.ocr_damaged
    assert (plan.number, plan.issuer, plan.year) == ("38/KH-UBND", "UBND xã Giao Long", 2024)
    assert plan.issue_date == date(2024, 1, 12)  # "ngay 72" read as 12, with a warning
    assert any("unreadable" in w for w in plan.warnings)
    assert [s.title for s in plan.sections] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "NỘI DUNG, HÌNH THỨC THÔNG TIN, TUYÊN TRUYỀN",
        "NHIỆM VỤ CỤ THỂ",
        "TỔ CHỨC THỰC HIỆN",
    ]
    assert plan.title is not None
    assert plan.title.startswith("Thông tin, tuyên truyền cải cách hành chính")
    assert fold(plan.signer or "") == "le bach son"
    assert [ref.number for ref in plan.based_on] == ["59/KH-UBND"]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        (
            "000",
            {
                "radio",
                "training",
                "contest",
                "meeting_integration",
                "panel_poster",
                "public_listing",
                "leaflet",
            },
        ),
        (
            "002",
            {
                "meeting_integration",
                "conference",
                "public_listing",
                "portal",
                "hotline",
                "radio",
                "leaflet",
                "training",
                "mobile_loudspeaker",
                "panel_poster",
                "contest",
                "other",
            },
        ),
    ],
)
def test_channels_come_from_what_the_body_says(
    plans: dict[str, ImportedPlan], prefix: str, expected: set[str]
) -> None:
    assert set(plans[prefix].channels) == expected
    assert all(plans[prefix].channel_evidence[c] for c in expected)


def test_topic_list_is_not_read_as_channels(plans: dict[str, ImportedPlan]) -> None:
    # 003 asks people to take part in surveys as a *topic*; it runs no survey itself.
    assert "survey" not in plans["003"].channels
    assert "survey" in plans["001"].channels


def test_reporting_periods_and_budget(plans: dict[str, ImportedPlan]) -> None:
    assert plans["000"].reporting_periods == ("semiannual", "annual")
    assert plans["001"].reporting_periods == ("quarterly", "semiannual", "annual")
    assert plans["003"].reporting_periods == ()
    assert plans["002"].budget_source == "Ngân sách nhà nước cấp"
    assert plans["003"].budget_source is None


def test_export_has_exactly_the_schema_keys(plans: dict[str, ImportedPlan]) -> None:
    data = to_plan_json(plans["001"])
    assert list(data) == [
        "doc_type",
        "number",
        "issuer",
        "level",
        "locality",
        "year",
        "issue_date",
        "based_on",
        "signer",
        "section_titles",
        "audiences",
        "channels",
        "tasks",
        "budget_source",
        "reporting_periods",
    ]
    assert list(data["tasks"][0]) == [
        "title",
        "product",
        "lead",
        "cooperating",
        "timing_text",
        "recurrence",
        "start",
        "end",
    ]
    assert data["tasks"][2]["start"] == "2024-01-01"
    assert data["tasks"][2]["end"] == "2024-03-31"
    assert data["tasks"][0]["recurrence"] == "continuous"


def test_ocr_table_read_across_columns_keeps_the_readable_rows(plans: dict[str, ImportedPlan]) -> None:
    tasks = plans["004"].tasks
    first = tasks[0]
    assert first.title == "Xây dựng Kế hoạch thông tin, tuyên truyền CCHC năm 2024"
    assert (first.timing_text, first.end_timing_text) == ("Thang", "Tru6e 17/01")  # verbatim OCR
    assert first.timing is not None
    assert (first.timing.start, first.timing.end) == (date(2024, 1, 1), date(2024, 1, 17))
    assert any(t.title.startswith("Tiếp xúc cử tri") for t in tasks)
    assert all("{" not in t.title and ";" not in t.title for t in tasks)  # noise rows are dropped
