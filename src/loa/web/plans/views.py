"""Plan list and detail pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from loa.accounts.permissions import can_edit_plans, can_log_activity
from loa.plans.queries import plans_visible_to
from loa.plans.services import next_plan_number

from .editing import (
    plan_close,
    plan_create,
    plan_edit,
    plan_issue,
    task_add,
    task_delete,
    task_detail,
    task_edit,
    task_move,
    task_row,
    tasks_with_progress,
    timing_preview,
)
from .imports import import_progress, import_review, import_upload

__all__ = [
    "import_progress", "import_review", "import_upload", "plan_close", "plan_create", "plan_detail",
    "plan_edit", "plan_issue", "plan_list", "task_add", "task_delete", "task_detail", "task_edit",
    "task_move", "task_row", "timing_preview",
]  # fmt: skip


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = plans_visible_to(request.user).annotate(task_count=Count("tasks")).order_by("-year", "unit__name")
    year = request.GET.get("nam", "")
    if year.isdigit():
        plans = plans.filter(year=int(year))
    return render(request, "plans/plan_list.html", {"plans": plans[:200], "year": year})


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    context = {
        "plan": plan,
        "sections": plan.sections.all(),
        "references": plan.references.select_related("referenced_plan"),
        "tasks": tasks_with_progress(plan),
        "can_edit": can_edit_plans(request.user, plan.unit_id),
        "can_log": can_log_activity(request.user, plan.unit_id),
        "next_number": next_plan_number(plan.unit, plan.year, plan.symbol)
        if plan.number is None
        else plan.number,
    }
    return render(request, "plans/plan_detail.html", context)
