"""Writes of units and agencies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_manage_unit, ensure
from loa.audit.models import Verb
from loa.audit.services import record_change
from loa.errors import DomainError
from loa.text.folding import fold

from .choices import AgencyKind, Era, Level, UnitKind
from .models import Agency, Unit

# Folded keywords → agency kind, most specific first. Matching is on folded words so
# OCR text without diacritics is classified the same way.
_AGENCY_KIND_KEYWORDS: tuple[tuple[str, AgencyKind], ...] = (
    ("mot cua", AgencyKind.ONE_STOP_DESK),
    ("phuc vu hanh chinh cong", AgencyKind.ONE_STOP_DESK),
    ("tiep nhan ho so", AgencyKind.ONE_STOP_DESK),
    ("truyen thanh", AgencyKind.RADIO_STATION),
    ("phat thanh", AgencyKind.RADIO_STATION),
    ("truyen thong", AgencyKind.RADIO_STATION),
    ("mat tran", AgencyKind.FATHERLAND_FRONT),
    ("mttq", AgencyKind.FATHERLAND_FRONT),
    ("doan the", AgencyKind.MASS_ORGANISATION),
    ("hoi lien hiep phu nu", AgencyKind.MASS_ORGANISATION),
    ("hoi phu nu", AgencyKind.MASS_ORGANISATION),
    ("hoi nong dan", AgencyKind.MASS_ORGANISATION),
    ("hoi cuu chien binh", AgencyKind.MASS_ORGANISATION),
    ("doan thanh nien", AgencyKind.MASS_ORGANISATION),
    ("tu phap", AgencyKind.JUSTICE),
    ("tai chinh", AgencyKind.FINANCE),
    ("ke toan", AgencyKind.FINANCE),
    ("noi vu", AgencyKind.HOME_AFFAIRS),
    ("van hoa", AgencyKind.CULTURE_INFORMATION),
    ("vhtt", AgencyKind.CULTURE_INFORMATION),
    ("thong tin", AgencyKind.CULTURE_INFORMATION),
    ("bao ", AgencyKind.PRESS),
    ("cong thong tin", AgencyKind.PRESS),
    ("van phong", AgencyKind.OFFICE),
    ("hoi dong nhan dan", AgencyKind.PEOPLES_COUNCIL),
    ("hdnd", AgencyKind.PEOPLES_COUNCIL),
    ("cac xa", AgencyKind.SUBORDINATE_UNITS),
    ("cac so", AgencyKind.DEPARTMENT),
    ("so ", AgencyKind.DEPARTMENT),
    ("phong ", AgencyKind.DEPARTMENT),
    ("uy ban nhan dan", AgencyKind.PEOPLES_COMMITTEE),
    ("ubnd", AgencyKind.PEOPLES_COMMITTEE),
)


def infer_agency_kind(name: str) -> AgencyKind:
    """Best guess of an agency's kind from its name; OTHER when nothing fits."""
    folded = fold(name) + " "
    for keyword, kind in _AGENCY_KIND_KEYWORDS:
        if keyword in folded:
            return kind
    return AgencyKind.OTHER


def find_or_create_agency(unit: Unit, name: str, *, actor: Any, kind: AgencyKind | None = None) -> Agency:
    """The unit's agency with this name (compared diacritic-folded), created if new.

    Callers run inside their own transaction; the creation is logged.
    """
    name = " ".join(name.split()).strip(" ;,.")
    if not name:
        raise DomainError(_("Tên cơ quan, bộ phận không được để trống."))
    existing = Agency.objects.filter(unit=unit, folded_name=fold(name)).first()
    if existing is not None:
        return existing
    agency = Agency.objects.create(unit=unit, name=name[:200], kind=kind or infer_agency_kind(name))
    record_change(
        actor=actor,
        unit=unit,
        verb=Verb.AGENCY_CREATED,
        target=agency,
        summary=agency.name,
        after={"name": agency.name},
    )
    return agency


@transaction.atomic
def create_agency(unit: Unit, *, name: str, kind: AgencyKind | None = None, actor: Any) -> Agency:
    """Add an agency to a unit (unit admins only); an existing folded-equal name is returned as is."""
    ensure(can_manage_unit(actor, unit))
    return find_or_create_agency(unit, name, actor=actor, kind=kind)


@transaction.atomic
def add_legacy_unit(
    *,
    name: str,
    kind: UnitKind,
    parent: Unit,
    actor: Any,
    valid_to: dt.date | None = dt.date(2025, 6, 30),
) -> Unit:
    """Add by hand a pre-2025 unit that no official list holds (e.g. merged before 2025).

    It hangs under a legacy parent, carries no code, and is marked unregistered.
    """
    ensure(can_manage_unit(actor, parent))
    if parent.era != Era.LEGACY:
        raise DomainError(_("Đơn vị cũ phải thuộc một đơn vị cấp trên trước năm 2025."))
    level = {
        UnitKind.RURAL_DISTRICT: Level.DISTRICT,
        UnitKind.URBAN_DISTRICT: Level.DISTRICT,
        UnitKind.DISTRICT_TOWN: Level.DISTRICT,
        UnitKind.PROVINCIAL_CITY: Level.DISTRICT,
        UnitKind.COMMUNE: Level.COMMUNE,
        UnitKind.WARD: Level.COMMUNE,
        UnitKind.TOWNSHIP: Level.COMMUNE,
    }.get(kind)
    if level is None:
        raise DomainError(_("Chỉ thêm bằng tay được đơn vị cấp huyện hoặc cấp xã."))
    name = " ".join(name.split())
    if Unit.objects.filter(parent=parent, folded_name=fold(name)).exists():
        raise DomainError(_("Đơn vị này đã có trong danh sách."))
    unit = Unit(
        era=Era.LEGACY,
        code=None,
        name=name,
        kind=kind,
        level=level,
        parent=parent,
        valid_to=valid_to,
        is_registered=False,
    )
    unit.full_clean()
    unit.save()
    record_change(
        actor=actor, unit=unit, verb=Verb.UNIT_CREATED, target=unit, summary=name, after={"name": name}
    )
    return unit
