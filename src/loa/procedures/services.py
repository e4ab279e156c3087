"""Every write to procedures: importing a unit's list and marking a procedure posted at the desk."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loa.accounts.permissions import ensure
from loa.audit.models import Verb
from loa.audit.services import record_change, snapshot
from loa.units.models import Unit

from .errors import ProcedureFileUnreadable
from .importing import MAX_FILE_BYTES, ProcedureRow, parse_procedure_file
from .models import Procedure, ProcedureList
from .permissions import can_edit_procedures

ROW_FIELDS = (
    "name",
    "field",
    "level",
    "processing_time",
    "fees",
    "online_level",
    "legal_basis",
    "posted_at_desk",
)


@dataclass(frozen=True)
class ImportResult:
    """What an import did to the unit's list."""

    created: int
    updated: int
    unchanged: int
    removed: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@transaction.atomic
def import_procedures(unit: Unit, uploaded_file: File[Any], *, actor: Any) -> ImportResult:
    """Replace the unit's procedure list with the file's (CSV or XLSX), all rows or none.

    Procedures are matched by code: those in the file are created or updated, those not
    in it are removed. Raises PermissionDenied without EDIT_PLAN on the unit, and
    ProcedureImportRefused (with the per-row errors) for a bad file; either way nothing
    is changed.
    """
    ensure(can_edit_procedures(actor, unit))
    size = uploaded_file.size or 0
    if size > MAX_FILE_BYTES:
        raise ProcedureFileUnreadable(
            _("Tệp quá lớn (tối đa %(mb)d MB).") % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    uploaded_file.seek(0)
    data = uploaded_file.read(MAX_FILE_BYTES + 1)
    name = uploaded_file.name or ""
    rows = parse_procedure_file(name, data)

    procedure_list, _created = ProcedureList.objects.select_for_update().get_or_create(
        unit=unit, defaults={"updated_at": timezone.now()}
    )
    existing = {p.code: p for p in Procedure.objects.filter(unit=unit)}
    incoming = {row.code for row in rows}
    removed = [p.pk for code, p in existing.items() if code not in incoming]
    Procedure.objects.filter(pk__in=removed).delete()
    to_create: list[Procedure] = []
    to_update: list[Procedure] = []
    unchanged = 0
    for row in rows:
        procedure = existing.get(row.code)
        if procedure is None:
            procedure = Procedure(unit=unit, code=row.code, **_values(row))
            procedure.refresh_folded_search()
            to_create.append(procedure)
            continue
        values = _values(row)
        if all(getattr(procedure, key) == value for key, value in values.items()):
            unchanged += 1
            continue
        for key, value in values.items():
            setattr(procedure, key, value)
        procedure.refresh_folded_search()
        procedure.updated_at = timezone.now()
        to_update.append(procedure)
    Procedure.objects.bulk_create(to_create, batch_size=500)
    Procedure.objects.bulk_update(to_update, [*ROW_FIELDS, "folded_search", "updated_at"], batch_size=500)

    procedure_list.updated_at = timezone.now()
    procedure_list.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    procedure_list.source_name = name[-255:]
    procedure_list.count = len(rows)
    procedure_list.save(update_fields=["updated_at", "updated_by", "source_name", "count"])
    result = ImportResult(
        created=len(to_create), updated=len(to_update), unchanged=unchanged, removed=len(removed)
    )
    record_change(
        actor=actor,
        unit=unit,
        verb=Verb.PROCEDURES_IMPORTED,
        target=procedure_list,
        summary=_("Nhập %(n)d thủ tục hành chính từ %(file)s")
        % {"n": result.total, "file": name or _("tệp tải lên")},
        after=asdict(result) | {"source_name": procedure_list.source_name},
    )
    return result


def _values(row: ProcedureRow) -> dict[str, Any]:
    return {key: getattr(row, key) for key in ROW_FIELDS}


@transaction.atomic
def set_posted_at_desk(procedure: Procedure, *, posted: bool, actor: Any) -> Procedure:
    """Record whether the procedure is posted on the one-stop desk's notice board."""
    procedure = Procedure.objects.select_for_update().select_related("unit").get(pk=procedure.pk)
    ensure(can_edit_procedures(actor, procedure.unit))
    if procedure.posted_at_desk == posted:
        return procedure
    before = snapshot(procedure, ["posted_at_desk"])
    procedure.posted_at_desk = posted
    procedure.save(update_fields=["posted_at_desk", "updated_at"])
    record_change(
        actor=actor,
        unit=procedure.unit,
        verb=Verb.PROCEDURE_UPDATED,
        target=procedure,
        summary=(_("Niêm yết tại Bộ phận Một cửa: %(name)s") if posted else _("Bỏ niêm yết: %(name)s"))
        % {"name": procedure.name},
        before=before,
        after=snapshot(procedure, ["posted_at_desk"]),
    )
    return procedure
