"""Factories for units and agencies.

`UnitFactory()` makes a current-era commune (xã) under a fresh current-era province.
Override `era` and `level` and the rest follows: kind, validity dates and a default
parent of the right era and level (a legacy commune gets a legacy district, which
gets a legacy province; provinces and the national level get no parent). Codes are
6-digit numbers from 900000, outside every NSO range, so factory units never collide
with the real list loaded by `loa units load`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from loa.units.choices import AgencyKind, Era, Level, UnitKind
from loa.units.models import Agency, Unit

_DEFAULT_KIND = {
    Level.NATIONAL: UnitKind.NATION,
    Level.PROVINCE: UnitKind.PROVINCE,
    Level.DISTRICT: UnitKind.RURAL_DISTRICT,
    Level.COMMUNE: UnitKind.COMMUNE,
}
# The level a default parent is made at, per (era, child level).
_PARENT_LEVEL = {
    (Era.CURRENT, Level.COMMUNE): Level.PROVINCE,
    (Era.LEGACY, Level.COMMUNE): Level.DISTRICT,
    (Era.LEGACY, Level.DISTRICT): Level.PROVINCE,
}


def _default_parent(unit: Any) -> Unit | None:
    parent_level = _PARENT_LEVEL.get((unit.era, unit.level))
    if parent_level is None:
        return None
    return UnitFactory.create(era=unit.era, level=parent_level)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    era = Era.CURRENT
    level = Level.COMMUNE
    code = factory.Sequence(lambda n: str(900000 + n))
    kind = factory.LazyAttribute(lambda o: _DEFAULT_KIND[o.level])
    name = factory.LazyAttributeSequence(lambda o, n: f"{str(o.kind).capitalize()} Thử Nghiệm {n}")
    codename = factory.LazyAttributeSequence(lambda o, n: f"thu_nghiem_{n}")
    parent = factory.LazyAttribute(_default_parent)
    valid_from = factory.LazyAttribute(
        lambda o: dt.date(2025, 7, 1) if o.era == Era.CURRENT and o.level != Level.NATIONAL else None
    )
    valid_to = factory.LazyAttribute(lambda o: dt.date(2025, 6, 30) if o.era == Era.LEGACY else None)
    is_registered = True


class AgencyFactory(factory.django.DjangoModelFactory):
    """An agency of a (by default fresh, current-era) commune."""

    class Meta:
        model = Agency

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Bộ phận thử nghiệm {n}")
    kind = AgencyKind.OTHER
    is_active = True
