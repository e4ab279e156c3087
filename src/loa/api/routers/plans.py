"""API: plans, their tasks and the tasks' occurrences (kỳ thực hiện).

Reads go through the `*_visible_to` querysets, so another unit's plan is a 404; writes
call the plan services, which check the right to edit (403 when visible but not editable).
The detail is plan JSON v1 (shared/eval/SCHEMA.md) with the records' ids added.
"""
# No `from __future__ import annotations` here: django-ninja reads the annotations at import.

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema, Status
from ninja.pagination import paginate

from loa.accounts.queries import units_visible_to
from loa.api.pagination import BoundedPagination
from loa.api.schemas import ErrorOut, Id, ShortText, Text
from loa.plans import services
from loa.plans.models import Occurrence, Plan, Task
from loa.plans.queries import occurrences_visible_to, plans_visible_to, tasks_visible_to
from loa.units.models import Unit
from loa.units.queries import subtree_ids

router = Router()
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


# --- output ---------------------------------------------------------------------------


class ReferenceOut(Schema):
    number: str
    issuer: str
    date: dt.date | None


class TaskOut(Schema):
    id: int
    plan_id: int
    position: int
    title: str
    product: str
    lead: str
    cooperating: list[str]
    channel: str
    timing_text: str
    end_timing_text: str
    recurrence: str
    start: dt.date | None
    end: dt.date | None
    count_per_period: int | None
    quota_measure: str
    quota_minimum: int | None
    quota_maximum: int | None
    estimated_cost: Decimal | None
    note: str

    @staticmethod
    def resolve_lead(obj: Task) -> str:
        return obj.lead_text

    @staticmethod
    def resolve_cooperating(obj: Task) -> list[str]:
        return list(obj.cooperating_text)


class PlanSummaryOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    year: int
    number: int | None
    symbol: str
    title: str
    status: str
    issue_date: dt.date | None

    @staticmethod
    def resolve_unit_name(obj: Plan) -> str:
        return obj.unit.name


class PlanOut(PlanSummaryOut):
    """Plan JSON v1 (doc_type … reporting_periods) with ids; `number` is split into number and symbol."""

    doc_type: str
    number_and_symbol: str
    issuer: str
    level: str
    locality: str
    signer: str
    signing_authority: str
    signer_title: str
    based_on: list[ReferenceOut]
    section_titles: list[str]
    audiences: list[str]
    content_themes: list[str]
    channels: list[str]
    budget_source: str
    yearly_theme: str
    reporting_periods: list[str]
    recipients: list[str]
    tasks: list[TaskOut]

    @staticmethod
    def resolve_issuer(obj: Plan) -> str:
        return obj.issuer_name

    @staticmethod
    def resolve_level(obj: Plan) -> str:
        return str(obj.unit.level)

    @staticmethod
    def resolve_locality(obj: Plan) -> str:
        return obj.place

    @staticmethod
    def resolve_signer(obj: Plan) -> str:
        return obj.signer_name

    @staticmethod
    def resolve_based_on(obj: Plan) -> list[dict[str, Any]]:
        return [
            {"number": ref.number, "issuer": ref.issuer, "date": ref.issued_on}
            for ref in obj.references.all()
        ]

    @staticmethod
    def resolve_section_titles(obj: Plan) -> list[str]:
        return [section.title for section in obj.sections.all()]

    @staticmethod
    def resolve_tasks(obj: Plan) -> list[Task]:
        return list(obj.tasks.all())


class OccurrenceOut(Schema):
    id: int
    task_id: int
    plan_id: int
    unit_id: int
    task_title: str
    label: str
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    status: str
    fulfilled_on: dt.date | None

    @staticmethod
    def resolve_plan_id(obj: Occurrence) -> int:
        return obj.task.plan_id

    @staticmethod
    def resolve_unit_id(obj: Occurrence) -> int:
        return obj.task.plan.unit_id

    @staticmethod
    def resolve_task_title(obj: Occurrence) -> str:
        return obj.task.title


# --- input ----------------------------------------------------------------------------


class PlanIn(Schema):
    """A plan's header; the plan is created as a draft, its number is given when it is issued."""

    year: int = Field(..., ge=2000, le=2100)
    title: ShortText
    symbol: ShortText = "KH-UBND"
    issuer_name: ShortText = ""
    place: ShortText = ""
    signer_name: ShortText = ""
    signing_authority: ShortText = ""
    signer_title: ShortText = ""
    budget_source: ShortText = ""
    yearly_theme: ShortText = ""
    audiences: list[Text] = Field(default_factory=list, max_length=200)
    content_themes: list[Text] = Field(default_factory=list, max_length=200)
    channels: list[str] = Field(default_factory=list, max_length=50)
    reporting_periods: list[str] = Field(default_factory=list, max_length=10)
    recipients: list[ShortText] = Field(default_factory=list, max_length=200)


class PlanCreateIn(PlanIn):
    unit_id: Id


class PlanPatchIn(Schema):
    """Only the fields sent change."""

    year: int | None = Field(None, ge=2000, le=2100)
    title: ShortText | None = None
    symbol: ShortText | None = None
    issuer_name: ShortText | None = None
    place: ShortText | None = None
    signer_name: ShortText | None = None
    signing_authority: ShortText | None = None
    signer_title: ShortText | None = None
    budget_source: ShortText | None = None
    yearly_theme: ShortText | None = None
    audiences: list[Text] | None = Field(None, max_length=200)
    content_themes: list[Text] | None = Field(None, max_length=200)
    channels: list[str] | None = Field(None, max_length=50)
    reporting_periods: list[str] | None = Field(None, max_length=10)
    recipients: list[ShortText] | None = Field(None, max_length=200)


class IssueIn(Schema):
    """Number: the next free one of the year when left out; date: the plan's own when left out."""

    number: int | None = Field(None, ge=1, le=999_999)
    issue_date: dt.date | None = None


class TaskIn(Schema):
    """A task; recurrence, dates, count and quota are read from `timing_text` unless given."""

    title: Text
    product: Text = ""
    lead: ShortText = ""
    cooperating: list[ShortText] = Field(default_factory=list, max_length=50)
    timing_text: ShortText = ""
    end_timing_text: ShortText = ""
    recurrence: str = ""
    channel: str = ""
    note: Text = ""
    estimated_cost: Decimal | None = None
    count_per_period: int | None = Field(None, ge=0, le=services.MAX_COUNT)
    quota_measure: str = ""
    quota_minimum: int | None = Field(None, ge=0, le=services.MAX_QUOTA)
    quota_maximum: int | None = Field(None, ge=0, le=services.MAX_QUOTA)


class TaskPatchIn(Schema):
    """Only the fields sent change."""

    title: Text | None = None
    product: Text | None = None
    lead: ShortText | None = None
    cooperating: list[ShortText] | None = Field(None, max_length=50)
    timing_text: ShortText | None = None
    end_timing_text: ShortText | None = None
    recurrence: str | None = None
    channel: str | None = None
    note: Text | None = None
    estimated_cost: Decimal | None = None
    count_per_period: int | None = Field(None, ge=0, le=services.MAX_COUNT)
    quota_measure: str | None = None
    quota_minimum: int | None = Field(None, ge=0, le=services.MAX_QUOTA)
    quota_maximum: int | None = Field(None, ge=0, le=services.MAX_QUOTA)


class PlanFilter(FilterSchema):
    unit: int | None = Field(None, description="A unit id: its plans and those of every unit below it.")
    year: int | None = None
    status: str | None = None


class OccurrenceFilter(FilterSchema):
    unit: int | None = Field(None, description="A unit id: the periods of its plans and those below it.")
    year: int | None = None
    status: str | None = None
    plan: int | None = None
    task: int | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None


# --- helpers --------------------------------------------------------------------------


def _subtree(unit_id: int) -> set[int]:
    unit = Unit.objects.filter(pk=unit_id).first()
    return subtree_ids(unit) if unit is not None else set()


def _plan_input(plan: Plan) -> services.PlanInput:
    return services.PlanInput(
        year=plan.year,
        title=plan.title,
        symbol=plan.symbol,
        issuer_name=plan.issuer_name,
        place=plan.place,
        signer_name=plan.signer_name,
        signing_authority=plan.signing_authority,
        signer_title=plan.signer_title,
        budget_source=plan.budget_source,
        yearly_theme=plan.yearly_theme,
        audiences=list(plan.audiences),
        content_themes=list(plan.content_themes),
        channels=list(plan.channels),
        reporting_periods=list(plan.reporting_periods),
        recipients=list(plan.recipients),
    )


def _detail(request: HttpRequest, plan_id: int) -> Plan:
    plans = plans_visible_to(request.user).prefetch_related("references", "sections", "tasks")
    return get_object_or_404(plans, pk=plan_id)


# --- plans ----------------------------------------------------------------------------


@router.get("/", response=list[PlanSummaryOut])
@paginate(BoundedPagination)
def list_plans(request: HttpRequest, filters: Query[PlanFilter]) -> QuerySet[Plan]:
    plans = plans_visible_to(request.user).order_by("-year", "unit__name", "number", "pk")
    if filters.unit is not None:
        plans = plans.filter(unit_id__in=_subtree(filters.unit))
    if filters.year is not None:
        plans = plans.filter(year=filters.year)
    if filters.status:
        plans = plans.filter(status=filters.status)
    return plans


@router.post("/", response={201: PlanOut, **WRITE_ERRORS})
def create_plan(request: HttpRequest, payload: PlanCreateIn) -> Status[Any]:
    unit = get_object_or_404(units_visible_to(request.user), pk=payload.unit_id)
    data = services.PlanInput(**payload.dict(exclude={"unit_id"}))
    plan = services.create_plan(unit, data, actor=request.user)
    return Status(201, _detail(request, plan.pk))


@router.get("/occurrences", response=list[OccurrenceOut])
@paginate(BoundedPagination)
def list_occurrences(request: HttpRequest, filters: Query[OccurrenceFilter]) -> QuerySet[Occurrence]:
    occurrences = occurrences_visible_to(request.user).order_by(
        "due_date", "task__plan_id", "task__position", "pk"
    )
    if filters.unit is not None:
        occurrences = occurrences.filter(task__plan__unit_id__in=_subtree(filters.unit))
    if filters.year is not None:
        occurrences = occurrences.filter(task__plan__year=filters.year)
    if filters.status:
        occurrences = occurrences.filter(status=filters.status)
    if filters.plan is not None:
        occurrences = occurrences.filter(task__plan_id=filters.plan)
    if filters.task is not None:
        occurrences = occurrences.filter(task_id=filters.task)
    if filters.due_from is not None:
        occurrences = occurrences.filter(due_date__gte=filters.due_from)
    if filters.due_to is not None:
        occurrences = occurrences.filter(due_date__lte=filters.due_to)
    return occurrences


@router.get("/{plan_id}", response={200: PlanOut, 404: ErrorOut})
def get_plan(request: HttpRequest, plan_id: int) -> Plan:
    return _detail(request, plan_id)


@router.patch("/{plan_id}", response={200: PlanOut, **WRITE_ERRORS})
def update_plan(request: HttpRequest, plan_id: int, payload: PlanPatchIn) -> Plan:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    data = _plan_input(plan)
    for name, value in payload.dict(exclude_unset=True).items():
        if value is not None:
            setattr(data, name, value)
    services.update_plan(plan, data, actor=request.user)
    return _detail(request, plan_id)


@router.post("/{plan_id}/issue", response={200: PlanOut, 409: ErrorOut, **WRITE_ERRORS})
def issue_plan(request: HttpRequest, plan_id: int, payload: IssueIn) -> Plan:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    services.issue_plan(plan, number=payload.number, issue_date=payload.issue_date, actor=request.user)
    return _detail(request, plan_id)


# --- tasks ----------------------------------------------------------------------------


@router.post("/{plan_id}/tasks", response={201: TaskOut, **WRITE_ERRORS})
def add_task(request: HttpRequest, plan_id: int, payload: TaskIn) -> Status[Any]:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    task = services.add_task(plan, services.TaskInput(**payload.dict()), actor=request.user)
    return Status(201, tasks_visible_to(request.user).get(pk=task.pk))  # read back as stored


@router.get("/tasks/{task_id}", response={200: TaskOut, 404: ErrorOut})
def get_task(request: HttpRequest, task_id: int) -> Task:
    return get_object_or_404(tasks_visible_to(request.user), pk=task_id)


@router.patch("/tasks/{task_id}", response={200: TaskOut, **WRITE_ERRORS})
def update_task(request: HttpRequest, task_id: int, payload: TaskPatchIn) -> Task:
    task = get_object_or_404(tasks_visible_to(request.user), pk=task_id)
    data = services.task_input_of(task, task.plan.year)
    for name, value in payload.dict(exclude_unset=True).items():
        if value is not None or name in {"estimated_cost", "count_per_period"}:
            setattr(data, name, value)
    services.update_task(task, data, actor=request.user)
    return tasks_visible_to(request.user).get(pk=task_id)  # read back as stored


@router.delete("/tasks/{task_id}", response={204: None, **WRITE_ERRORS})
def delete_task(request: HttpRequest, task_id: int) -> Status[Any]:
    task = get_object_or_404(tasks_visible_to(request.user), pk=task_id)
    services.delete_task(task, actor=request.user)
    return Status(204, None)
