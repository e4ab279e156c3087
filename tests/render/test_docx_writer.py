"""The .docx writer: a seed plan rendered and read back with python-docx, checked against NĐ 30/2020."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.section import Section
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from loa.render.documents import (
    Appendix,
    Bullets,
    Heading,
    OfficialDocument,
    Paragraph,
    Signature,
    Table,
)
from loa.render.docx_writer import FONT, render_docx
from tests.render.test_documents import TASK_HEADER, TASK_ROWS, gia_tan_plan

MM = 0.05  # python-docx stores lengths in twips: 210 mm reads back as 210.01 mm


@pytest.fixture(scope="module")
def plan_bytes() -> bytes:
    return render_docx(gia_tan_plan())


@pytest.fixture(scope="module")
def plan(plan_bytes: bytes) -> Document:
    return read(plan_bytes)


def read(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def texts(paragraphs: list[DocxParagraph]) -> list[str]:
    return [p.text for p in paragraphs if p.text.strip()]


def body_paragraphs(document: Document) -> list[DocxParagraph]:
    """Paragraphs of the body (outside tables) that carry text."""
    return [p for p in document.paragraphs if p.text.strip()]


def paragraph(document: Document, starts_with: str) -> DocxParagraph:
    matches = [p for p in document.paragraphs if p.text.startswith(starts_with)]
    assert len(matches) == 1, f"{len(matches)} paragraphs start with {starts_with!r}"
    return matches[0]


def text_runs(paragraph: DocxParagraph) -> list[Run]:
    return [run for run in paragraph.runs if run.text.strip()]


def all_runs(document: Document) -> Iterator[Run]:
    def from_tables(tables: list[DocxTable]) -> Iterator[Run]:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        yield from p.runs
                    yield from from_tables(cell.tables)

    for p in document.paragraphs:
        yield from p.runs
    yield from from_tables(document.tables)
    for section in document.sections:
        for p in section.header.paragraphs:
            yield from p.runs


def header_table(document: Document) -> DocxTable:
    return document.tables[0]


def signature_table(document: Document) -> DocxTable:
    return document.tables[1]


def appendix_table(document: Document) -> DocxTable:
    return document.tables[-1]


def cell_lines(table: DocxTable, row: int, column: int) -> list[str]:
    return texts(table.rows[row].cells[column].paragraphs)


def assert_mm(actual_emu: int | None, expected_mm: float) -> None:
    assert actual_emu is not None
    assert abs(actual_emu / 36000 - expected_mm) < MM, f"{actual_emu / 36000:.2f} mm != {expected_mm} mm"


# --- page setup ----------------------------------------------------------------------------


def test_first_section_is_a4_portrait_with_the_decree_margins(plan: Document) -> None:
    section = plan.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert_mm(section.page_width, 210)
    assert_mm(section.page_height, 297)
    assert_mm(section.top_margin, 20)
    assert_mm(section.bottom_margin, 20)
    assert_mm(section.left_margin, 30)
    assert_mm(section.right_margin, 15)


def test_appendix_is_a_landscape_section_numbered_from_one(plan: Document) -> None:
    assert len(plan.sections) == 2
    section = plan.sections[1]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width is not None
    assert section.page_height is not None
    assert section.page_width > section.page_height
    assert_mm(section.page_width, 297)
    assert_mm(section.page_height, 210)
    assert page_number_start(section) == "1"
    assert section.different_first_page_header_footer is True


def page_number_start(section: Section) -> str | None:
    number_type = section._sectPr.find(qn("w:pgNumType"))
    return None if number_type is None else number_type.get(qn("w:start"))


def test_portrait_appendix_when_asked(plan: Document) -> None:
    appendix = replace(gia_tan_plan().appendices[0], landscape=False)
    document = read(render_docx(replace(gia_tan_plan(), appendices=[appendix])))
    assert document.sections[1].orientation == WD_ORIENT.PORTRAIT
    assert_mm(document.sections[1].page_width, 210)


def test_page_numbers_are_a_centred_page_field_in_the_header_and_absent_on_first_pages(
    plan: Document,
) -> None:
    first = plan.sections[0]
    assert first.different_first_page_header_footer is True
    assert first.first_page_header.is_linked_to_previous is False
    assert first.first_page_header._element.xpath(".//w:instrText") == []
    assert texts(first.first_page_header.paragraphs) == []
    instructions = [t.text.strip() for t in first.header._element.xpath(".//w:instrText")]
    assert instructions == ["PAGE"]
    kinds = [c.get(qn("w:fldCharType")) for c in first.header._element.xpath(".//w:fldChar")]
    assert kinds == ["begin", "separate", "end"]
    number = first.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {run.font.size.pt for run in number.runs if run.font.size} == {14}
    # the appendix section shows the same headers (linked), with its own first-page rule
    assert plan.sections[1].header.is_linked_to_previous is True
    assert plan.sections[1].first_page_header.is_linked_to_previous is True


# --- fonts ---------------------------------------------------------------------------------


def test_every_run_and_the_normal_style_name_times_new_roman_in_all_four_slots(plan: Document) -> None:
    slots = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
    normal = plan.styles["Normal"]
    assert normal.font.name == FONT
    normal_fonts = normal.element.rPr.rFonts
    assert [normal_fonts.get(qn(slot)) for slot in slots] == [FONT] * 4
    runs = list(all_runs(plan))
    assert len(runs) > 100
    for run in runs:
        fonts = run._r.rPr.rFonts
        assert [fonts.get(qn(slot)) for slot in slots] == [FONT] * 4, run.text
        assert fonts.get(qn("w:asciiTheme")) is None


def test_defaults_hold_no_theme_font() -> None:
    document = read(render_docx(gia_tan_plan()))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    for fonts in defaults.iter(qn("w:rFonts")):
        assert fonts.get(qn("w:asciiTheme")) is None
        assert fonts.get(qn("w:ascii")) == FONT


# --- header block --------------------------------------------------------------------------


def test_header_table_holds_the_bodies_number_national_title_and_date(plan: Document) -> None:
    table = header_table(plan)
    assert cell_lines(table, 0, 0) == ["UBND HUYỆN GIA LỘC", "ỦY BAN NHÂN DÂN XÃ GIA TÂN"]
    assert cell_lines(table, 0, 1) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert cell_lines(table, 1, 0) == ["Số: 13/KH-UBND"]
    assert cell_lines(table, 1, 1) == ["Gia Tân, ngày 05 tháng 02 năm 2024"]


def test_header_table_is_borderless(plan: Document) -> None:
    borders = header_table(plan)._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


def test_header_sizes_and_weights_follow_the_decree(plan: Document) -> None:
    table = header_table(plan)
    parent, issuer = (p for p in table.rows[0].cells[0].paragraphs if p.text.strip())
    national, motto = (p for p in table.rows[0].cells[1].paragraphs if p.text.strip())
    number = table.rows[1].cells[0].paragraphs[0]
    place = table.rows[1].cells[1].paragraphs[0]
    expected = [
        (parent, 13, False, False),
        (issuer, 13, True, False),
        (national, 13, True, False),
        (motto, 14, True, False),
        (number, 13, False, False),
        (place, 14, False, True),
    ]
    for line, size, bold, italic in expected:
        for run in text_runs(line):
            assert (run.font.size.pt, bool(run.font.bold), bool(run.font.italic)) == (size, bold, italic), (
                line.text
            )
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_rules_are_bottom_borders_under_the_issuer_the_motto_and_the_title(plan: Document) -> None:
    def rules(paragraphs: list[DocxParagraph]) -> list[DocxParagraph]:
        return [p for p in paragraphs if p._p.xpath("./w:pPr/w:pBdr/w:bottom")]

    table = header_table(plan)
    assert len(rules(table.rows[0].cells[0].paragraphs)) == 1
    assert len(rules(table.rows[0].cells[1].paragraphs)) == 1
    body_rules = rules(plan.paragraphs)
    assert len(body_rules) == 1
    # the title rule sits right under the trích yếu, 1/3 to 1/2 as long as it, centred
    index = [p._p for p in plan.paragraphs].index(body_rules[0]._p)
    assert plan.paragraphs[index - 1].text == "Tuyên truyền cải cách hành chính nhà nước xã Gia Tân năm 2024"
    fmt = body_rules[0].paragraph_format
    assert fmt.left_indent == fmt.right_indent
    rule_mm = 165 - 2 * fmt.left_indent.mm
    assert 139 / 3 <= rule_mm <= 139 / 2  # the title is about 139 mm wide at 14 pt bold


@pytest.mark.parametrize(
    ("issued_on", "expected"),
    [
        (date(2024, 2, 5), "Gia Tân, ngày 05 tháng 02 năm 2024"),
        (date(2024, 3, 5), "Gia Tân, ngày 05 tháng 3 năm 2024"),
        (date(2024, 11, 20), "Gia Tân, ngày 20 tháng 11 năm 2024"),
        (None, "Gia Tân, ngày     tháng     năm 2024"),
    ],
)
def test_date_line_pads_only_january_and_february(issued_on: date | None, expected: str) -> None:
    document = read(render_docx(gia_tan_plan(issued_on=issued_on)))
    assert cell_lines(header_table(document), 1, 1) == [expected]


def test_a_draft_without_number_keeps_the_blank_for_the_clerk() -> None:
    document = read(render_docx(replace(gia_tan_plan(), number=None)))
    assert cell_lines(header_table(document), 1, 0) == ["Số:      /KH-UBND"]


def test_a_long_issuer_breaks_after_uy_ban_nhan_dan() -> None:
    plan = replace(gia_tan_plan(), parent_body="", issuer="Ủy ban nhân dân phường Điện Biên Phủ")
    document = read(render_docx(plan))
    issuer = header_table(document).rows[0].cells[0].paragraphs[0]
    assert issuer.text == "ỦY BAN NHÂN DÂN\nPHƯỜNG ĐIỆN BIÊN PHỦ"
    assert all(run.font.bold for run in text_runs(issuer))


# --- title, citations, body ----------------------------------------------------------------


def test_title_block_is_the_type_in_capitals_and_the_summary_in_bold(plan: Document) -> None:
    lines = body_paragraphs(plan)
    kind, title = lines[0], lines[1]
    assert (kind.text, title.text) == (
        "KẾ HOẠCH",
        "Tuyên truyền cải cách hành chính nhà nước xã Gia Tân năm 2024",
    )
    for line in (kind, title):
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.font.bold and run.font.size.pt == 14 for run in text_runs(line))


def test_based_on_lines_are_italic_with_semicolons_and_a_final_full_stop(plan: Document) -> None:
    first = paragraph(plan, "Căn cứ Kế hoạch số 4999/KH-UBND")
    last = paragraph(plan, "Thực hiện Kế hoạch số 13/KH-UBND")
    assert first.text.endswith("năm 2024;")
    assert last.text.endswith("Gia Lộc năm 2024.")
    for line in (first, last):
        assert all(run.font.italic for run in text_runs(line))
        assert line.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_body_paragraphs_are_justified_indented_and_spaced(plan: Document) -> None:
    body = paragraph(plan, "a) Đẩy mạnh công tác thông tin")
    fmt = body.paragraph_format
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent is not None
    assert abs(fmt.first_line_indent.cm - 1.27) < 0.01
    assert fmt.line_spacing is not None
    assert 1.15 <= fmt.line_spacing <= 1.2
    assert fmt.space_after is not None
    assert fmt.space_after.pt >= 6
    assert all(run.font.size.pt == 14 and not run.font.bold for run in text_runs(body))


def test_headings_by_level(plan: Document) -> None:
    roman = paragraph(plan, "I. ")
    assert roman.text == "I. MỤC ĐÍCH YÊU CẦU"  # capitals, whatever the source's case
    assert all(run.font.bold for run in text_runs(roman))
    assert roman.paragraph_format.keep_with_next is True
    arabic = paragraph(plan, "1. Mục đích")
    assert all(run.font.bold and not run.font.italic for run in text_runs(arabic))
    lettered = paragraph(plan, "b) Công khai các thủ tục hành chính")
    assert all(run.font.italic and not run.font.bold for run in text_runs(lettered))


def test_bullets_are_dash_paragraphs_without_doubled_dashes(plan: Document) -> None:
    first = paragraph(plan, "- Niêm yết công khai")
    second = paragraph(plan, "- Thường xuyên, kịp thời cập nhật")
    assert not second.text.startswith("- -")
    assert first.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY


def test_closing_keeps_its_wording_and_stays_with_the_signature(plan: Document) -> None:
    closing = paragraph(plan, "Trên đây là Kế hoạch")
    assert closing.text.endswith("nghiêm túc triển khai thực hiện./.")
    assert "năm 202." in closing.text  # the source's typo is not "fixed"
    assert closing.paragraph_format.keep_with_next is True


# --- signature and Nơi nhận ----------------------------------------------------------------


def test_recipients_list_is_normalised_and_sized(plan: Document) -> None:
    left = signature_table(plan).rows[0].cells[0]
    label, *items = (p for p in left.paragraphs if p.text.strip())
    assert label.text == "Nơi nhận:"
    assert all(
        (run.font.size.pt, run.font.bold, run.font.italic) == (12, True, True) for run in text_runs(label)
    )
    assert [item.text for item in items] == [
        "- Phòng Nội vụ, Phòng VHTT huyện;",
        "- Thường vụ Đảng ủy;",
        "- Lãnh đạo UBND xã;",
        "- Cán bộ, công chức xã;",
        "- Lưu: VT.",
    ]
    for item in items:
        assert all(run.font.size.pt == 11 and not run.font.bold for run in text_runs(item))


def test_signature_block_is_authority_title_space_and_name(plan: Document) -> None:
    table = signature_table(plan)
    right = table.rows[0].cells[1].paragraphs
    assert [p.text for p in right] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "", "", "Phạm Duy Thoại"]
    for line in right:
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.font.bold and run.font.size.pt == 14 for run in text_runs(line))
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert {edge.get(qn("w:val")) for edge in table._tbl.tblPr.find(qn("w:tblBorders"))} == {"nil"}


def test_deputy_signs_with_kt_line() -> None:
    signature = Signature(
        authority="TM. Ủy ban nhân dân", acting_line="KT. Chủ tịch", title="Phó Chủ tịch", name="Lê Bách Sơn"
    )
    document = read(render_docx(replace(gia_tan_plan(), signature=signature)))
    right = texts(signature_table(document).rows[0].cells[1].paragraphs)
    assert right == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Bách Sơn"]


# --- a report: Kính gửi and a table in the body --------------------------------------------


def small_report(recipients: list[str]) -> OfficialDocument:
    return OfficialDocument(
        issuer="ỦY BAN NHÂN DÂN XÃ NGỌC LÂM",
        doc_type="BÁO CÁO",
        number=5,
        symbol="BC-UBND",
        place="Ngọc Lâm",
        issued_on=date(2024, 6, 20),
        title="Kết quả công tác thông tin, tuyên truyền cải cách hành chính 6 tháng đầu năm 2024",
        recipients_to=recipients,
        body=[
            Heading(1, "I. Kết quả thực hiện"),
            Table(["TT", "Hình thức", "Số lượng"], [["1", "Tin, bài", "12"], ["2", "Hội nghị", "2"]]),
            Bullets(["Không"]),
        ],
        copy_to=["Như trên", "Lưu: VT, VP"],
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name="Nguyễn Hữu Hoan"),
    )


def test_report_to_one_body_has_a_centred_kinh_gui_line() -> None:
    document = read(render_docx(small_report(["Phòng Nội vụ thị xã Mỹ Hào"])))
    line = paragraph(document, "Kính gửi:")
    assert line.text == "Kính gửi: Phòng Nội vụ thị xã Mỹ Hào"
    assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert len(document.sections) == 1
    # a little wider than a column: broken where officials break it
    assert cell_lines(header_table(document), 0, 0) == ["ỦY BAN NHÂN DÂN\nXÃ NGỌC LÂM"]
    assert cell_lines(header_table(document), 1, 0) == ["Số: 05/BC-UBND"]


def test_report_to_several_bodies_lists_them_with_dashes() -> None:
    document = read(render_docx(small_report(["UBND thị xã Mỹ Hào", "Phòng Nội vụ thị xã"])))
    lines = texts(document.paragraphs)
    start = lines.index("Kính gửi:")
    assert lines[start + 1 : start + 3] == ["- UBND thị xã Mỹ Hào;", "- Phòng Nội vụ thị xã."]


def test_a_body_table_is_ruled_with_a_repeated_bold_header() -> None:
    document = read(render_docx(small_report([])))
    table = document.tables[1]  # after the header block, before the signature
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["TT", "Hình thức", "Số lượng"],
        ["1", "Tin, bài", "12"],
        ["2", "Hội nghị", "2"],
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}
    width_mm = sum(int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))) / 56.69
    assert abs(width_mm - 165) < 0.5  # the text width of a portrait page
    assert "Kính gửi:" not in texts(document.paragraphs)


# --- appendix ------------------------------------------------------------------------------


def test_appendix_caption_lines(plan: Document) -> None:
    lines = body_paragraphs(plan)
    start = [p.text for p in lines].index("Phụ lục")
    label, title, attached = lines[start : start + 3]
    assert title.text == "CÁC NHIỆM VỤ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    assert attached.text == (
        "(Kèm theo Kế hoạch số 13/KH-UBND ngày 05 tháng 02 năm 2024 của Ủy ban nhân dân xã Gia Tân)"
    )
    for line in (label, title):
        assert all(run.font.bold and run.font.size.pt == 14 for run in text_runs(line))
    assert all(run.font.italic for run in text_runs(attached))
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in (label, title, attached))


def test_appendix_table_cells_equal_the_rows_under_a_repeated_header(plan: Document) -> None:
    table = appendix_table(plan)
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells == [TASK_HEADER, *TASK_ROWS]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    assert all(run.font.bold for cell in header.cells for p in cell.paragraphs for run in text_runs(p))
    sizes = {
        run.font.size.pt for row in table.rows for c in row.cells for p in c.paragraphs for run in p.runs
    }
    assert sizes <= {12, 13}
    edges = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.tag.split("}")[1] for edge in edges} == {
        "top",
        "left",
        "bottom",
        "right",
        "insideH",
        "insideV",
    }
    assert {edge.get(qn("w:val")) for edge in edges} == {"single"}


def test_appendix_columns_follow_the_widths_but_fit_the_header_words(plan: Document) -> None:
    columns = [
        int(c.get(qn("w:w"))) / 56.69 for c in appendix_table(plan)._tbl.tblGrid.findall(qn("w:gridCol"))
    ]
    assert abs(sum(columns) - 252) < 0.5  # landscape text width: 297 - 30 - 15
    assert columns[0] >= 12  # "STT" in 12 pt bold plus padding, though its weight asks for less
    assert columns[1] > columns[2] > columns[5]


def test_several_appendices_each_restart_numbering() -> None:
    first = gia_tan_plan().appendices[0]
    second = Appendix(
        label="Phụ lục II",
        title="Kinh phí",
        attached_line=first.attached_line,
        table=Table(["Nội dung", "Số tiền"], [["Tờ rơi", "2.000.000"]]),
        landscape=False,
    )
    document = read(
        render_docx(replace(gia_tan_plan(), appendices=[replace(first, label="Phụ lục I"), second]))
    )
    assert len(document.sections) == 3
    assert [page_number_start(s) for s in document.sections] == [None, "1", "1"]
    assert all(s.different_first_page_header_footer for s in document.sections)
    assert [s.orientation for s in document.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]


# --- the file ------------------------------------------------------------------------------


def test_same_document_renders_to_the_same_bytes(plan_bytes: bytes) -> None:
    assert render_docx(gia_tan_plan()) == plan_bytes


def test_core_properties_are_fixed(plan: Document) -> None:
    properties = plan.core_properties
    assert properties.author == "Loa"
    assert properties.title == "KẾ HOẠCH Tuyên truyền cải cách hành chính nhà nước xã Gia Tân năm 2024"
    assert properties.created is not None
    assert properties.created.date() == date(2024, 2, 5)
    assert properties.modified == properties.created
    assert "python-docx" not in (properties.comments or "")


def test_zip_entries_carry_a_fixed_timestamp(plan_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(plan_bytes)) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        assert "word/document.xml" in archive.namelist()
        assert "docProps/thumbnail.jpeg" not in archive.namelist()  # the template's blank page


def test_a_minimal_document_renders() -> None:
    minimal = OfficialDocument(
        issuer="UBND XÃ A",
        doc_type="KẾ HOẠCH",
        symbol="KH-UBND",
        place="A",
        title="Thử",
        body=[Paragraph("Nội dung.")],
        signature=Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name=""),
    )
    document = read(render_docx(minimal))
    assert cell_lines(header_table(document), 1, 0) == ["Số:      /KH-UBND"]
    assert cell_lines(header_table(document), 1, 1) == ["A, ngày     tháng     năm     "]
    assert texts(signature_table(document).rows[0].cells[0].paragraphs) == ["Nơi nhận:"]
