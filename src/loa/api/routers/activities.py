"""API: the activity log (hoạt động tuyên truyền) and its bulk CSV import.

Reads go through `activities_visible_to`; writes call the activity services, which check
the right to log for the unit. Evidence files are not sent through JSON: attach them on
the staff page of the activity.
"""
# No `from __future__ import annotations` here: django-ninja reads the annotations at import.

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, FilterSchema, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from loa.accounts.queries import units_visible_to
from loa.activities import services
from loa.activities.bulk import BulkImportRefused, import_activities_csv
from loa.activities.models import Activity
from loa.activities.queries import activities_visible_to
from loa.api.pagination import BoundedPagination
from loa.api.schemas import BulkErrorOut, ErrorOut, Id, ShortText, Text
from loa.plans.models import Occurrence, Task
from loa.plans.queries import occurrences_visible_to, tasks_visible_to
from loa.units.models import Unit
from loa.units.queries import subtree_ids

router = Router()
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}
FILES_NOTE = "Tệp kiểm chứng không gửi qua JSON: đính kèm trên trang hoạt động của Loa."


class AttachmentOut(Schema):
    id: int
    original_name: str
    content_type: str
    size: int


class ActivityOut(Schema):
    id: int
    unit_id: int
    task_id: int | None
    occurrence_id: int | None
    happened_on: dt.date
    channel: str
    title: str
    quantity: Decimal
    measure: str
    link: str
    cost: Decimal
    note: str
    attachments: list[AttachmentOut]
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_task_id(obj: Activity) -> int | None:
        return obj.occurrence.task_id if obj.occurrence is not None else None

    @staticmethod
    def resolve_attachments(obj: Activity) -> list[Any]:
        return list(obj.attachments.all())


class ActivityIn(Schema):
    """An activity of `unit_id`. `task_id` links it to a task (its period is the one holding
    the date, or `occurrence_id`). Evidence files are not sent through JSON: attach them on
    the activity's staff page."""

    unit_id: Id
    happened_on: dt.date
    channel: str = Field(..., description="radio, tv, portal, social, … (plan JSON v1 channels)")
    title: ShortText
    quantity: Decimal = Field(Decimal(1), description="Số lượng (phút, tin bài, bản, người, buổi).")
    measure: str = Field("items", description="minutes, items, copies, attendees, sessions")
    task_id: Id | None = None
    occurrence_id: Id | None = None
    link: ShortText = ""
    cost: Decimal = Field(Decimal(0), description="Chi phí (đồng).")
    note: Text = ""


class ActivityPatchIn(Schema):
    """Only the fields sent change; `task_id: null` unlinks the activity from its task."""

    happened_on: dt.date | None = None
    channel: str | None = None
    title: ShortText | None = None
    quantity: Decimal | None = None
    measure: str | None = None
    task_id: Id | None = None
    occurrence_id: Id | None = None
    link: ShortText | None = None
    cost: Decimal | None = None
    note: Text | None = None


class ActivityFilter(FilterSchema):
    unit: int | None = Field(None, description="A unit id: its activities and those of every unit below it.")
    channel: str | None = None
    task: int | None = None
    happened_from: dt.date | None = None
    happened_to: dt.date | None = None


class BulkOut(Schema):
    created: int


def _visible(request: HttpRequest) -> QuerySet[Activity]:
    return activities_visible_to(request.user).prefetch_related("attachments")


def _task(request: HttpRequest, task_id: int | None) -> Task | None:
    return None if task_id is None else get_object_or_404(tasks_visible_to(request.user), pk=task_id)


def _occurrence(request: HttpRequest, occurrence_id: int | None) -> Occurrence | None:
    if occurrence_id is None:
        return None
    return get_object_or_404(occurrences_visible_to(request.user), pk=occurrence_id)


@router.get("/", response=list[ActivityOut])
@paginate(BoundedPagination)
def list_activities(request: HttpRequest, filters: Query[ActivityFilter]) -> QuerySet[Activity]:
    activities = _visible(request).order_by("-happened_on", "-pk")
    if filters.unit is not None:
        unit = Unit.objects.filter(pk=filters.unit).first()
        activities = activities.filter(unit_id__in=subtree_ids(unit) if unit is not None else set())
    if filters.channel:
        activities = activities.filter(channel=filters.channel)
    if filters.task is not None:
        activities = activities.filter(occurrence__task_id=filters.task)
    if filters.happened_from is not None:
        activities = activities.filter(happened_on__gte=filters.happened_from)
    if filters.happened_to is not None:
        activities = activities.filter(happened_on__lte=filters.happened_to)
    return activities


@router.post("/", response={201: ActivityOut, **WRITE_ERRORS}, description=FILES_NOTE)
def create_activity(request: HttpRequest, payload: ActivityIn) -> Status[Any]:
    unit = get_object_or_404(units_visible_to(request.user), pk=payload.unit_id)
    data = services.ActivityInput(
        happened_on=payload.happened_on,
        channel=payload.channel,
        title=payload.title,
        quantity=payload.quantity,
        measure=payload.measure,
        task=_task(request, payload.task_id),
        occurrence=_occurrence(request, payload.occurrence_id),
        link=payload.link,
        cost=payload.cost,
        note=payload.note,
    )
    activity = services.log_activity(unit, data, actor=request.user)
    return Status(201, get_object_or_404(_visible(request), pk=activity.pk))


@router.post("/bulk", response={201: BulkOut, 400: BulkErrorOut, 403: ErrorOut, 404: ErrorOut})
def import_activities(request: HttpRequest, unit_id: int, file: File[UploadedFile]) -> Status[Any]:
    """Import a CSV log (UTF-8, `,` or `;`): columns date, channel, title, quantity, measure, cost,
    link, task_id. All rows or none: any refused row returns 400 with `errors` per row and column."""
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    try:
        created = import_activities_csv(unit, file, actor=request.user)
    except BulkImportRefused as exc:
        return Status(400, {"detail": exc.message, "code": exc.code, "errors": exc.errors})
    return Status(201, {"created": created.created})


@router.get("/{activity_id}", response={200: ActivityOut, 404: ErrorOut})
def get_activity(request: HttpRequest, activity_id: int) -> Activity:
    return get_object_or_404(_visible(request), pk=activity_id)


@router.patch("/{activity_id}", response={200: ActivityOut, **WRITE_ERRORS}, description=FILES_NOTE)
def update_activity(request: HttpRequest, activity_id: int, payload: ActivityPatchIn) -> Activity:
    activity = get_object_or_404(_visible(request), pk=activity_id)
    changes = payload.dict(exclude_unset=True)
    occurrence = activity.occurrence
    task = occurrence.task if occurrence is not None else None
    if "task_id" in changes:
        task, occurrence = _task(request, changes["task_id"]), None
    if "happened_on" in changes:
        occurrence = None  # the period holding the new date
    if changes.get("occurrence_id") is not None:
        occurrence = _occurrence(request, changes["occurrence_id"])
    data = services.ActivityInput(
        happened_on=changes.get("happened_on") or activity.happened_on,
        channel=changes.get("channel") or activity.channel,
        title=changes.get("title") or activity.title,
        quantity=activity.quantity if changes.get("quantity") is None else changes["quantity"],
        measure=changes.get("measure") or activity.measure,
        task=task,
        occurrence=occurrence,
        link=activity.link if changes.get("link") is None else changes["link"],
        cost=activity.cost if changes.get("cost") is None else changes["cost"],
        note=activity.note if changes.get("note") is None else changes["note"],
    )
    services.update_activity(activity, data, actor=request.user)
    return get_object_or_404(_visible(request), pk=activity_id)


@router.delete("/{activity_id}", response={204: None, **WRITE_ERRORS})
def delete_activity(request: HttpRequest, activity_id: int) -> Status[Any]:
    activity = get_object_or_404(_visible(request), pk=activity_id)
    services.delete_activity(activity, actor=request.user)
    return Status(204, None)
