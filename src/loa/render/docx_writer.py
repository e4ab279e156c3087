"""An `OfficialDocument` as a Word file laid out by Nghị định 30/2020/NĐ-CP, Phụ lục I.

`render_docx(doc)` returns the bytes of a .docx file:

- A4 portrait, margins 20/20/30/15 mm (top, bottom, left, right); Times New Roman everywhere
  (all four font slots, so Vietnamese never falls back to a theme font); body 14 pt,
  justified, first line indented 1.27 cm, 1.15 line spacing, 6 pt after each paragraph.
- Header block: a borderless two-column table. Left: governing body (capitals), issuer
  (capitals, bold), a short rule, "Số: …". Right: Quốc hiệu (bold 13), Tiêu ngữ (bold 14),
  a rule as long as it, place and date (italic). "Số" and the date share a table row, so
  they sit on one line as the decree wants.
- Title: type (capitals, bold) and trích yếu (bold), centred, with a short rule; then the
  "Kính gửi" line(s), the Căn cứ lines (italic), the body and the closing paragraph.
- Bottom: a borderless two-column table: "Nơi nhận:" (bold italic 12) and its list (11) on
  the left, the signature block on the right, kept on one page.
- Page numbers: centred at the top, 14 pt, from a PAGE field; none on the first page.
- Each appendix is a new section (landscape by default) whose numbering restarts at 1 and
  whose first page has no number either; its table repeats its header row on every page.

The same document renders to the same bytes: the core properties are fixed (dated on
`issued_on`, or 2000-01-01) and the zip entries carry a fixed timestamp.

Rules are paragraph bottom borders on narrow centred paragraphs, sized from an estimate of
the text width (Times New Roman advance widths by character class, not real font metrics):
good to a few millimetres, which the decree's "1/3 to 1/2 of the line" allows.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from copy import deepcopy
from datetime import UTC, date, datetime

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
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
    citation_lines,
    recipients_block,
)

__all__ = ["FONT", "render_docx"]

FONT = "Times New Roman"

PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
HEADER_DISTANCE = Mm(10)

BODY_SIZE = 14
HEADER_LEFT_SIZE = 13
NATIONAL_TITLE_SIZE = 13
MOTTO_SIZE = 14
PAGE_NUMBER_SIZE = 14
RECIPIENTS_LABEL_SIZE = 12
RECIPIENTS_SIZE = 11
TABLE_SIZE = 12
FIRST_LINE_INDENT = Mm(12.7)
LINE_SPACING = 1.15
SPACE_AFTER = Pt(6)
SIGNATURE_BLANK_LINES = 4

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"
RECIPIENTS_TO_LABEL = "Kính gửi:"

# The header table is wider than the text block (into the left margin, as printed templates
# do) so that the Quốc hiệu (96 mm at 13 pt bold) fits on one line in the right column and a
# commune's issuer line ("ỦY BAN NHÂN DÂN XÃ GIA TÂN", 72 mm) in the left one.
HEADER_LEFT_WIDTH = Mm(74)
HEADER_RIGHT_WIDTH = Mm(100)
HEADER_INDENT = Mm(-6)
SIGNATURE_LEFT_WIDTH = Mm(80)
CELL_PADDING = Mm(1.5)
SIGNATURE_RIGHT_WIDTH = Mm(85)

_FALLBACK_DATE = date(2000, 1, 1)
_NO_INDENT = Emu(0)
_ZIP_TIMESTAMP = (2000, 1, 1, 0, 0, 0)
_RULE_WEIGHT = "6"  # eighths of a point: a 0.75 pt rule

# Successors of w:pBdr in w:pPr and of w:pgNumType in w:sectPr (schema order matters to Word).
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_PGNUMTYPE = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip


def render_docx(doc: OfficialDocument) -> bytes:
    """The document as .docx bytes; deterministic for a given `doc`."""
    document = docx.Document()
    _set_defaults(document)
    _set_core_properties(document, doc)

    section = document.sections[0]
    _set_page(section, landscape=False)
    _number_pages(section, restart=False)

    _header_block(document, doc)
    _title_block(document, doc)
    for line in citation_lines(doc.based_on):
        _body_paragraph(document, line, italic=True)
    for block in doc.body:
        if isinstance(block, Heading):
            _heading(document, block)
        elif isinstance(block, Paragraph):
            _body_paragraph(document, block.text, italic=block.italic)
        elif isinstance(block, Bullets):
            for item in block.items:
                _body_paragraph(document, f"- {_strip_dash(item)}")
        else:
            _table(document, block, text_width=_text_width(section))
    if doc.closing:
        _body_paragraph(document, doc.closing, keep_with_next=True)
    _signature_block(document, doc.copy_to, doc.signature)

    for appendix in doc.appendices:
        _appendix(document, appendix)

    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_zip(buffer.getvalue())


# --- document-wide settings ----------------------------------------------------------------


def _set_defaults(document: Document) -> None:
    """Times New Roman 14 for everything, single spacing and no space unless a block says so."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            _set_fonts(fonts)
        for spacing in defaults.iter(qn("w:spacing")):
            spacing.set(qn("w:after"), "0")
            spacing.set(qn("w:line"), "240")
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element.get_or_add_rPr().get_or_add_rFonts())
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True


def _set_fonts(fonts: BaseOxmlElement) -> None:
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _set_core_properties(document: Document, doc: OfficialDocument) -> None:
    day = doc.issued_on or _FALLBACK_DATE
    stamp = datetime(day.year, day.month, day.day, tzinfo=UTC)
    properties = document.core_properties
    properties.title = f"{doc.doc_type} {doc.title}".strip()
    properties.subject = doc.title
    properties.author = "Loa"
    properties.last_modified_by = "Loa"
    properties.comments = ""
    properties.keywords = ""
    properties.category = doc.doc_type
    properties.revision = 1
    properties.created = stamp
    properties.modified = stamp
    # python-docx's template carries a thumbnail of its own blank page; file browsers show it.
    package_rels = document.part.package.rels
    for key, relationship in list(package_rels.items()):
        if relationship.reltype.endswith("/thumbnail"):
            del package_rels[key]


def _normalise_zip(data: bytes) -> bytes:
    """The same archive with a fixed timestamp on every entry, so equal input gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIMESTAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return output.getvalue()


# --- sections and page numbers -------------------------------------------------------------


def _set_page(section: Section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width = PAGE_HEIGHT if landscape else PAGE_WIDTH
    section.page_height = PAGE_WIDTH if landscape else PAGE_HEIGHT
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.header_distance = HEADER_DISTANCE
    section.footer_distance = HEADER_DISTANCE
    section.gutter = Mm(0)


def _text_width(section: Section) -> Length:
    return Emu(
        int(section.page_width or PAGE_WIDTH)
        - int(section.left_margin or MARGIN_LEFT)
        - int(section.right_margin or MARGIN_RIGHT)
    )


def _number_pages(section: Section, *, restart: bool) -> None:
    """No number on the section's first page; a centred PAGE field on the others.

    Later sections inherit the first section's headers, so only the first one writes them.
    """
    section.different_first_page_header_footer = True
    if restart:
        number_type = OxmlElement("w:pgNumType")
        number_type.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(number_type, *_AFTER_PGNUMTYPE)
        return
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=PAGE_NUMBER_SIZE)


def _field(paragraph: DocxParagraph, instruction: str, *, size: int) -> None:
    """A complex field (begin, instruction, separate, placeholder result, end); Word and
    LibreOffice recompute a PAGE field on every page, whatever the placeholder says."""
    parts: list[tuple[str, str]] = [
        ("begin", ""),
        ("instr", f" {instruction} "),
        ("separate", ""),
        ("text", "2"),
        ("end", ""),
    ]
    for kind, text in parts:
        run = paragraph.add_run()
        _format_run(run, size=size)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


# --- text primitives -----------------------------------------------------------------------


# Run properties built once per (size, bold, italic) through python-docx, then copied:
# its setters search the element's children on every call, which made a province's
# roll-up report (2,600 table cells) take 1.4 s to lay out.
_RUN_PROPERTIES: dict[tuple[float, bool, bool], BaseOxmlElement] = {}


def _format_run(run: Run, *, size: float, bold: bool = False, italic: bool = False) -> None:
    key = (size, bold, italic)
    template = _RUN_PROPERTIES.get(key)
    if template is not None and run._r.rPr is None:
        run._r.insert(0, deepcopy(template))
        return
    run.font.name = FONT
    _set_fonts(run._r.get_or_add_rPr().get_or_add_rFonts())
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    if template is None:
        _RUN_PROPERTIES[key] = deepcopy(run._r.get_or_add_rPr())


def _add_text(
    paragraph: DocxParagraph, text: str, *, size: float, bold: bool = False, italic: bool = False
) -> None:
    """Runs for `text`; a "\\n" in it becomes a line break inside the paragraph."""
    for index, line in enumerate(text.split("\n")):
        run = paragraph.add_run()
        _format_run(run, size=size, bold=bold, italic=italic)
        if index:
            run.add_break()
        run.add_text(line)
    # The paragraph mark takes the same size, so an empty line is as tall as a full one.
    properties = paragraph._p.get_or_add_pPr()
    for old in properties.findall(qn("w:rPr")):
        properties.remove(old)
    properties.insert_element_before(deepcopy(_paragraph_mark(size)), "w:sectPr", "w:pPrChange")


_PARAGRAPH_MARKS: dict[float, BaseOxmlElement] = {}


def _paragraph_mark(size: float) -> BaseOxmlElement:
    """The paragraph mark's run properties (font and size), built once per size."""
    if size not in _PARAGRAPH_MARKS:
        mark = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        _set_fonts(fonts)
        mark.append(fonts)
        for tag in ("w:sz", "w:szCs"):
            mark_size = OxmlElement(tag)
            mark_size.set(qn("w:val"), str(round(size * 2)))
            mark.append(mark_size)
        _PARAGRAPH_MARKS[size] = mark
    return _PARAGRAPH_MARKS[size]


def _line(
    container: Document | _Cell,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
) -> DocxParagraph:
    """A single-spaced paragraph with no space around it (header, signature, captions)."""
    paragraph: DocxParagraph
    if first and isinstance(container, _Cell):
        paragraph = container.paragraphs[0]
    else:
        paragraph = container.add_paragraph()
    paragraph.alignment = align
    _add_text(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _body_paragraph(
    document: Document,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    keep_with_next: bool = False,
) -> DocxParagraph:
    """Justified, first line indented 1.27 cm, 1.15 spacing, 6 pt after."""
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = FIRST_LINE_INDENT
    fmt.line_spacing = LINE_SPACING
    fmt.space_after = SPACE_AFTER
    fmt.keep_with_next = keep_with_next
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _add_text(paragraph, text, size=BODY_SIZE, bold=bold, italic=italic)
    return paragraph


def _heading(document: Document, heading: Heading) -> None:
    if heading.level == 1:
        _body_paragraph(document, heading.text.upper(), bold=True, keep_with_next=True)
    elif heading.level == 2:
        _body_paragraph(document, heading.text, bold=True, keep_with_next=True)
    else:
        _body_paragraph(document, heading.text, italic=True, keep_with_next=True)


def _strip_dash(item: str) -> str:
    return item.strip().removeprefix("-").removeprefix("–").strip()


def _estimated_width(text: str, size: float, *, bold: bool) -> Length:
    """Rough printed width of `text` in Times New Roman (advance widths by character class)."""
    ems = 0.0
    for char in text:
        if char == " ":
            ems += 0.25
        elif char.isupper():
            ems += 0.72 if bold else 0.68
        elif char.isdigit():
            ems += 0.5
        elif char.isalpha():
            ems += 0.5 if bold else 0.46
        else:
            ems += 0.33
    return Pt(ems * size)


def _fit_lines(text: str, size: float, width: Length, *, bold: bool) -> str:
    """`text` with a line break where it must wrap in a `width` column, at a sensible place.

    "ỦY BAN NHÂN DÂN PHƯỜNG ĐIỆN BIÊN PHỦ" breaks after "ỦY BAN NHÂN DÂN", as officials
    print it, instead of wherever the word processor would run out of room; other long lines
    break where the two halves are most even.
    """
    room = int(width) - int(Mm(1))  # the estimate runs about 2 % wide for capitals
    if int(_estimated_width(text, size, bold=bold)) <= room:
        return text
    for body in ("ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"):
        if text.startswith(body + " "):
            return f"{body}\n{_fit_lines(text[len(body) + 1 :], size, width, bold=bold)}"
    words = text.split()
    if len(words) < 2:
        return text
    splits = [(" ".join(words[:index]), " ".join(words[index:])) for index in range(1, len(words))]
    first, rest = min(
        splits,
        key=lambda pair: max(int(_estimated_width(part, size, bold=bold)) for part in pair),
    )
    return f"{first}\n{rest}"


def _rule(container: Document | _Cell, *, length: Length, within: Length) -> DocxParagraph:
    """A centred horizontal rule `length` long: the bottom border of an empty, 3 pt high paragraph
    indented from both sides of a `within`-wide column."""
    paragraph = container.add_paragraph()
    side = Emu(max(0, (int(within) - int(length)) // 2))
    fmt = paragraph.paragraph_format
    fmt.left_indent = side
    fmt.right_indent = side
    fmt.line_spacing = Pt(3)
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(0)
    _add_text(paragraph, "", size=1)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", _RULE_WEIGHT), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PBDR)
    return paragraph


# --- tables --------------------------------------------------------------------------------


def _table_properties(
    table: DocxTable, widths: Sequence[Length], *, borders: bool, indent: Length = _NO_INDENT
) -> None:
    """Fixed layout with the given column widths, with or without single borders everywhere."""
    table.autofit = False
    tbl = table._tbl
    properties = tbl.tblPr
    for tag in ("w:tblW", "w:jc", "w:tblInd", "w:tblBorders", "w:tblLayout", "w:tblCellMar"):
        for old in properties.findall(qn(tag)):
            properties.remove(old)
    look = properties.find(qn("w:tblLook"))

    def put(element: BaseOxmlElement) -> None:
        if look is None:
            properties.append(element)
        else:
            look.addprevious(element)

    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(sum(_twips(width) for width in widths)))
    total.set(qn("w:type"), "dxa")
    put(total)
    table_indent = OxmlElement("w:tblInd")
    table_indent.set(qn("w:w"), str(_twips(indent)))
    table_indent.set(qn("w:type"), "dxa")
    put(table_indent)
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        if borders:
            for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                line.set(qn(key), value)
        else:
            line.set(qn("w:val"), "nil")
        edges.append(line)
    put(edges)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    put(layout)
    margins = OxmlElement("w:tblCellMar")
    side = _twips(CELL_PADDING) if borders else 0
    for edge, twips in (("top", 0), ("left", side), ("bottom", 0), ("right", side)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    put(margins)

    grid = tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(_twips(width)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _twips(length: Length) -> int:
    return round(int(length) / 635)


def _row_flag(row: CT_Row, tag: str) -> None:
    """Add an on/off row property: w:cantSplit or w:tblHeader (at most one of each per row)."""
    properties = row.get_or_add_trPr()
    flag = OxmlElement(tag)
    header = properties.find(qn("w:tblHeader"))
    if tag == "w:cantSplit" and header is not None:
        header.addprevious(flag)  # the schema puts cantSplit first
    else:
        properties.append(flag)


def _relative_widths(table: Table, total: Length) -> list[Length]:
    """Column widths in proportion to `table.widths`, but never narrower than the longest word
    of the column's header, so "STT" does not break into "ST" / "T"."""
    weights = list(table.widths) if table.widths is not None else [1.0] * len(table.header)
    padding = 2 * int(CELL_PADDING) + int(Mm(1))
    least = [padding + _longest_word(header) for header in table.header]
    widths = [int(total) * weight / sum(weights) for weight in weights]
    narrow = {index for index, width in enumerate(widths) if width < least[index]}
    if narrow and len(narrow) < len(widths):
        spare = int(total) - sum(least[index] for index in narrow)
        rest = sum(weights[index] for index in range(len(weights)) if index not in narrow)
        widths = [
            least[index] if index in narrow else spare * weight / rest for index, weight in enumerate(weights)
        ]
    return [Emu(int(width)) for width in widths]


def _longest_word(text: str) -> int:
    return max((int(_estimated_width(word, TABLE_SIZE, bold=True)) for word in text.split()), default=0)


def _table(document: Document, table: Table, *, text_width: Length) -> DocxTable:
    """A ruled table: bold centred header row repeated on every page, 12 pt cells.

    A column whose cells are all short (STT, a number) is centred; the others read left.
    """
    widths = _relative_widths(table, text_width)
    result: DocxTable = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    _table_properties(result, widths, borders=True)
    centred = [all(len(row[index].strip()) <= 4 for row in table.rows) for index in range(len(table.header))]
    header_row = result.rows[0]
    _row_flag(header_row._tr, "w:tblHeader")
    for cell, text in zip(header_row.cells, table.header, strict=True):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row, values in zip(result.rows[1:], table.rows, strict=True):
        for index, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            align = WD_ALIGN_PARAGRAPH.CENTER if centred[index] else WD_ALIGN_PARAGRAPH.LEFT
            _cell_text(cell, text, align=align)
    # A paragraph after the table keeps the next table or section apart from it.
    document.add_paragraph().paragraph_format.space_after = SPACE_AFTER
    return result


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH) -> None:
    """One paragraph per line of `text`, with a little air above and below."""
    lines = text.split("\n") or [""]
    for index, line in enumerate(lines):
        paragraph = _line(cell, line, size=TABLE_SIZE, bold=bold, align=align, first=index == 0)
        paragraph.paragraph_format.space_before = Pt(3) if index == 0 else Pt(0)
        paragraph.paragraph_format.space_after = Pt(3) if index == len(lines) - 1 else Pt(0)


# --- the blocks of the first page and the last ---------------------------------------------


def _header_block(document: Document, doc: OfficialDocument) -> None:
    table = document.add_table(rows=2, cols=2)
    _table_properties(table, [HEADER_LEFT_WIDTH, HEADER_RIGHT_WIDTH], borders=False, indent=HEADER_INDENT)
    left, right = table.rows[0].cells
    issuer = _fit_lines(doc.issuer.upper(), HEADER_LEFT_SIZE, HEADER_LEFT_WIDTH, bold=True)
    if doc.parent_body:
        parent = _fit_lines(doc.parent_body.upper(), HEADER_LEFT_SIZE, HEADER_LEFT_WIDTH, bold=False)
        _line(left, parent, size=HEADER_LEFT_SIZE, first=True)
        _line(left, issuer, size=HEADER_LEFT_SIZE, bold=True)
    else:
        _line(left, issuer, size=HEADER_LEFT_SIZE, bold=True, first=True)
    issuer_width = max(
        int(_estimated_width(line, HEADER_LEFT_SIZE, bold=True)) for line in issuer.split("\n")
    )
    _rule(left, length=Emu(int(issuer_width * 0.4)), within=HEADER_LEFT_WIDTH)

    _line(right, NATIONAL_TITLE, size=NATIONAL_TITLE_SIZE, bold=True, first=True)
    _line(right, MOTTO, size=MOTTO_SIZE, bold=True)
    _rule(right, length=_estimated_width(MOTTO, MOTTO_SIZE, bold=True), within=HEADER_RIGHT_WIDTH)

    number_cell, date_cell = table.rows[1].cells
    number = _line(number_cell, doc.number_line, size=HEADER_LEFT_SIZE, first=True)
    place = _line(date_cell, doc.date_line, size=BODY_SIZE, italic=True, first=True)
    number.paragraph_format.space_before = Pt(6)
    place.paragraph_format.space_before = Pt(6)


def _title_block(document: Document, doc: OfficialDocument) -> None:
    kind = _line(document, doc.doc_type.upper(), size=BODY_SIZE, bold=True)
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.keep_with_next = True
    title = _line(document, doc.title, size=BODY_SIZE, bold=True)
    title.paragraph_format.keep_with_next = True
    text_width = _text_width(document.sections[0])
    title_width = min(int(_estimated_width(doc.title, BODY_SIZE, bold=True)), int(text_width))
    rule = _rule(document, length=Emu(int(title_width * 0.4)), within=text_width)
    rule.paragraph_format.space_after = Pt(12)

    recipients = [line.strip() for line in doc.recipients_to if line.strip()]
    if len(recipients) == 1:
        only = _line(document, f"{RECIPIENTS_TO_LABEL} {recipients[0]}", size=BODY_SIZE)
        only.paragraph_format.space_after = Pt(12)
    elif recipients:
        _line(document, RECIPIENTS_TO_LABEL, size=BODY_SIZE)
        lines = recipients_block(recipients)
        for index, text in enumerate(lines):
            item = _line(document, text, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)
            item.paragraph_format.left_indent = Mm(50)
            if index == len(lines) - 1:
                item.paragraph_format.space_after = Pt(12)


def _signature_block(document: Document, copy_to: Sequence[str], signature: Signature) -> None:
    table = document.add_table(rows=1, cols=2)
    _table_properties(table, [SIGNATURE_LEFT_WIDTH, SIGNATURE_RIGHT_WIDTH], borders=False)
    _row_flag(table.rows[0]._tr, "w:cantSplit")
    left, right = table.rows[0].cells

    recipients = recipients_block(copy_to)
    label = _line(
        left, RECIPIENTS_LABEL, size=RECIPIENTS_LABEL_SIZE, bold=True, italic=True,
        align=WD_ALIGN_PARAGRAPH.LEFT, first=True,
    )  # fmt: skip
    label.paragraph_format.keep_with_next = True
    for text in recipients:
        _line(left, text, size=RECIPIENTS_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT)

    lines = [signature.authority, signature.acting_line, signature.title]
    present = [line.strip().upper() for line in lines if line.strip()]
    for index, text in enumerate(present):
        _line(right, text, size=BODY_SIZE, bold=True, first=index == 0)
    for _ in range(SIGNATURE_BLANK_LINES):
        _line(right, "", size=BODY_SIZE)
    _line(right, signature.name.strip(), size=BODY_SIZE, bold=True)


def _appendix(document: Document, appendix: Appendix) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _set_page(section, landscape=appendix.landscape)
    _number_pages(section, restart=True)
    _line(document, appendix.label, size=BODY_SIZE, bold=True)
    _line(document, appendix.title.upper(), size=BODY_SIZE, bold=True)
    attached = _line(document, appendix.attached_line, size=BODY_SIZE, italic=True)
    attached.paragraph_format.space_after = Pt(12)
    _table(document, appendix.table, text_width=_text_width(section))
