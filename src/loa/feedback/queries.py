"""Reads of feedback and questions: staff's scoped lists and the public, contact-free lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet

from loa.accounts.models import User
from loa.accounts.permissions import AnyUser, Capability, roles_with, unit_ids_with
from loa.units.models import Unit

from .choices import OPEN_STATUSES, Kind, Status
from .models import Feedback

# What public pages may load: never the name, phone or email.
PUBLIC_FIELDS = (
    "pk",
    "unit_id",
    "kind",
    "topic",
    "code",
    "public_summary",
    "content",
    "status",
    "submitted_at",
    "due_date",
    "answer",
    "answerer_title",
    "answered_at",
    "published_at",
    "session_month",
    "rating",
)


def feedback_visible_to(user: AnyUser) -> QuerySet[Feedback]:
    """Feedback and questions of the units the user may view; anything else is a 404."""
    scope = unit_ids_with(user, Capability.VIEW)
    rows = Feedback.objects.select_related("unit", "assignee")
    return rows if scope is None else rows.filter(unit_id__in=scope)


def tracked_feedback(code: str) -> QuerySet[Feedback]:
    """The feedback a tracking code opens, without its contact details."""
    return Feedback.objects.filter(code=code.strip().upper()).only(*PUBLIC_FIELDS)


def published_feedback_for(unit: Unit) -> QuerySet[Feedback]:
    """Published answers to feedback of `unit`, newest first, without contact details."""
    return (
        Feedback.objects.filter(unit=unit, kind=Kind.FEEDBACK, status=Status.PUBLISHED)
        .only(*PUBLIC_FIELDS)
        .order_by("-published_at", "-pk")
    )


def published_questions_for(unit: Unit) -> QuerySet[Feedback]:
    """Published Q&A of `unit`, by session month (newest first), without contact details."""
    return (
        Feedback.objects.filter(unit=unit, kind=Kind.QUESTION, status=Status.PUBLISHED)
        .only(*PUBLIC_FIELDS)
        .order_by("-session_month", "published_at", "pk")
    )


def feedback_due_for(units: Iterable[Unit], *, on: dt.date, ahead_days: int) -> QuerySet[Feedback]:
    """Unanswered feedback of `units` overdue or due within `ahead_days` of `on`, earliest first."""
    return Feedback.objects.filter(
        unit__in=list(units),
        kind=Kind.FEEDBACK,
        status__in=OPEN_STATUSES,
        due_date__lte=on + dt.timedelta(days=ahead_days),
    ).order_by("due_date", "pk")


def assignable_staff(unit: Unit) -> QuerySet[User]:
    """Active users who may answer for `unit`: a REPORT role on it or on a unit above it."""
    ancestors = unit.ancestors(include_self=True)
    return (
        User.objects.filter(
            is_active=True,
            memberships__unit__in=ancestors,
            memberships__role__in=roles_with(Capability.REPORT),
        )
        .distinct()
        .order_by("username")
    )
