"""API: periodic reports (read, and submit so that an integration can send a finished report)."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at import.

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from loa.accounts.queries import units_visible_to
from loa.api.pagination import BoundedPagination
from loa.api.schemas import ErrorOut, Id
from loa.plans.choices import ReportingPeriod
from loa.reports.choices import ReportStatus
from loa.reports.models import Report
from loa.reports.queries import reports_visible_to
from loa.reports.services import submit_report
from loa.units.queries import subtree_ids

router = Router()
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class ReportOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    plan_id: int | None
    year: int
    kind: str
    index: int
    label: str
    window_start: dt.date
    window_end: dt.date
    due_date: dt.date
    status: str
    number: int | None
    symbol: str
    issue_date: dt.date | None
    is_rollup: bool
    submitted_at: dt.datetime | None
    is_late: bool
    score: dict[str, Any]


class ReportDetailOut(ReportOut):
    addressee: str
    figures: dict[str, Any]
    narrative: dict[str, Any]
    reviewed_at: dt.datetime | None
    review_comment: str


class ReportFilter(Schema):
    unit: Id | None = Field(None, description="Đơn vị và các đơn vị trực thuộc.")
    year: int | None = Field(None, ge=1900, le=2200)
    kind: ReportingPeriod | None = None
    status: ReportStatus | None = None


@router.get("/", response=list[ReportOut])
@paginate(BoundedPagination)
def list_reports(request: HttpRequest, filters: Query[ReportFilter]) -> QuerySet[Report]:
    reports = reports_visible_to(request.user).order_by("-year", "-window_end", "unit__name", "pk")
    if filters.unit is not None:
        unit = get_object_or_404(units_visible_to(request.user), pk=filters.unit)
        reports = reports.filter(unit_id__in=subtree_ids(unit))
    if filters.year is not None:
        reports = reports.filter(year=filters.year)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    if filters.status:
        reports = reports.filter(status=filters.status)
    return reports


@router.get("/{report_id}", response={200: ReportDetailOut, 404: ErrorOut})
def get_report(request: HttpRequest, report_id: Id) -> Any:
    return get_object_or_404(reports_visible_to(request.user), pk=report_id)


@router.post("/{report_id}/submit", response={200: ReportDetailOut, **WRITE_ERRORS})
def submit(request: HttpRequest, report_id: Id) -> Any:
    """Send the report to the unit above (its figures are computed one last time and kept)."""
    report = get_object_or_404(reports_visible_to(request.user), pk=report_id)
    return submit_report(report, actor=request.user)
