"""Import of a plan document: upload, progress, review beside the source, save."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from loa.accounts.models import Membership
from loa.accounts.queries import units_editable_by
from loa.errors import DomainError
from loa.plans.choices import ImportStatus
from loa.plans.importing import fail_if_lost, start_plan_import
from loa.plans.models import PlanImport
from loa.plans.services import save_imported_plan

from .forms import ImportUploadForm, PlanDraftForm, TaskDraftFormSet

PLAN_FIELDS = list(PlanDraftForm.base_fields)
TASK_FIELDS = ["title", "product", "lead", "cooperating", "timing_text", "end_timing_text", "recurrence"]


def imports_visible_to(user: Any) -> Any:
    return PlanImport.objects.filter(unit__in=units_editable_by(user)).select_related("unit", "plan")


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    units = units_editable_by(request.user)
    # Preselect the unit the user works in (their own membership), not a merged legacy unit.
    own_unit = (
        Membership.objects.filter(user_id=request.user.pk or 0, unit__in=units)
        .order_by("pk")
        .values_list("unit", flat=True)
        .first()
    )
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, units=units, initial={"unit": own_unit}
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan_import = start_plan_import(
                form.cleaned_data["unit"], upload=form.cleaned_data["document"], actor=request.user
            )
        except DomainError as exc:
            form.add_error("document", str(exc))
        else:
            return redirect("plans:import-review", import_id=plan_import.pk)
    recent = imports_visible_to(request.user).order_by("-created_at")[:10]
    return render(request, "plans/import_upload.html", {"form": form, "recent": recent})


@login_required
@require_GET
def import_progress(request: HttpRequest, import_id: int) -> HttpResponse:
    """The progress fragment polled by htmx while the engine reads the document."""
    plan_import = fail_if_lost(get_object_or_404(imports_visible_to(request.user), pk=import_id))
    response = render(request, "plans/_import_progress.html", {"plan_import": plan_import})
    if plan_import.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        # Reload the whole page to show the review form or the error.
        response["HX-Refresh"] = "true"
    return response


@login_required
def import_review(request: HttpRequest, import_id: int) -> HttpResponse:
    plan_import = fail_if_lost(get_object_or_404(imports_visible_to(request.user), pk=import_id))
    if plan_import.status != ImportStatus.READY:
        return render(request, "plans/import_review.html", {"plan_import": plan_import})
    draft: dict[str, Any] = plan_import.draft or {}
    if request.method == "POST":
        form = PlanDraftForm(request.POST)
        tasks = TaskDraftFormSet(request.POST, prefix="tasks")
        if form.is_valid() and tasks.is_valid():
            reviewed = dict(draft)
            reviewed.update(form.cleaned_data)
            reviewed["issue_date"] = (
                form.cleaned_data["issue_date"].isoformat() if form.cleaned_data["issue_date"] else None
            )
            reviewed["tasks"] = [
                {k: row[k] for k in TASK_FIELDS}
                for row in tasks.cleaned_data
                if row and not row.get("DELETE")
            ]
            try:
                plan = save_imported_plan(plan_import, draft=reviewed, actor=request.user)
            except PermissionDenied:
                raise
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Đã lưu kế hoạch dự thảo từ văn bản nhập."))
                return redirect("plans:detail", plan_id=plan.pk)
    else:
        form = PlanDraftForm(initial={k: draft.get(k) for k in PLAN_FIELDS})
        tasks = TaskDraftFormSet(
            prefix="tasks", initial=[{k: t.get(k) for k in TASK_FIELDS} for t in draft.get("tasks") or []]
        )
    context = {"plan_import": plan_import, "form": form, "tasks": tasks, "draft": draft}
    return render(request, "plans/import_review.html", context)
