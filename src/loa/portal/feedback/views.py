"""Citizens' feedback pages: send a feedback or a question, follow it by its code, rate the
answer, and read a unit's published answers. No sign-in; contact details never shown."""

from __future__ import annotations

import logging
from itertools import groupby

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST

from loa.errors import DomainError
from loa.feedback.abuse import count_submission
from loa.feedback.choices import Kind
from loa.feedback.queries import published_feedback_for, published_questions_for, tracked_feedback
from loa.feedback.services import new_code, rate_answer, submit_feedback
from loa.units.models import Unit
from loa.web.client import client_address

from .forms import FeedbackForm, RatingForm

log = logging.getLogger(__name__)


def _client(request: HttpRequest) -> str:
    return client_address(request) or "unknown"


def _submission(request: HttpRequest, unit: Unit, kind: str) -> tuple[FeedbackForm, HttpResponse | None]:
    """Handle the form; a response when the submission is done (real or trapped)."""
    form = FeedbackForm(request.POST or None, request.FILES or None, kind=kind)
    if request.method != "POST" or not form.is_valid():
        return form, None
    if form.is_trap_filled:
        # A bot filled the hidden field: answer as if accepted, keep nothing.
        log.warning("Feedback honeypot filled for unit %s; nothing stored.", unit.pk)
        count_submission(_client(request))
        return form, _submitted(request, unit, new_code(), kind)
    try:
        feedback = submit_feedback(unit, form.to_input(), client=_client(request))
    except DomainError as exc:
        form.add_error(None, exc.message)
        return form, None
    # The row and its files are committed: only now say "received".
    return form, _submitted(request, unit, feedback.code, kind)


def _submitted(request: HttpRequest, unit: Unit, code: str, kind: str) -> HttpResponse:
    return render(
        request,
        "portal/feedback/submitted.html",
        {"unit": unit, "code": code, "kind": kind, "is_question": kind == Kind.QUESTION},
    )


@never_cache
def feedback_submit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    form, done = _submission(request, unit, Kind.FEEDBACK)
    if done is not None:
        return done
    return render(request, "portal/feedback/submit.html", {"unit": unit, "form": form})


@never_cache
def questions(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's published Q&A by month, with the form to ask the head a question."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    form, done = _submission(request, unit, Kind.QUESTION)
    if done is not None:
        return done
    sessions = [
        (month, list(rows))
        for month, rows in groupby(published_questions_for(unit), lambda q: q.session_month)
    ]
    return render(
        request, "portal/feedback/questions.html", {"unit": unit, "form": form, "sessions": sessions}
    )


@cache_control(public=True, max_age=120)
def feedback_published(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    return render(
        request,
        "portal/feedback/published.html",
        {"unit": unit, "answers": published_feedback_for(unit)[:100]},
    )


def feedback_lookup(request: HttpRequest) -> HttpResponse:
    """The tracking page of the code typed into the lookup form."""
    code = "".join(request.GET.get("ma", "").split()).upper()[:16]
    if code:
        return redirect("portal:feedback-track", code=code)
    return render(request, "portal/feedback/lookup.html")


@never_cache
def feedback_track(request: HttpRequest, code: str) -> HttpResponse:
    feedback = get_object_or_404(tracked_feedback(code).select_related("unit"))
    return render(
        request,
        "portal/feedback/track.html",
        {"feedback": feedback, "unit": feedback.unit, "rating_form": RatingForm()},
    )


@require_POST
def feedback_rate(request: HttpRequest, code: str) -> HttpResponse:
    feedback = get_object_or_404(tracked_feedback(code))
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            rate_answer(feedback, rating=form.cleaned_data["rating"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    else:
        messages.error(request, _("Vui lòng chọn mức đánh giá từ 1 đến 5."))
    return redirect(reverse("portal:feedback-track", kwargs={"code": feedback.code}))
