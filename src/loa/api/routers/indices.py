"""API: assessment index results (PAR INDEX, SIPAS, PAPI, …) of the units the user may view."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at import.

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from loa.accounts.queries import units_visible_to
from loa.api.pagination import BoundedPagination
from loa.api.schemas import ErrorOut, Id
from loa.indices.choices import IndexKind
from loa.indices.models import IndexValue
from loa.indices.queries import index_values_visible_to
from loa.units.queries import subtree_ids

router = Router()


class IndexValueOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    year: int
    kind: str
    value: float
    rank: int | None
    rank_of: int | None
    source: str

    @staticmethod
    def resolve_value(obj: IndexValue) -> float:
        return float(obj.value)


class IndexFilter(Schema):
    unit: Id | None = Field(None, description="Đơn vị và các đơn vị trực thuộc.")
    year: int | None = Field(None, ge=1900, le=2200)
    kind: IndexKind | None = None


@router.get("/", response=list[IndexValueOut])
@paginate(BoundedPagination)
def list_indices(request: HttpRequest, filters: Query[IndexFilter]) -> QuerySet[IndexValue]:
    values = index_values_visible_to(request.user).order_by("unit__name", "kind", "year", "pk")
    if filters.unit is not None:
        unit = get_object_or_404(units_visible_to(request.user), pk=filters.unit)
        values = values.filter(unit_id__in=subtree_ids(unit))
    if filters.year is not None:
        values = values.filter(year=filters.year)
    if filters.kind:
        values = values.filter(kind=filters.kind)
    return values


@router.get("/{index_id}", response={200: IndexValueOut, 404: ErrorOut})
def get_index(request: HttpRequest, index_id: Id) -> Any:
    return get_object_or_404(index_values_visible_to(request.user), pk=index_id)
