"""Staff feedback pages: the scoped list with overdue flags, one feedback with its files,
and the assign / select-for-session / answer / publish actions (each one service call)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loa.accounts.permissions import can_report
from loa.accounts.queries import units_visible_to
from loa.errors import DomainError
from loa.feedback import services
from loa.feedback.choices import OPEN_STATUSES, Kind, Status
from loa.feedback.models import Feedback, FeedbackAttachment
from loa.feedback.queries import feedback_visible_to
from loa.web.downloads import file_download

from .forms import AnswerForm, AssignForm, PublishForm, SessionForm


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    rows = feedback_visible_to(request.user).order_by("due_date", "-pk")
    unit_id = _int(request.GET.get("don-vi"))
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id) if unit_id else None
    if unit is not None:
        rows = rows.filter(unit=unit)
    kind = request.GET.get("loai", "")
    if kind in Kind.values:
        rows = rows.filter(kind=kind)
    status = request.GET.get("trang-thai", "")
    if status in Status.values:
        rows = rows.filter(status=status)
    today = timezone.localdate()
    overdue_only = bool(request.GET.get("qua-han"))
    if overdue_only:
        rows = rows.filter(kind=Kind.FEEDBACK, status__in=OPEN_STATUSES, due_date__lt=today)
    page = Paginator(rows, 50).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "unit": unit,
        "kind": kind,
        "status": status,
        "kinds": Kind.choices,
        "statuses": Status.choices,
        "today": today,
        "overdue_only": overdue_only,
    }
    return render(request, "feedback/feedback_list.html", context)


@login_required
def feedback_detail(request: HttpRequest, feedback_id: int) -> HttpResponse:
    feedback = get_object_or_404(feedback_visible_to(request.user), pk=feedback_id)
    may_act = can_report(request.user, feedback.unit_id)
    context = {
        "feedback": feedback,
        "may_act": may_act,
        "attachments": feedback.attachments.all(),
        "assign_form": AssignForm(feedback=feedback) if may_act and feedback.is_open else None,
        "session_form": SessionForm(initial={"month": feedback.session_month or timezone.localdate()})
        if may_act and feedback.kind == Kind.QUESTION and feedback.status != Status.PUBLISHED
        else None,
        "answer_form": AnswerForm(
            initial={"answer": feedback.answer, "answerer_title": feedback.answerer_title}
        )
        if may_act and feedback.status != Status.PUBLISHED
        else None,
        "publish_form": PublishForm(initial={"summary": feedback.content})
        if may_act and feedback.status == Status.ANSWERED
        else None,
    }
    return render(request, "feedback/feedback_detail.html", context)


def _act(
    request: HttpRequest,
    feedback_id: int,
    form_class: Any,
    action: Callable[[Feedback, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    feedback = get_object_or_404(feedback_visible_to(request.user), pk=feedback_id)
    form = (
        form_class(request.POST, feedback=feedback) if form_class is AssignForm else form_class(request.POST)
    )
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("feedback:detail", feedback.pk)
    try:
        action(feedback, form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("feedback:detail", feedback.pk)


@login_required
@require_POST
def feedback_assign(request: HttpRequest, feedback_id: int) -> HttpResponse:
    return _act(
        request,
        feedback_id,
        AssignForm,
        lambda f, data: services.assign_feedback(f, assignee=data["assignee"], actor=request.user),
        _("Đã giao xử lý."),
    )


@login_required
@require_POST
def feedback_select(request: HttpRequest, feedback_id: int) -> HttpResponse:
    return _act(
        request,
        feedback_id,
        SessionForm,
        lambda f, data: services.select_question(f, month=data["month"], actor=request.user),
        _("Đã chọn câu hỏi vào kỳ hỏi đáp."),
    )


@login_required
@require_POST
def feedback_answer(request: HttpRequest, feedback_id: int) -> HttpResponse:
    return _act(
        request,
        feedback_id,
        AnswerForm,
        lambda f, data: services.answer_feedback(
            f, answer=data["answer"], answerer_title=data["answerer_title"], actor=request.user
        ),
        _("Đã lưu trả lời."),
    )


@login_required
@require_POST
def feedback_publish(request: HttpRequest, feedback_id: int) -> HttpResponse:
    return _act(
        request,
        feedback_id,
        PublishForm,
        lambda f, data: services.publish_answer(f, summary=data["summary"], actor=request.user),
        _("Đã công khai trả lời."),
    )


@login_required
def attachment_download(request: HttpRequest, feedback_id: int, attachment_id: int) -> HttpResponseBase:
    feedback = get_object_or_404(feedback_visible_to(request.user), pk=feedback_id)
    attachment = get_object_or_404(FeedbackAttachment, pk=attachment_id, feedback=feedback)
    return file_download(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )
