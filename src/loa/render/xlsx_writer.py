"""Tables → an .xlsx workbook (bytes) that opens ready to filter and print.

Each `Sheet` becomes one worksheet: an optional caption row, a bold shaded header row that
stays frozen on screen and repeats on printed pages, an autofilter over the data, and the
rows as typed cells.

Rules a caller can rely on:
- Numbers stay numbers (Decimal included) and dates are real dates shown dd/mm/yyyy
  (datetimes dd/mm/yyyy hh:mm), so sums and sorting work in Excel. NaN and infinities are
  written as empty cells. Aware datetimes are refused: convert to Vietnam time first.
- Text is always text: a value like "=SUM(A1)" or "#N/A" is never read as a formula or an
  error, and characters XML cannot hold are dropped.
- Sheet titles are made Excel-safe: []:*?/\\ become "-", at most 31 characters, no
  surrounding apostrophes, unique ignoring case ("Quý I/2024" → "Quý I-2024").
- Column widths (in characters) come from the longest header or cell text unless given.
- The output is deterministic: the workbook's created/modified properties and every zip
  entry's timestamp come from `created`, so the same arguments give the same bytes.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

__all__ = [
    "DATETIME_FORMAT",
    "DATE_FORMAT",
    "DEFAULT_CREATED",
    "CellValue",
    "Sheet",
    "render_xlsx",
    "sheet_title",
]

type CellValue = str | int | float | Decimal | date | None

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
DEFAULT_CREATED = datetime(2000, 1, 1)
"""Stamped on a workbook when the caller gives no time (pass the report's time instead)."""

MAX_TITLE = 31
MAX_ROWS = 1_048_576  # Excel's limit, caption and header included
MAX_COLUMNS = 16_384
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
HEADER_FILL = "D9E1F2"

_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAX_TEXT = 32_767  # characters an Excel cell holds


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a header and rows of the same length.

    `widths` and `number_formats` hold one entry per column, None keeping the default
    (width from content; "General" for numbers, dd/mm/yyyy for dates). A number format
    such as "#,##0" or "0.00" applies to the column's numbers and dates, never to text.
    """

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[CellValue]]
    widths: Sequence[float | None] | None = None
    number_formats: Sequence[str | None] | None = None
    caption: str | None = None

    def __post_init__(self) -> None:
        columns = len(self.header)
        if not 1 <= columns <= MAX_COLUMNS:
            raise ValueError(f"a sheet needs 1 to {MAX_COLUMNS} columns, got {columns}")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != columns:
                raise ValueError(f"row {number} has {len(row)} cells, the header has {columns}")
        if len(self.rows) + 2 > MAX_ROWS:
            raise ValueError(f"a sheet holds at most {MAX_ROWS - 2} rows, got {len(self.rows)}")
        if self.widths is not None and (
            len(self.widths) != columns or any(w is not None and not 0 < w <= 255 for w in self.widths)
        ):
            raise ValueError(f"widths must be {columns} entries of None or 0 < width ≤ 255")
        if self.number_formats is not None and len(self.number_formats) != columns:
            raise ValueError(f"number_formats must have {columns} entries")


def render_xlsx(
    sheets: Sequence[Sheet], *, created: datetime = DEFAULT_CREATED, creator: str = "Loa"
) -> bytes:
    """The .xlsx file holding `sheets` in order; `created` stamps it (naive, or it is made naive UTC)."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for sheet in sheets:
        title = sheet_title(sheet.title, taken)
        taken.add(title.casefold())
        _write_sheet(workbook.create_sheet(title=title), sheet)

    stamp = _naive_utc(created)
    workbook.properties.creator = creator
    workbook.properties.lastModifiedBy = creator
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _restamp(raw.getvalue(), stamp)


def sheet_title(title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """An Excel-safe sheet title for `title`, unique against `taken` (casefolded titles)."""
    clean = _XML_ILLEGAL.sub("", _TITLE_FORBIDDEN.sub("-", title)).strip().strip("'").strip()
    clean = clean[:MAX_TITLE].rstrip().rstrip("'") or "Sheet"
    if clean.casefold() == "history":  # reserved by Excel
        clean = "History-"
    candidate, number = clean, 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = clean[: MAX_TITLE - len(suffix)].rstrip().rstrip("'") + suffix
    return candidate


def _write_sheet(ws: Any, sheet: Sheet) -> None:
    columns = len(sheet.header)
    last = get_column_letter(columns)
    header_row = 1
    if sheet.caption:
        cell = ws.cell(row=1, column=1)
        _set_text(cell, sheet.caption)
        cell.font = Font(bold=True, size=13)
        if columns > 1:
            ws.merge_cells(f"A1:{last}1")
        header_row = 2

    header_font = Font(bold=True)
    header_fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    header_alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column, text in enumerate(sheet.header, start=1):
        cell = ws.cell(row=header_row, column=column)
        _set_text(cell, text)
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = header_alignment

    formats = sheet.number_formats or [None] * columns
    wrapped = Alignment(vertical="top", wrap_text=True)
    for offset, row in enumerate(sheet.rows, start=1):
        for column, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=header_row + offset, column=column)
            _set_value(cell, value, formats[column - 1])
            if isinstance(value, str) and "\n" in value:
                cell.alignment = wrapped

    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + len(sheet.rows)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    given = sheet.widths or [None] * columns
    for column in range(1, columns + 1):
        width = given[column - 1]
        if width is None:
            width = _content_width(sheet, column - 1)
        ws.column_dimensions[get_column_letter(column)].width = width


def _set_text(cell: Any, text: str) -> None:
    cell.value = _XML_ILLEGAL.sub("", text)[:_MAX_TEXT]
    cell.data_type = "s"  # never a formula ("=…") nor an error code ("#N/A")


def _set_value(cell: Any, value: CellValue, number_format: str | None) -> None:
    if isinstance(value, str):
        _set_text(cell, value)
    elif isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            raise ValueError(f"aware datetime {value.isoformat()}: convert it to local time first")
        cell.value = value
        cell.number_format = number_format or DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = number_format or DATE_FORMAT
    elif isinstance(value, bool):
        cell.value = value
    elif isinstance(value, int | float | Decimal):
        number = float(value) if isinstance(value, Decimal) else value
        if isinstance(number, float) and not math.isfinite(number):
            return
        cell.value = number
        if number_format:
            cell.number_format = number_format
    else:
        raise TypeError(f"cannot write {type(value).__name__} to a cell: {value!r}")


def _display_length(value: CellValue) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, date):
        return len(DATE_FORMAT)
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return len(f"{value:,}")
    number = float(value)
    return len(f"{number:,.2f}") if math.isfinite(number) else 0


def _content_width(sheet: Sheet, index: int) -> float:
    longest = max(
        [_display_length(sheet.header[index])] + [_display_length(row[index]) for row in sheet.rows]
    )
    return min(max(longest + 2.0, MIN_WIDTH), MAX_WIDTH)


def _naive_utc(moment: datetime) -> datetime:
    offset = moment.utcoffset()
    if offset is None:
        return moment.replace(microsecond=0)
    return (moment - offset).replace(tzinfo=None, microsecond=0)


def _restamp(data: bytes, stamp: datetime) -> bytes:
    """The same zip with every entry dated `stamp` (zip dates start in 1980)."""
    day = max(stamp, datetime(1980, 1, 1))
    when = (day.year, day.month, day.day, day.hour, day.minute, day.second)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
