"""Writing plans in Loa: the header, the task appendix (htmx rows), issuing and closing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from loa.accounts.models import Membership
from loa.accounts.permissions import can_edit_plans, can_log_activity
from loa.accounts.queries import units_editable_by
from loa.activities.figures import missed_q
from loa.errors import DomainError
from loa.plans import services
from loa.plans.choices import Measure, OccurrenceStatus, Recurrence
from loa.plans.models import Plan, Task
from loa.plans.queries import plans_visible_to, tasks_visible_to
from loa.text.timing import TimingFlag, TimingKind, parse_timing
from loa.tracking.schedule import periods_for
from loa.units.models import Unit

from .forms import IssueForm, PlanForm, TaskForm


def tasks_with_progress(plan: Plan) -> QuerySet[Task]:
    """The plan's tasks with their occurrence counts by status (one query, no N+1)."""
    today = timezone.localdate()
    missed = missed_q(today, "occurrences__")
    return (
        plan.tasks.select_related("lead_agency")
        .prefetch_related("cooperating_agencies")
        .annotate(
            occ_total=Count("occurrences", distinct=True),
            occ_done=Count("occurrences", filter=Q(occurrences__status=OccurrenceStatus.DONE), distinct=True),
            occ_late=Count("occurrences", filter=Q(occurrences__status=OccurrenceStatus.LATE), distinct=True),
            occ_missed=Count("occurrences", filter=missed, distinct=True),
        )
        .order_by("position", "pk")
    )


def _plan_input(form: PlanForm) -> services.PlanInput:
    return services.PlanInput(**form.cleaned_data)


def _own_editable_units(user: Any) -> QuerySet[Unit]:
    """The units a user works in (their memberships) where they may write plans."""
    own = Membership.objects.filter(user_id=user.pk or 0).values("unit")
    return units_editable_by(user).filter(pk__in=own).select_related("parent").order_by("level", "name")


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    requested = request.GET.get("don-vi", "")
    units = _own_editable_units(request.user)
    unit: Unit | None = None
    if requested.isdigit():
        unit = get_object_or_404(units_editable_by(request.user), pk=int(requested))
    elif units.count() == 1:
        unit = units.first()
    if request.method == "POST" and unit is None and request.POST.get("unit", "").isdigit():
        unit = get_object_or_404(units_editable_by(request.user), pk=int(request.POST["unit"]))
    year = timezone.localdate().year
    form = PlanForm(
        request.POST or None,
        initial={
            "year": year,
            "title": _("Kế hoạch thông tin, tuyên truyền cải cách hành chính năm %(year)s") % {"year": year},
            "issuer_name": unit.name if unit else "",
            "place": unit.short_name if unit else "",
        },
    )
    if request.method == "POST" and unit is not None and form.is_valid():
        try:
            plan = services.create_plan(unit, _plan_input(form), actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã tạo kế hoạch dự thảo. Thêm các nhiệm vụ vào phụ lục."))
            return redirect("plans:detail", plan.pk)
    elif request.method == "POST" and unit is None:
        form.add_error(None, _("Chọn đơn vị ban hành."))
    return render(request, "plans/plan_form.html", {"form": form, "unit": unit, "units": units})


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    if not can_edit_plans(request.user, plan.unit_id):
        raise PermissionDenied
    initial = {name: getattr(plan, name) for name in PlanForm.base_fields}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_plan(plan, _plan_input(form), actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "unit": plan.unit, "plan": plan})


@login_required
@require_POST
def plan_issue(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần nhập ngày ban hành hợp lệ."))
        return redirect("plans:detail", plan.pk)
    try:
        services.issue_plan(
            plan,
            number=form.cleaned_data["number"],
            issue_date=form.cleaned_data["issue_date"],
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ban hành kế hoạch."))
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def plan_close(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    try:
        services.close_plan(plan, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã kết thúc kế hoạch."))
    return redirect("plans:detail", plan.pk)


def _row(request: HttpRequest, task: Task) -> HttpResponse:
    task = tasks_with_progress(task.plan).get(pk=task.pk)
    return render(
        request,
        "plans/_task_row.html",
        {
            "task": task,
            "plan": task.plan,
            "can_edit": True,
            "can_log": can_log_activity(request.user, task.plan.unit_id),
        },
    )


@login_required
def task_add(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    if not can_edit_plans(request.user, plan.unit_id):
        raise PermissionDenied
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.add_task(plan, form.task_input(), actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            return redirect(reverse("plans:detail", args=[plan.pk]) + f"#task-{task.pk}")
    return render(request, "plans/task_form.html", {"form": form, "plan": plan})


@login_required
def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    """Full page without htmx; with htmx, the table row turns into a form and back."""
    task = get_object_or_404(tasks_visible_to(request.user), pk=task_id)
    if not can_edit_plans(request.user, task.plan.unit_id):
        raise PermissionDenied
    # Ids unique per row: several rows may be open for editing at once.
    auto_id = f"id_t{task.pk}_%s" if request.htmx else "id_%s"  # type: ignore[attr-defined]
    form = TaskForm(request.POST or None, initial=TaskForm.initial_for(task), auto_id=auto_id)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.update_task(task, form.task_input(), actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if request.htmx:  # type: ignore[attr-defined]
                return _row(request, task)
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect(reverse("plans:detail", args=[task.plan_id]) + f"#task-{task.pk}")
    template = "plans/_task_edit_row.html" if request.htmx else "plans/task_form.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "plan": task.plan, "task": task})


@login_required
def task_row(request: HttpRequest, task_id: int) -> HttpResponse:
    """The read-only row, for the Cancel button of an inline edit."""
    task = get_object_or_404(tasks_visible_to(request.user), pk=task_id)
    return render(
        request,
        "plans/_task_row.html",
        {
            "task": tasks_with_progress(task.plan).get(pk=task.pk),
            "plan": task.plan,
            "can_edit": can_edit_plans(request.user, task.plan.unit_id),
            "can_log": can_log_activity(request.user, task.plan.unit_id),
        },
    )


@login_required
@require_POST
def task_delete(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(tasks_visible_to(request.user), pk=task_id)
    try:
        services.delete_task(task, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xóa nhiệm vụ; các hoạt động đã ghi vẫn được giữ."))
    return redirect(reverse("plans:detail", args=[task.plan_id]) + "#tasks")


@login_required
@require_POST
def task_move(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(tasks_visible_to(request.user), pk=task_id)
    offset = -1 if request.POST.get("huong") == "len" else 1
    try:
        services.move_task(task, offset=offset, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("plans:detail", args=[task.plan_id]) + f"#task-{task.pk}")


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    """A task's occurrences with their status and the activities that fulfil them."""
    task = get_object_or_404(tasks_visible_to(request.user), pk=task_id)
    occurrences = task.occurrences.prefetch_related("activities").order_by("period_start")
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.plan,
            "occurrences": occurrences,
            "today": timezone.localdate(),
            "can_log": can_log_activity(request.user, task.plan.unit_id),
        },
    )


@login_required
@require_POST
def timing_preview(request: HttpRequest) -> HttpResponse:
    """What Loa reads from a timing text, shown live under the field while the user types."""
    year_text = request.POST.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else dt.date.today().year
    text = request.POST.get("timing_text", "")[:300]
    end_text = request.POST.get("end_timing_text", "")[:300]
    timing = parse_timing(text, plan_year=year, end_text=end_text or None)
    recurrence = request.POST.get("recurrence") or (timing.recurrence.value if timing.recurrence else None)
    periods = periods_for(recurrence, year=year, start=timing.start, end=timing.end)
    quota = ""
    if timing.quota is not None:
        quota = f"≥ {timing.quota.minimum} {Measure(timing.quota.measure.value).label}"
        if timing.quota.maximum:
            quota = (
                f"{timing.quota.minimum}–{timing.quota.maximum} {Measure(timing.quota.measure.value).label}"
            )
    context = {
        "has_text": bool(text.strip()),
        "understood": timing.kind != TimingKind.UNPARSED,
        "recurrence": Recurrence(recurrence).label if recurrence else _("Một kỳ"),
        "timing": timing,
        "quota": quota,
        "flags": [str(FLAG_MESSAGES[flag]) for flag in sorted(timing.flags) if flag in FLAG_MESSAGES],
        "periods": periods,
    }
    return render(request, "plans/_timing_preview.html", context)


FLAG_MESSAGES = {
    TimingFlag.YEAR_DIFFERS_FROM_PLAN: gettext_lazy("Năm ghi trong thời gian khác năm kế hoạch."),
    TimingFlag.YEAR_ASSUMED: gettext_lazy("Không ghi năm: lấy theo năm kế hoạch."),
    TimingFlag.ON_DEMAND: gettext_lazy("Thực hiện khi có yêu cầu."),
    TimingFlag.AMBIGUOUS: gettext_lazy("Có nhiều cách hiểu; Loa lấy cách đầu tiên, cần kiểm tra."),
    TimingFlag.INVALID_DATE: gettext_lazy("Ngày không hợp lệ."),
    TimingFlag.PARTIAL: gettext_lazy("Một trong hai cột thời gian không đọc được."),
    TimingFlag.START_AFTER_END: gettext_lazy("Ngày bắt đầu sau ngày kết thúc nên bị bỏ."),
    TimingFlag.PERIOD_UNSPECIFIED: gettext_lazy("“Định kỳ” nhưng không ghi kỳ nào."),
    TimingFlag.TRUNCATED: gettext_lazy("Nội dung quá dài, chỉ đọc phần đầu."),
}
