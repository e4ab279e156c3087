"""Bulk import of an activity log from a CSV file, e.g. a radio station's monthly log.

The file is UTF-8 (a BOM is fine), separated by `,` or `;`, with a header row naming the
columns: date (dd/mm/yyyy or yyyy-mm-dd), channel (value or Vietnamese label), title,
quantity, measure, cost, link, task_id; Vietnamese headers (ngày, hình thức, nội dung, số
lượng, đơn vị tính, chi phí, đường dẫn, nhiệm vụ) work too. Every row goes through
`log_activity`, inside one transaction: one refused row refuses the whole file, and the
error lists every refused row with its column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from loa.errors import DomainError
from loa.plans.choices import Channel, Measure
from loa.plans.models import Task
from loa.text.folding import fold
from loa.units.models import Unit

from .services import ActivityInput, log_activity

MAX_ROWS = 5000
COLUMNS = ("date", "channel", "title", "quantity", "measure", "cost", "link", "task_id")
REQUIRED = ("date", "channel", "title")
_ALIASES = {
    "date": ("date", "ngay", "ngay thuc hien", "happened on"),
    "channel": ("channel", "hinh thuc", "kenh"),
    "title": ("title", "noi dung", "ten hoat dong", "tieu de"),
    "quantity": ("quantity", "so luong"),
    "measure": ("measure", "don vi tinh", "don vi"),
    "cost": ("cost", "chi phi", "kinh phi"),
    "link": ("link", "duong dan", "lien ket", "url"),
    "task_id": ("task id", "task", "nhiem vu", "ma nhiem vu"),
}
_HEADER = {alias: column for column, aliases in _ALIASES.items() for alias in aliases}
_DMY_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(\.\d{3})+$")
# Which column a refusal of log_activity is about, by the field its message names.
_MESSAGE_COLUMNS = (
    ("date", ("ngày",)),
    ("channel", ("hình thức",)),
    ("measure", ("đơn vị tính",)),
    ("quantity", ("số lượng",)),
    ("cost", ("chi phí",)),
    ("link", ("đường dẫn",)),
    ("task_id", ("nhiệm vụ", "kỳ thực hiện")),
    ("title", ("nội dung",)),
)


class BulkImportRefused(DomainError):
    """The file was refused; `errors` holds {row, column, message} for each refused cell."""

    code = "bulk_import_refused"

    def __init__(self, message: str, errors: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.errors = errors


@dataclass(frozen=True)
class BulkResult:
    created: int


class _CellError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _choice(value: str, choices: type[Channel] | type[Measure], column: str, label: str) -> str:
    text = value.strip()
    if text in choices.values:
        return text
    folded = fold(text)
    for choice in choices:
        if folded in (fold(str(choice.label)), fold(choice.value)):
            return str(choice.value)
    raise _CellError(column, _("%(field)s không hợp lệ: %(value)s.") % {"field": label, "value": text})


def _date(value: str) -> dt.date:
    text = value.strip()
    match = _DMY_RE.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _CellError("date", _("Ngày không hợp lệ: %(value)s (dd/mm/yyyy).") % {"value": text}) from None


def _number(value: str) -> str:
    text = value.strip().replace(" ", "")
    return text.replace(".", "") if _THOUSANDS_RE.match(text) else text


def _task(unit: Unit, value: str) -> Task | None:
    text = value.strip()
    if not text:
        return None
    task = (
        Task.objects.select_related("plan").filter(plan__unit=unit, pk=int(text)).first()
        if text.isdigit()
        else None
    )
    if task is None:
        raise _CellError(
            "task_id", _("Không có nhiệm vụ %(value)s trong kế hoạch của đơn vị.") % {"value": text}
        )
    return task


def _row_input(unit: Unit, row: dict[str, str]) -> ActivityInput:
    return ActivityInput(
        happened_on=_date(row.get("date", "")),
        channel=_choice(row.get("channel", ""), Channel, "channel", _("Hình thức")),
        title=row.get("title", ""),
        quantity=_number(row.get("quantity", "")) or "1",
        measure=_choice(row.get("measure", ""), Measure, "measure", _("Đơn vị tính"))
        if row.get("measure", "").strip()
        else Measure.ITEMS,
        cost=_number(row.get("cost", "")) or "0",
        link=row.get("link", ""),
        task=_task(unit, row.get("task_id", "")),
    )


def _column_of(message: str) -> str:
    lowered = message.lower()
    return next((column for column, words in _MESSAGE_COLUMNS if any(w in lowered for w in words)), "")


def _read_rows(file: IO[bytes]) -> tuple[list[str], list[dict[str, str]]]:
    raw = file.read(settings.LOA_MAX_UPLOAD_BYTES + 1)
    if len(raw) > settings.LOA_MAX_UPLOAD_BYTES:
        raise BulkImportRefused(_("Tệp quá lớn."), [])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BulkImportRefused(_("Tệp phải là CSV mã hóa UTF-8."), []) from None
    text = text.replace("\x00", "")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = [line for line in reader if any(cell.strip() for cell in line)]
    except csv.Error as exc:
        raise BulkImportRefused(
            _("Tệp CSV không đọc được (dòng %(n)s).") % {"n": reader.line_num}, []
        ) from exc
    if not lines:
        raise BulkImportRefused(_("Tệp không có dòng nào."), [])
    header = [_HEADER.get(fold(name.replace("_", " ")), "") for name in lines[0]]
    rows = [{col: cell for col, cell in zip(header, line, strict=False) if col} for line in lines[1:]]
    return header, rows


@transaction.atomic
def import_activities_csv(unit: Unit, file: IO[bytes], *, actor: Any) -> BulkResult:
    """Log every row of the CSV `file` as an activity of `unit`, or none of them.

    Raises BulkImportRefused listing every refused row; PermissionDenied if the actor
    may not log activities for the unit.
    """
    header, rows = _read_rows(file)
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise BulkImportRefused(
            _("Thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)},
            [{"row": 1, "column": column, "message": _("Thiếu cột này.")} for column in missing],
        )
    if not rows:
        raise BulkImportRefused(_("Tệp không có hoạt động nào."), [])
    if len(rows) > MAX_ROWS:
        raise BulkImportRefused(_("Mỗi tệp có tối đa %(count)s dòng.") % {"count": MAX_ROWS}, [])
    errors: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=2):
        try:
            data = _row_input(unit, row)
            with transaction.atomic():  # a refused row leaves the transaction usable
                log_activity(unit, data, actor=actor)
        except _CellError as exc:
            errors.append({"row": number, "column": exc.column, "message": exc.message})
        except DomainError as exc:
            errors.append({"row": number, "column": _column_of(exc.message), "message": exc.message})
    if errors:  # raising rolls back the rows already logged
        raise BulkImportRefused(
            _("Không nhập được: %(count)s dòng có lỗi; chưa có hoạt động nào được lưu.")
            % {"count": len(errors)},
            errors,
        )
    return BulkResult(created=len(rows))
