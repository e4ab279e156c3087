"""Plan list and detail pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from loa.accounts.permissions import can_edit_plans, can_log_activity
from loa.accounts.queries import units_visible_to
from loa.plans.cascade import conformity_of
from loa.plans.choices import Channel, PlanStatus
from loa.plans.importing import warning_message
from loa.plans.queries import plans_visible_to
from loa.plans.services import next_plan_number
from loa.reports.builds import PLAN_FORMATS

from .cascading import derivable_units, plan_derive, subordinate_conformity
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
    "import_progress",
    "import_review",
    "import_upload",
    "plan_close",
    "plan_create",
    "plan_derive",
    "plan_detail",
    "plan_edit",
    "plan_issue",
    "plan_list",
    "subordinate_conformity",
    "task_add",
    "task_delete",
    "task_detail",
    "task_edit",
    "task_move",
    "task_row",
    "timing_preview",
]  # fmt: skip


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Plans the user may see, by unit, year and status, newest first."""
    plans = plans_visible_to(request.user).order_by("-year", "unit__name", "number", "pk")
    unit = None
    unit_id, year = request.GET.get("don-vi", ""), request.GET.get("nam", "")
    status = request.GET.get("trang-thai", "")
    if unit_id.isdigit():
        unit = get_object_or_404(units_visible_to(request.user), pk=int(unit_id))
        plans = plans.filter(unit=unit)
    if year.isdigit():
        plans = plans.filter(year=int(year))
    if status in PlanStatus.values:
        plans = plans.filter(status=status)
    page = Paginator(plans, 50).get_page(request.GET.get("trang"))
    query = urlencode({k: v for k, v in {"don-vi": unit_id, "nam": year, "trang-thai": status}.items() if v})
    context = {
        "page": page,
        "unit": unit,
        "year": year,
        "status": status,
        "statuses": PlanStatus.choices,
        "query": query,
    }
    return render(request, "plans/plan_list.html", context)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    higher, conformity = conformity_of(plan)
    references = list(plan.references.order_by("position"))
    context = {
        "plan": plan,
        "sections": plan.sections.all(),
        "references": references,
        # A cited plan in Loa is linked only for those who may open it.
        "visible_references": set(
            plans_visible_to(request.user)
            .filter(pk__in=[r.referenced_plan_id for r in references if r.referenced_plan_id])
            .values_list("pk", flat=True)
        ),
        "tasks": tasks_with_progress(plan),
        "warnings": [warning_message(w) for w in plan.import_warnings],
        "plan_formats": PLAN_FORMATS,
        "higher": higher,
        "conformity": conformity,
        "higher_visible": higher is not None and plans_visible_to(request.user).filter(pk=higher.pk).exists(),
        "derivable_units": derivable_units(request, plan.unit_id),
        "channels": [Channel(c).label for c in plan.channels if c in Channel.values],
        "can_edit": can_edit_plans(request.user, plan.unit_id),
        "can_log": can_log_activity(request.user, plan.unit_id),
        "next_number": next_plan_number(plan.unit, plan.year, plan.symbol)
        if plan.number is None
        else plan.number,
    }
    return render(request, "plans/plan_detail.html", context)
