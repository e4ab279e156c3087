"""API: satisfaction surveys and their SIPAS index (read only)."""
# No `from __future__ import annotations` here: django-ninja reads the annotations at import.

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from loa.accounts.queries import units_visible_to
from loa.api.pagination import BoundedPagination
from loa.api.schemas import ErrorOut, Id
from loa.scoring.sipas import ELEMENT_LABELS
from loa.surveys.choices import SurveyStatus
from loa.surveys.models import Survey
from loa.surveys.queries import survey_result, surveys_visible_to
from loa.units.queries import subtree_ids

router = Router()


class SurveyOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    title: str
    opens_on: dt.date
    closes_on: dt.date
    status: str
    responses: int = Field(alias="response_count")


class ElementOut(Schema):
    element: str
    label: str
    index: float


class SurveyResultOut(Schema):
    survey_id: int
    responses: int
    answered: int = Field(description="Số câu trả lời được tính.")
    overall: float = Field(description="Chỉ số chung, 0–100.")
    rule: str = Field(description="Cách tính: top_2_box, …")
    per_element: list[ElementOut]


class SurveyFilter(Schema):
    unit: Id | None = Field(None, description="Đơn vị và các đơn vị trực thuộc.")
    status: SurveyStatus | None = None
    year: int | None = Field(None, ge=1900, le=2200, description="Năm bắt đầu lấy ý kiến.")


@router.get("/", response=list[SurveyOut])
@paginate(BoundedPagination)
def list_surveys(request: HttpRequest, filters: Query[SurveyFilter]) -> QuerySet[Survey]:
    surveys = (
        surveys_visible_to(request.user)
        .annotate(response_count=Count("responses"))
        .order_by("-opens_on", "-pk")
    )
    if filters.unit is not None:
        unit = get_object_or_404(units_visible_to(request.user), pk=filters.unit)
        surveys = surveys.filter(unit_id__in=subtree_ids(unit))
    if filters.status:
        surveys = surveys.filter(status=filters.status)
    if filters.year is not None:
        surveys = surveys.filter(opens_on__year=filters.year)
    return surveys


@router.get("/{survey_id}/results", response={200: SurveyResultOut, 404: ErrorOut})
def get_results(request: HttpRequest, survey_id: Id) -> Any:
    """The survey's index per SIPAS element and overall, by the survey's own rule."""
    survey = get_object_or_404(surveys_visible_to(request.user), pk=survey_id)
    result = survey_result(survey)
    return {
        "survey_id": survey.pk,
        "responses": result.responses,
        "answered": result.result.answered,
        "overall": result.result.overall,
        "rule": str(result.rule.kind),
        "per_element": [
            {"element": element.value, "label": str(ELEMENT_LABELS[element]), "index": value}
            for element, value in result.result.per_element.items()
        ],
    }
