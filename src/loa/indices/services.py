"""Every write to index results: record one, or import a CSV file of them all-or-nothing.

Who may write: MANAGE_UNIT on the unit (its admin, or an admin of a unit above it). The
figures are official results published by the bodies that run the indices and are shown
to citizens on the portal as such, so the staff who report on a unit's own work (REPORT)
must not be able to set the unit's score or rank; a province admin enters them for its
communes, or a unit admin for itself.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_manage_unit, ensure
from loa.audit.models import Verb
from loa.audit.services import record_change, snapshot
from loa.errors import DomainError
from loa.text.folding import fold
from loa.units.choices import Era
from loa.units.models import Unit

from .choices import SCALES, IndexKind
from .models import IndexValue

MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 1_000_000


class IndexRefused(DomainError):
    code = "index_refused"


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


class IndexImportFailed(DomainError):
    """The file was refused as a whole; `errors` says what is wrong on which line."""

    code = "index_import_failed"

    def __init__(self, message: str, errors: list[RowError]) -> None:
        super().__init__(message)
        self.errors = errors


@dataclass(frozen=True)
class IndexInput:
    year: int
    kind: str
    value: Decimal
    rank: int | None = None
    rank_of: int | None = None
    source: str = ""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    values: list[IndexValue] = field(default_factory=list)


def check_index(data: IndexInput) -> None:
    """Raise IndexRefused unless the figures fit the index's scale and the rank its total."""
    if data.kind not in IndexKind.values:
        raise IndexRefused(_("Chỉ số không hợp lệ."))
    if not 2000 <= data.year <= 2100:
        raise IndexRefused(_("Năm phải từ 2000 đến 2100."))
    scale = SCALES[data.kind]
    if not data.value.is_finite() or not scale.minimum <= data.value <= scale.maximum:
        raise IndexRefused(
            _("Giá trị %(kind)s phải từ %(min)s đến %(max)s.")
            % {"kind": IndexKind(data.kind).label, "min": scale.minimum, "max": scale.maximum}
        )
    if data.value != data.value.quantize(Decimal("0.0001")) or abs(data.value) >= 10_000:
        raise IndexRefused(_("Giá trị có tối đa 4 chữ số thập phân."))
    for number in (data.rank, data.rank_of):
        if number is not None and not 1 <= number <= 32767:
            raise IndexRefused(_("Xếp hạng và tổng số phải là số nguyên dương."))
    if data.rank is not None and data.rank_of is not None and data.rank > data.rank_of:
        raise IndexRefused(_("Xếp hạng không được lớn hơn tổng số đơn vị được xếp hạng."))
    if len(data.source) > 300:
        raise IndexRefused(_("Nguồn dài tối đa 300 ký tự."))


def _save(unit: Unit, data: IndexInput, actor: Any) -> tuple[IndexValue, bool]:
    fields = {k: v for k, v in asdict(data).items() if k not in ("year", "kind")}
    existing = (
        IndexValue.objects.select_for_update().filter(unit=unit, year=data.year, kind=data.kind).first()
    )
    before = snapshot(existing) if existing is not None else None
    if existing is None:
        value = IndexValue.objects.create(
            unit=unit, year=data.year, kind=data.kind, recorded_by=actor, **fields
        )
    else:
        value = existing
        for name, new in fields.items():
            setattr(value, name, new)
        value.recorded_by = actor
        value.save(update_fields=[*fields, "recorded_by", "updated_at"])
    record_change(
        actor=actor,
        unit=unit,
        verb=Verb.INDEX_RECORDED,
        target=value,
        summary=_("%(kind)s năm %(year)s: %(value)s")
        % {"kind": IndexKind(data.kind).label, "year": data.year, "value": data.value},
        before=before,
        after=snapshot(value, [*fields, "year", "kind"]),
    )
    return value, existing is None


@transaction.atomic
def record_index(unit: Unit, *, data: IndexInput, actor: Any) -> IndexValue:
    """Record (or correct) the unit's result in one index for one year."""
    ensure(can_manage_unit(actor, unit))
    check_index(data)
    return _save(unit, data, actor)[0]


# Header names a file may use for each column, folded (no diacritics, lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "unit_code": ("unit_code", "ma_don_vi", "ma don vi", "ma"),
    "year": ("year", "nam"),
    "index": ("index", "kind", "chi_so", "chi so"),
    "value": ("value", "gia_tri", "gia tri", "diem"),
    "rank": ("rank", "xep_hang", "xep hang"),
    "rank_of": ("rank_of", "tren_tong_so", "tren tong so", "tong_so", "tong so"),
    "source": ("source", "nguon"),
    "era": ("era", "thoi_ky", "thoi ky"),
}
REQUIRED = ("unit_code", "year", "index", "value")
ERAS = {fold(v): v for v in Era.values} | {"truoc 2025": Era.LEGACY, "cu": Era.LEGACY, "moi": Era.CURRENT}
# "PAR INDEX", "Chỉ số CCHC (PAR INDEX)", "par_index", "SIPAS" … all name their kind.
KIND_NAMES = (
    {fold(kind.value): kind.value for kind in IndexKind}
    | {fold(str(kind.label)): kind.value for kind in IndexKind}
    | {"par index": IndexKind.PAR_INDEX, "chi so cchc": IndexKind.PAR_INDEX, "par": IndexKind.PAR_INDEX}
)


def _text(data: bytes) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise IndexImportFailed(_("Tệp quá lớn (tối đa 1 MB)."), [])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise IndexImportFailed(_("Tệp phải là CSV mã hóa UTF-8."), []) from None


def _header(row: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for i, name in enumerate(row):
        folded = fold(name).strip().replace("-", "_")
        for column, aliases in COLUMNS.items():
            if folded in aliases and column not in positions:
                positions[column] = i
    missing = [c for c in REQUIRED if c not in positions]
    if missing:
        raise IndexImportFailed(
            _(
                "Thiếu cột: %(columns)s. Dòng đầu phải có: "
                "unit_code, year, index, value, rank, rank_of, source."
            )
            % {"columns": ", ".join(missing)},
            [],
        )
    return positions


def _int(text: str, label: str) -> int | None:
    text = text.strip().replace(".", "").replace(" ", "")
    if not text:
        return None
    if not text.isdigit():
        raise IndexRefused(_("%(label)s “%(text)s” không phải số nguyên.") % {"label": label, "text": text})
    return int(text)


def _decimal(text: str) -> Decimal:
    cleaned = text.strip().replace(" ", "").removesuffix("%").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise IndexRefused(_("Giá trị “%(text)s” không phải số.") % {"text": text.strip()}) from None
    if not value.is_finite():
        raise IndexRefused(_("Giá trị “%(text)s” không phải số.") % {"text": text.strip()})
    return value


def _row(cells: list[str], positions: dict[str, int], era: str) -> tuple[str, str, IndexInput]:
    def cell(column: str) -> str:
        i = positions.get(column)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    code = cell("unit_code")
    if not code:
        raise IndexRefused(_("Thiếu mã đơn vị."))
    row_era = era
    if cell("era"):
        row_era = ERAS.get(fold(cell("era")), "")
        if not row_era:
            raise IndexRefused(
                _("Thời kỳ “%(era)s” không hợp lệ (2025 hoặc pre2025).") % {"era": cell("era")}
            )
    kind = KIND_NAMES.get(fold(cell("index")))
    if kind is None:
        raise IndexRefused(
            _("Chỉ số “%(name)s” không hợp lệ; dùng một trong: PAR INDEX, SIPAS, PAPI, PCI, DTI, DDCI.")
            % {"name": cell("index")}
        )
    year = _int(cell("year"), _("Năm"))
    if year is None:
        raise IndexRefused(_("Thiếu năm."))
    if not cell("value"):
        raise IndexRefused(_("Thiếu giá trị."))
    data = IndexInput(
        year=year,
        kind=kind,
        value=_decimal(cell("value")),
        rank=_int(cell("rank"), _("Xếp hạng")),
        rank_of=_int(cell("rank_of"), _("Tổng số")),
        source=cell("source"),
    )
    check_index(data)
    return row_era, code, data


@transaction.atomic
def import_indices(data: bytes, *, era: str = Era.CURRENT, actor: Any) -> ImportResult:
    """Record every row of a CSV file, or none: any bad row refuses the whole file.

    Columns (by header, in any order): unit_code, year, index, value, rank, rank_of,
    source, and optionally era ("2025" or "pre2025", else `era`). Unit codes are the
    official codes of that era's list. Values may use a decimal comma. A row for a
    (unit, year, index) already recorded corrects it. Every error is reported with its
    line number, in one pass, so the user fixes the file once.
    """
    if era not in Era.values:
        raise IndexImportFailed(_("Thời kỳ không hợp lệ."), [])
    text = _text(data)
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise IndexImportFailed(_("Tệp không có dữ liệu."), [])
    positions = _header(rows[0])
    body = [(n, cells) for n, cells in enumerate(rows[1:], start=2) if any(c.strip() for c in cells)]
    if not body:
        raise IndexImportFailed(_("Tệp không có dòng dữ liệu nào."), [])
    if len(body) > MAX_IMPORT_ROWS:
        raise IndexImportFailed(_("Tệp có quá nhiều dòng (tối đa %(n)s).") % {"n": MAX_IMPORT_ROWS}, [])

    errors: list[RowError] = []
    parsed: list[tuple[int, str, str, IndexInput]] = []
    for line, cells in body:
        try:
            parsed.append((line, *_row(cells, positions, era)))
        except IndexRefused as exc:
            errors.append(RowError(line, exc.message))

    wanted = {(row_era, code) for _line, row_era, code, _d in parsed}
    units = {
        (unit.era, unit.code): unit
        for unit in Unit.objects.filter(
            code__in={code for _e, code in wanted}, era__in={e for e, _c in wanted}
        )
    }
    seen: dict[tuple[int, int, str], int] = {}
    ready: list[tuple[Unit, IndexInput]] = []
    for line, row_era, code, row in parsed:
        unit = units.get((row_era, code))
        if unit is None:
            errors.append(
                RowError(
                    line,
                    _("Không có đơn vị mã “%(code)s” trong danh mục %(era)s.")
                    % {"code": code, "era": Era(row_era).label},
                )
            )
            continue
        if not can_manage_unit(actor, unit):
            errors.append(
                RowError(line, _("Bạn không có quyền cập nhật chỉ số của %(unit)s.") % {"unit": unit.name})
            )
            continue
        key = (unit.pk, row.year, row.kind)
        if key in seen:
            errors.append(
                RowError(
                    line, _("Trùng với dòng %(other)s (cùng đơn vị, năm và chỉ số).") % {"other": seen[key]}
                )
            )
            continue
        seen[key] = line
        ready.append((unit, row))
    if errors:
        errors.sort(key=lambda e: e.line)
        raise IndexImportFailed(
            _("Tệp có %(n)s lỗi; chưa có dòng nào được ghi. Sửa tệp rồi nhập lại.") % {"n": len(errors)},
            errors,
        )
    result = ImportResult()
    for unit, row in ready:
        value, created = _save(unit, row, actor)
        result.values.append(value)
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result
