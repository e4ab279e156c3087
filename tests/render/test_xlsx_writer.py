"""Workbooks read back with openpyxl: layout, typed cells, safe text, titles and determinism."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loa.render.xlsx_writer import DEFAULT_CREATED, MAX_TITLE, CellValue, Sheet, render_xlsx, sheet_title

HEADER = ["STT", "Nhiệm vụ", "Số tin, bài", "Kinh phí (đồng)", "Hạn", "Tỉ lệ"]
ROWS: list[list[CellValue]] = [
    [1, "Đăng tin trên Trang thông tin điện tử", 12, Decimal("1500000"), date(2024, 3, 14), 0.95],
    [2, "Phát thanh chuyên mục CCHC\nmỗi tháng 01 kỳ", 4, Decimal("0.5"), None, None],
]


def workbook(*sheets: Sheet, **kwargs: Any) -> Any:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(sheets, **kwargs)))


def plan_sheet(**kwargs: Any) -> Sheet:
    return Sheet(title=kwargs.pop("title", "Nhiệm vụ"), header=HEADER, rows=ROWS, **kwargs)


def test_the_header_is_bold_shaded_frozen_and_filtered() -> None:
    ws = workbook(plan_sheet()).active
    assert [cell.value for cell in ws[1]] == HEADER
    assert all(cell.font.b for cell in ws[1])
    assert ws["A1"].fill.fill_type == "solid"
    assert ws["A1"].fill.fgColor.rgb.endswith("D9E1F2")
    assert not ws["A2"].font.b
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:F3"
    assert ws.print_title_rows == "$1:$1"


def test_a_caption_sits_above_the_header_across_its_columns() -> None:
    ws = workbook(plan_sheet(caption="Kết quả thực hiện quý I năm 2024")).active
    assert ws["A1"].value == "Kết quả thực hiện quý I năm 2024"
    assert ws["A1"].font.b
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:F1"]
    assert [cell.value for cell in ws[2]] == HEADER
    assert ws["A2"].font.b
    assert ws["B3"].value == "Đăng tin trên Trang thông tin điện tử"
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:F4"


def test_values_keep_their_types() -> None:
    ws = workbook(plan_sheet()).active
    stt, task, items, budget, due, rate = ws[2]
    assert (stt.value, stt.data_type) == (1, "n")
    assert (task.value, task.data_type) == ("Đăng tin trên Trang thông tin điện tử", "s")
    assert (items.value, items.data_type) == (12, "n")
    assert (budget.value, budget.data_type) == (1500000, "n")  # a Decimal is a number
    assert due.value == datetime(2024, 3, 14)
    assert due.is_date
    assert "dd/mm/yyyy" in due.number_format
    assert (rate.value, rate.data_type) == (0.95, "n")
    assert ws["D3"].value == 0.5
    assert ws["E3"].value is None
    assert ws["F3"].value is None


def test_multi_line_text_wraps() -> None:
    ws = workbook(plan_sheet()).active
    assert ws["B3"].value == "Phát thanh chuyên mục CCHC\nmỗi tháng 01 kỳ"
    assert ws["B3"].alignment.wrap_text
    assert not ws["B2"].alignment.wrap_text


def test_datetimes_show_the_time() -> None:
    sheet = Sheet("Nhật ký", ["Lúc"], [[datetime(2024, 3, 14, 9, 30)]])
    cell = workbook(sheet).active["A2"]
    assert cell.value == datetime(2024, 3, 14, 9, 30)
    assert cell.number_format == "dd/mm/yyyy hh:mm"


def test_an_aware_datetime_is_refused() -> None:
    sheet = Sheet("Nhật ký", ["Lúc"], [[datetime(2024, 3, 14, 9, 30, tzinfo=UTC)]])
    with pytest.raises(ValueError, match="convert it to local time first"):
        render_xlsx([sheet])


def test_number_formats_apply_per_column_to_numbers_and_dates_only() -> None:
    sheet = Sheet(
        "Kinh phí",
        ["Tên", "Tiền", "Tháng"],
        [["Tờ rơi", Decimal("1500000"), date(2024, 3, 1)], ["Chưa rõ", "không", None]],
        number_formats=[None, "#,##0", "mm/yyyy"],
    )
    ws = workbook(sheet).active
    assert ws["B2"].number_format == "#,##0"
    assert ws["C2"].number_format == "mm/yyyy"
    assert ws["B3"].number_format == "General"  # text keeps its format
    assert ws["A2"].number_format == "General"


def test_widths_come_from_content_or_from_the_caller() -> None:
    ws = workbook(plan_sheet()).active
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCDEF"}
    assert widths["A"] == 6  # "STT" and one digit: the minimum
    assert widths["B"] == len("Đăng tin trên Trang thông tin điện tử") + 2
    assert widths["D"] == len("Kinh phí (đồng)") + 2
    assert widths["E"] == len("dd/mm/yyyy") + 2
    given_widths = workbook(plan_sheet(widths=[5, 40, None, None, None, 9])).active.column_dimensions
    assert (given_widths["A"].width, given_widths["B"].width, given_widths["F"].width) == (5, 40, 9)
    assert given_widths["C"].width == len("Số tin, bài") + 2


def test_a_very_long_text_is_capped_at_sixty_characters_wide() -> None:
    ws = workbook(Sheet("Dài", ["Nội dung"], [["x" * 500]])).active
    assert ws.column_dimensions["A"].width == 60


@pytest.mark.parametrize("text", ["=SUM(A1:A3)", "=1+1", "#N/A", "#DIV/0!", "+84 123", "@user"])
def test_text_is_never_a_formula_or_an_error(text: str) -> None:
    cell = workbook(Sheet("Văn bản", [text], [[text]])).active["A2"]
    assert (cell.value, cell.data_type) == (text, "s")


def test_characters_xml_cannot_hold_are_dropped() -> None:
    ws = workbook(Sheet("OCR", ["Tên\x00"], [["Quý\x0b I\x1f/2024"]])).active
    assert ws["A1"].value == "Tên"
    assert ws["A2"].value == "Quý I/2024"


def test_non_finite_numbers_are_empty_cells() -> None:
    ws = workbook(Sheet("Số", ["a", "b", "c"], [[float("nan"), Decimal("Infinity"), float("-inf")]])).active
    assert [cell.value for cell in ws[2]] == [None, None, None]


def test_sheets_keep_their_order_and_get_safe_unique_titles() -> None:
    wb = workbook(
        Sheet("Quý I/2024", ["a"], []),
        Sheet("quý i/2024", ["a"], []),
        Sheet("[Báo cáo]: 6 tháng đầu năm 2024 của UBND xã", ["a"], []),
        Sheet("History", ["a"], []),
        Sheet("''", ["a"], []),
    )
    assert wb.sheetnames == [
        "Quý I-2024",
        "quý i-2024 (2)",
        "-Báo cáo-- 6 tháng đầu năm 2024",
        "History-",
        "Sheet",
    ]


@pytest.mark.parametrize(
    ("title", "taken", "expected"),
    [
        ("Kỳ báo cáo", set(), "Kỳ báo cáo"),
        ("a/b\\c?d*e:f[g]h", set(), "a-b-c-d-e-f-g-h"),
        ("  'Tổng hợp'  ", set(), "Tổng hợp"),
        ("", set(), "Sheet"),
        ("x" * 40, set(), "x" * 31),
        ("x" * 40, {"x" * 31}, "x" * 27 + " (2)"),
        ("Tổng hợp", {"tổng hợp", "tổng hợp (2)"}, "Tổng hợp (3)"),
        ("history", set(), "History-"),
    ],
)
def test_sheet_title(title: str, taken: set[str], expected: str) -> None:
    assert sheet_title(title, taken) == expected


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60), st.sets(st.text(max_size=35), max_size=5))
def test_sheet_titles_are_always_excel_safe(title: str, taken: set[str]) -> None:
    result = sheet_title(title, {t.casefold() for t in taken})
    assert 1 <= len(result) <= MAX_TITLE
    assert not set(result) & set("[]:*?/\\")
    assert not result.startswith("'")
    assert not result.endswith("'")
    assert result.casefold() not in {t.casefold() for t in taken}


def test_the_same_arguments_give_the_same_bytes() -> None:
    created = datetime(2024, 3, 18, 8, 0)
    first = render_xlsx([plan_sheet(caption="Báo cáo")], created=created)
    second = render_xlsx([plan_sheet(caption="Báo cáo")], created=created)
    assert first == second
    assert render_xlsx([plan_sheet()], created=created + timedelta(days=1)) != render_xlsx(
        [plan_sheet()], created=created
    )


def test_workbook_and_zip_entries_are_stamped_with_the_given_time() -> None:
    created = datetime(2024, 3, 18, 8, 0, tzinfo=timezone(timedelta(hours=7)))
    data = render_xlsx([plan_sheet()], created=created, creator="UBND xã Gia Tân")
    props = openpyxl.load_workbook(io.BytesIO(data)).properties
    assert props.created == props.modified == datetime(2024, 3, 18, 1, 0)  # stored in UTC
    assert props.creator == "UBND xã Gia Tân"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 3, 18, 1, 0, 0)}


def test_without_a_time_the_workbook_gets_a_fixed_one() -> None:
    props = workbook(plan_sheet()).properties
    assert props.created == props.modified == DEFAULT_CREATED


def test_an_empty_sheet_still_has_its_header() -> None:
    ws = workbook(Sheet("Trống", ["Nhiệm vụ", "Kết quả"], [])).active
    assert [cell.value for cell in ws[1]] == ["Nhiệm vụ", "Kết quả"]
    assert ws.auto_filter.ref == "A1:B1"
    assert ws.max_row == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"header": [], "rows": []}, "a sheet needs 1 to 16384 columns, got 0"),
        ({"header": ["a", "b"], "rows": [["x"]]}, "row 1 has 1 cells, the header has 2"),
        ({"header": ["a"], "rows": [], "widths": [1, 2]}, "widths must be 1 entries"),
        ({"header": ["a"], "rows": [], "widths": [0]}, "widths must be 1 entries"),
        ({"header": ["a"], "rows": [], "number_formats": []}, "number_formats must have 1 entries"),
    ],
)
def test_a_malformed_sheet_is_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Sheet("x", **kwargs)


def test_a_workbook_needs_a_sheet() -> None:
    with pytest.raises(ValueError, match="at least one sheet"):
        render_xlsx([])
