"""Reads of index results: a unit's series for the portal, scoped lists for staff."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from loa.accounts.permissions import AnyUser, Capability, unit_ids_with
from loa.units.models import Unit

from .choices import SCALES, IndexKind, Scale
from .models import IndexValue


@dataclass(frozen=True)
class IndexSeries:
    """One index's results for a unit, oldest year first."""

    kind: IndexKind
    scale: Scale
    values: list[IndexValue]

    @property
    def latest(self) -> IndexValue:
        return self.values[-1]


def index_values_visible_to(user: AnyUser) -> QuerySet[IndexValue]:
    scope = unit_ids_with(user, Capability.VIEW)
    values = IndexValue.objects.select_related("unit")
    return values if scope is None else values.filter(unit_id__in=scope)


def index_series_for(unit: Unit) -> list[IndexSeries]:
    """Every index with at least one result for `unit`, in the order of IndexKind (one query)."""
    by_kind: dict[str, list[IndexValue]] = {}
    for value in IndexValue.objects.filter(unit=unit).order_by("year"):
        by_kind.setdefault(value.kind, []).append(value)
    return [
        IndexSeries(kind=kind, scale=SCALES[kind], values=by_kind[kind])
        for kind in IndexKind
        if kind in by_kind
    ]
