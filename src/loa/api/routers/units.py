"""API: administrative units and their agencies (read only)."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at import.

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from loa.accounts.queries import units_visible_to
from loa.api.pagination import BoundedPagination
from loa.units.models import Agency, Unit

router = Router()


class UnitOut(Schema):
    id: int
    code: str | None
    name: str
    kind: str
    level: str
    era: str
    parent_id: int | None


class AgencyOut(Schema):
    id: int
    unit_id: int
    name: str
    kind: str


class UnitFilter(FilterSchema):
    level: str | None = None
    era: str | None = None
    parent: int | None = None


@router.get("/", response=list[UnitOut])
@paginate(BoundedPagination)
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> QuerySet[Unit]:
    units = units_visible_to(request.user).order_by("level", "name", "pk")
    if filters.level:
        units = units.filter(level=filters.level)
    if filters.era:
        units = units.filter(era=filters.era)
    if filters.parent is not None:
        units = units.filter(parent_id=filters.parent)
    return units


@router.get("/{unit_id}", response=UnitOut)
def get_unit(request: HttpRequest, unit_id: int) -> Any:
    return get_object_or_404(units_visible_to(request.user), pk=unit_id)


@router.get("/{unit_id}/agencies", response=list[AgencyOut])
@paginate(BoundedPagination)
def list_agencies(request: HttpRequest, unit_id: int) -> QuerySet[Agency]:
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    return Agency.objects.filter(unit=unit).order_by("name", "pk")
