"""API: citizens' feedback and questions as staff see them; answer and publish.

The sender's name, phone and email are only given to those who handle the unit's
feedback (the REPORT capability); everyone else who may view it gets them as null.
"""
# No `from __future__ import annotations` here: django-ninja reads the annotations at import.

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from loa.accounts.permissions import can_report
from loa.accounts.queries import units_visible_to
from loa.api.pagination import BoundedPagination
from loa.api.schemas import ErrorOut, Id, Text
from loa.feedback.choices import OPEN_STATUSES, Kind, Status
from loa.feedback.models import Feedback
from loa.feedback.queries import feedback_visible_to
from loa.feedback.services import answer_feedback, publish_answer
from loa.units.queries import subtree_ids

router = Router()
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class FeedbackOut(Schema):
    id: int
    unit_id: int
    unit_name: str = Field(alias="unit.name")
    kind: str
    topic: str
    code: str
    status: str
    submitted_at: dt.datetime
    due_date: dt.date
    is_overdue: bool
    assignee_id: int | None
    answered_at: dt.datetime | None
    published_at: dt.datetime | None


class ContactOut(Schema):
    name: str
    phone: str
    email: str


class FeedbackDetailOut(FeedbackOut):
    content: str
    public_summary: str
    answer: str
    answerer_title: str
    session_month: dt.date | None
    rating: int | None
    contact: ContactOut | None = Field(
        None, description="Chỉ có với người được xử lý phản ánh của đơn vị; không bao giờ công khai."
    )

    @staticmethod
    def resolve_contact(obj: Feedback, context: dict[str, Any]) -> dict[str, str] | None:
        if not can_report(context["request"].user, obj.unit_id):
            return None
        return {"name": obj.name, "phone": obj.phone, "email": obj.email}


class FeedbackFilter(Schema):
    unit: Id | None = Field(None, description="Đơn vị và các đơn vị trực thuộc.")
    kind: Kind | None = None
    status: Status | None = None
    overdue: bool | None = Field(None, description="true: chỉ phản ánh quá hạn chưa trả lời.")


class AnswerIn(Schema):
    answer: Text
    answerer_title: Text = ""


class PublishIn(Schema):
    summary: Text = ""


@router.get("/", response=list[FeedbackOut])
@paginate(BoundedPagination)
def list_feedback(request: HttpRequest, filters: Query[FeedbackFilter]) -> QuerySet[Feedback]:
    rows = feedback_visible_to(request.user).order_by("due_date", "-pk")
    if filters.unit is not None:
        unit = get_object_or_404(units_visible_to(request.user), pk=filters.unit)
        rows = rows.filter(unit_id__in=subtree_ids(unit))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.overdue:
        rows = rows.filter(kind=Kind.FEEDBACK, status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())
    return rows


@router.get("/{feedback_id}", response={200: FeedbackDetailOut, 404: ErrorOut})
def get_feedback(request: HttpRequest, feedback_id: Id) -> Any:
    return get_object_or_404(feedback_visible_to(request.user), pk=feedback_id)


@router.post("/{feedback_id}/answer", response={200: FeedbackDetailOut, **WRITE_ERRORS})
def answer(request: HttpRequest, feedback_id: Id, payload: AnswerIn) -> Any:
    """Record or correct the answer (until it is published)."""
    feedback = get_object_or_404(feedback_visible_to(request.user), pk=feedback_id)
    return answer_feedback(
        feedback, answer=payload.answer, answerer_title=payload.answerer_title, actor=request.user
    )


@router.post("/{feedback_id}/publish", response={200: FeedbackDetailOut, **WRITE_ERRORS})
def publish(request: HttpRequest, feedback_id: Id, payload: PublishIn) -> Any:
    """Publish the answer on the unit's public page; `summary` is the citizen's text as shown."""
    feedback = get_object_or_404(feedback_visible_to(request.user), pk=feedback_id)
    return publish_answer(feedback, summary=payload.summary, actor=request.user)
