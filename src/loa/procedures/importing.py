"""Reading a unit's procedure list from the national database's CSV or XLSX export.

Headers are matched on their folded words, so "Mã thủ tục", "MÃ THỦ TỤC" and
"ma thu tuc" are the same column; unknown columns (STT, Ghi chú …) are ignored, and a
few title rows above the header are skipped. Every row is checked and every fault is
reported (row number as the spreadsheet shows it, column, message) before anything is
written: the service applies the whole file or none of it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from loa.text.folding import fold, fold_words

from .choices import OnlineLevel
from .errors import ProcedureFileUnreadable, ProcedureRowsInvalid, RowError
from .models import MAX_LENGTHS

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10
XLSX_MAGIC = b"PK\x03\x04"

# Folded header words → field; the national database and provinces word them a little differently.
HEADERS: dict[str, str] = {
    "ma thu tuc": "code",
    "ma tthc": "code",
    "ma so": "code",
    "ten thu tuc": "name",
    "ten tthc": "name",
    "ten thu tuc hanh chinh": "name",
    "linh vuc": "field",
    "cap thuc hien": "level",
    "thoi han giai quyet": "processing_time",
    "thoi gian giai quyet": "processing_time",
    "phi le phi": "fees",
    "le phi": "fees",
    "muc do dvc truc tuyen": "online_level",
    "muc do dich vu cong truc tuyen": "online_level",
    "dvc truc tuyen": "online_level",
    "can cu phap ly": "legal_basis",
    "niem yet tai bo phan mot cua": "posted_at_desk",
    "niem yet": "posted_at_desk",
}
REQUIRED = ("code", "name")

ONLINE_VALUES: dict[str, str] = {
    "": OnlineLevel.NONE,
    "khong": OnlineLevel.NONE,
    "toan trinh": OnlineLevel.FULL,
    "dvc toan trinh": OnlineLevel.FULL,
    "muc do 4": OnlineLevel.FULL,
    "mot phan": OnlineLevel.PARTIAL,
    "dvc mot phan": OnlineLevel.PARTIAL,
    "muc do 3": OnlineLevel.PARTIAL,
}
YES_NO: dict[str, bool] = {"": False, "co": True, "x": True, "khong": False}


def column_labels() -> dict[str, str]:
    """The Vietnamese column names, as the template file and the error table show them."""
    return {
        "code": _("Mã thủ tục"),
        "name": _("Tên thủ tục"),
        "field": _("Lĩnh vực"),
        "level": _("Cấp thực hiện"),
        "processing_time": _("Thời hạn giải quyết"),
        "fees": _("Phí, lệ phí"),
        "online_level": _("Mức độ DVC trực tuyến"),
        "legal_basis": _("Căn cứ pháp lý"),
        "posted_at_desk": _("Niêm yết tại Bộ phận Một cửa"),
    }


@dataclass(frozen=True)
class ProcedureRow:
    """One valid row of an import file, ready to be written."""

    row: int
    code: str
    name: str
    field: str = ""
    level: str = ""
    processing_time: str = ""
    fees: str = ""
    online_level: str = OnlineLevel.NONE
    legal_basis: str = ""
    posted_at_desk: bool = False


def parse_procedure_file(filename: str, data: bytes) -> list[ProcedureRow]:
    """Every row of the file, validated; raises ProcedureImportRefused with all the faults."""
    if len(data) > MAX_FILE_BYTES:
        raise ProcedureFileUnreadable(
            _("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise ProcedureFileUnreadable(_("Tệp rỗng."))
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(XLSX_MAGIC):
        if suffix not in (".xlsx", ".xlsm", ""):
            raise _not_a_table()
        rows = _xlsx_rows(data)
    elif suffix in (".csv", ".txt", ""):
        rows = _csv_rows(data)
    else:
        raise _not_a_table()
    return _validate(rows)


def _not_a_table() -> ProcedureFileUnreadable:
    return ProcedureFileUnreadable(
        _(
            "Chỉ nhận tệp CSV (UTF-8) hoặc Excel .xlsx; "
            "hãy xuất danh mục thủ tục ra một trong hai định dạng này."
        )
    )


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _not_a_table() from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                break
        return rows
    finally:
        workbook.close()


def _cell_text(value: Any, key: str = "") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float) and key == "code":
        # A code typed into a number cell ("1.001230") loses its trailing zeros; national
        # codes always carry six digits after the dot.
        return f"{value:.6f}"
    return str(value).strip()


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProcedureFileUnreadable(
            _("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: “CSV UTF-8”).")
        ) from exc
    if "\x00" in text:
        raise _not_a_table()
    # Excel in Vietnamese locales writes ';', most tools ','; keep whichever finds the header.
    best: list[list[str]] = []
    best_score = -1
    for delimiter in (",", ";", "\t"):
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
        except csv.Error:
            continue
        score = _header_score(rows)
        if score > best_score:
            best, best_score = rows, score
    return [[cell.strip() for cell in row] for row in best]


def _header_score(rows: list[list[Any]]) -> int:
    return max((len(_header_map(row)) for row in rows[:HEADER_SEARCH_ROWS]), default=0)


def _header_map(row: Iterable[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = HEADERS.get(fold_words(_cell_text(cell)))
        if key is not None and key not in found:
            found[key] = index
    return found


def _choice[T](value: str, table: dict[str, T]) -> T | None:
    """The table's value for `value` read as words ("Toàn trình." = "toan trinh"); None if unknown."""
    words = fold_words(value)
    if value.strip() in {"-", "–", "—"}:
        return table.get("")
    if value.strip() and not words:
        return None  # punctuation only, such as "?" or "-", is not a blank cell
    return table.get(words)


def _validate(rows: list[list[Any]]) -> list[ProcedureRow]:
    header_index, columns = next(
        (
            (i, found)
            for i, row in enumerate(rows[:HEADER_SEARCH_ROWS])
            if all(k in (found := _header_map(row)) for k in REQUIRED)
        ),
        (-1, {}),
    )
    if header_index < 0:
        labels = column_labels()
        raise ProcedureFileUnreadable(
            _("Không tìm thấy dòng tiêu đề có cột “%(code)s” và “%(name)s”.")
            % {"code": labels["code"], "name": labels["name"]}
        )
    if len(rows) - header_index - 1 > MAX_ROWS:
        raise ProcedureFileUnreadable(_("Tệp có quá %(n)d dòng.") % {"n": MAX_ROWS})
    labels = column_labels()
    errors: list[RowError] = []
    parsed: list[ProcedureRow] = []
    first_row_of_code: dict[str, int] = {}
    for offset, raw in enumerate(rows[header_index + 1 :]):
        number = header_index + offset + 2  # 1-based, as the spreadsheet numbers it
        values = {key: _cell_text(raw[i], key) if i < len(raw) else "" for key, i in columns.items()}
        if not any(values.values()):
            continue
        row_errors: list[RowError] = []

        def fault(key: str, message: str, at: int = number, into: list[RowError] = row_errors) -> None:
            into.append(RowError(row=at, column=labels[key], message=message))

        for key in REQUIRED:
            if not values.get(key):
                fault(key, _("Bắt buộc, không được để trống."))
        for key, limit in MAX_LENGTHS.items():
            if len(values.get(key, "")) > limit:
                fault(key, _("Dài quá %(limit)d ký tự.") % {"limit": limit})
        code = values.get("code", "")
        if code:
            folded_code = fold(code)
            if folded_code in first_row_of_code:
                fault("code", _("Trùng mã với dòng %(row)d.") % {"row": first_row_of_code[folded_code]})
            else:
                first_row_of_code[folded_code] = number
        online = _choice(values.get("online_level", ""), ONLINE_VALUES)
        if online is None:
            fault("online_level", _("Chỉ nhận “Toàn trình”, “Một phần” hoặc để trống."))
        posted = _choice(values.get("posted_at_desk", ""), YES_NO)
        if posted is None:
            fault("posted_at_desk", _("Chỉ nhận “Có”, “Không” hoặc để trống."))
        if row_errors:
            errors.extend(row_errors)
            continue
        parsed.append(
            ProcedureRow(
                row=number,
                code=code,
                name=values["name"],
                field=values.get("field", ""),
                level=values.get("level", ""),
                processing_time=values.get("processing_time", ""),
                fees=values.get("fees", ""),
                online_level=online or OnlineLevel.NONE,
                legal_basis=values.get("legal_basis", ""),
                posted_at_desk=bool(posted),
            )
        )
    if errors:
        raise ProcedureRowsInvalid(
            _("Tệp có %(n)d lỗi; chưa có thay đổi nào được lưu, hãy sửa rồi nhập lại.") % {"n": len(errors)},
            errors,
        )
    if not parsed:
        raise ProcedureFileUnreadable(_("Tệp không có thủ tục nào."))
    return parsed
