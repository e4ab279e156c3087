"""Plan list and detail pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from loa.accounts.permissions import can_edit_plans
from loa.plans.queries import plans_visible_to

from .imports import import_progress, import_review, import_upload

__all__ = ["import_progress", "import_review", "import_upload", "plan_detail", "plan_list"]


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
        "tasks": plan.tasks.select_related("lead_agency").prefetch_related("cooperating_agencies"),
        "can_edit": can_edit_plans(request.user, plan.unit_id),
    }
    return render(request, "plans/plan_detail.html", context)
