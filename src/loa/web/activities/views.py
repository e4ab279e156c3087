"""The activity log: list, log (phone first), edit, delete, and evidence downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loa.accounts.models import Membership
from loa.accounts.permissions import Capability, can_log_activity
from loa.accounts.queries import units_with
from loa.activities import services
from loa.activities.queries import activities_visible_to, attachments_visible_to
from loa.errors import DomainError
from loa.plans.choices import Channel, Measure, PlanStatus
from loa.plans.models import Occurrence, Task
from loa.plans.queries import tasks_visible_to
from loa.units.models import Unit
from loa.web.downloads import file_download

from .forms import ActivityForm

# Images and PDFs open in the browser; everything else downloads. Never HTML: the
# accepted types are checked on content when uploaded (loa.tracking.filetypes).
INLINE_TYPES = ("image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf")
MEASURE_BY_CHANNEL = {
    Channel.RADIO: Measure.MINUTES,
    Channel.TV: Measure.MINUTES,
    Channel.MOBILE_LOUDSPEAKER: Measure.MINUTES,
    Channel.LEAFLET: Measure.COPIES,
    Channel.CONFERENCE: Measure.ATTENDEES,
    Channel.TRAINING: Measure.ATTENDEES,
    Channel.DIALOGUE: Measure.ATTENDEES,
}


def _loggable_units(user: Any, *, unit_id: int | None) -> QuerySet[Unit]:
    units = units_with(user, Capability.LOG_ACTIVITY).select_related("parent")
    if unit_id is not None:
        return units.filter(pk=unit_id)
    own = Membership.objects.filter(user_id=user.pk or 0).values("unit")
    return units.filter(pk__in=own).order_by("level", "name")


def _tasks_for(units: QuerySet[Unit]) -> QuerySet[Task]:
    year = timezone.localdate().year
    return (
        Task.objects.filter(plan__unit__in=units, plan__status=PlanStatus.ISSUED, plan__year__gte=year - 1)
        .select_related("plan")
        .order_by("-plan__year", "plan_id", "position")
    )


def _periods_of(tasks: QuerySet[Task], task_id: int | None) -> QuerySet[Occurrence]:
    """The periods offered in the form: those of the chosen task, up to today."""
    if task_id is None:
        return Occurrence.objects.none()
    return Occurrence.objects.filter(
        task_id=task_id, task__in=tasks, period_start__lte=timezone.localdate()
    ).order_by("period_start")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    activities = activities_visible_to(request.user).prefetch_related("attachments")
    unit_id, year = _int(request.GET.get("don-vi")), _int(request.GET.get("nam"))
    channel = request.GET.get("hinh-thuc", "")
    if unit_id:
        activities = activities.filter(unit_id=unit_id)
    if year:
        activities = activities.filter(happened_on__year=year)
    if channel in Channel.values:
        activities = activities.filter(channel=channel)
    page = Paginator(activities.order_by("-happened_on", "-pk"), 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "activities/activity_list.html",
        {
            "page": page,
            "channels": Channel.choices,
            "channel": channel,
            "year": year or "",
            "unit_id": unit_id,
        },
    )


def _initial(
    request: HttpRequest, task: Task | None, units: QuerySet[Unit], periods: QuerySet[Occurrence]
) -> dict[str, Any]:
    """The blank form's values: the task's channel and measure, the day asked for, the period."""
    today = timezone.localdate()
    day = request.GET.get("ngay", "")
    try:
        initial_day = min(dt.date.fromisoformat(day), today) if day else today
    except ValueError:
        initial_day = today
    channel = task.channel if task and task.channel else ""
    period_id = _int(request.GET.get("ky"))
    return {
        "unit": units.first() if units.count() == 1 else None,
        "task": task,
        "happened_on": initial_day,
        "channel": channel,
        "measure": (task.quota_measure if task and task.quota_measure else "")
        or MEASURE_BY_CHANNEL.get(channel, Measure.ITEMS),  # type: ignore[call-overload]
        "title": task.title[:300] if task else "",
        "occurrence": periods.filter(pk=period_id).first() if period_id else None,
    }


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    task: Task | None = None
    task_id = _int(request.GET.get("nhiem-vu"))
    if task_id is not None:
        task = get_object_or_404(tasks_visible_to(request.user), pk=task_id)
    unit_id = task.plan.unit_id if task else _int(request.GET.get("don-vi"))
    units = _loggable_units(request.user, unit_id=unit_id)
    if unit_id is not None and not units.exists():
        raise PermissionDenied
    tasks = _tasks_for(units)
    chosen = _int(request.POST.get("task")) if request.method == "POST" else (task.pk if task else None)
    periods = _periods_of(tasks, chosen)
    # A sent form carries its own values: the blank form's defaults cost queries for nothing.
    initial = {} if request.method == "POST" else _initial(request, task, units, periods)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        tasks=tasks,
        occurrences=periods,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.log_activity(
                form.cleaned_data["unit"], form.activity_input(), actor=request.user
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận hoạt động."))
            return redirect("activities:detail", activity.pk)
    return render(request, "activities/activity_form.html", {"form": form, "task": task, "units": units})


@login_required
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = get_object_or_404(
        activities_visible_to(request.user).select_related("occurrence__task__plan"), pk=activity_id
    )
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "attachments": activity.attachments.all(),
            "can_log": can_log_activity(request.user, activity.unit_id),
        },
    )


@login_required
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = get_object_or_404(activities_visible_to(request.user), pk=activity_id)
    if not can_log_activity(request.user, activity.unit_id):
        raise PermissionDenied
    units = Unit.objects.filter(pk=activity.unit_id)
    initial = {
        "unit": activity.unit,
        "task": activity.occurrence.task if activity.occurrence else None,
        "occurrence": activity.occurrence,
        "happened_on": activity.happened_on,
        "channel": activity.channel,
        "title": activity.title,
        "quantity": activity.quantity,
        "measure": activity.measure,
        "link": activity.link,
        "cost": activity.cost,
        "note": activity.note,
    }
    tasks = _tasks_for(units)
    chosen = (
        _int(request.POST.get("task"))
        if request.method == "POST"
        else (activity.occurrence.task_id if activity.occurrence else None)
    )
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        tasks=tasks,
        occurrences=_periods_of(tasks, chosen),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(activity, form.activity_input(), actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu hoạt động."))
            return redirect("activities:detail", activity.pk)
    return render(
        request, "activities/activity_form.html", {"form": form, "activity": activity, "units": units}
    )


@login_required
@require_POST
def activity_delete(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = get_object_or_404(activities_visible_to(request.user), pk=activity_id)
    try:
        services.delete_activity(activity, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("activities:detail", activity.pk)
    messages.success(request, _("Đã xóa hoạt động."))
    return redirect("activities:list")


@login_required
def attachment_download(request: HttpRequest, attachment_id: int) -> HttpResponseBase:
    attachment = get_object_or_404(attachments_visible_to(request.user), pk=attachment_id)
    return file_download(
        attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
        as_attachment=attachment.content_type not in INLINE_TYPES,
        headers={
            "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
            "Cache-Control": "private, max-age=0",
        },
    )


@login_required
@require_POST
def attachment_delete(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(attachments_visible_to(request.user), pk=attachment_id)
    try:
        services.delete_attachment(attachment, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("activities:detail", attachment.activity_id)
