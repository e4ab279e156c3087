"""Pages of cascading plans: conformity of a plan with its higher plan, drafts written
from a higher plan, and a higher unit's view of its subordinate units' plans."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loa.accounts.queries import units_editable_by, units_visible_to
from loa.errors import DomainError
from loa.plans.cascade import draft_from_higher, subordinate_plans
from loa.plans.queries import plans_visible_to
from loa.render.xlsx_writer import Sheet, render_xlsx
from loa.units.queries import subtree_ids

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_POST
def plan_derive(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Write a draft plan for a unit below from this (higher) plan."""
    higher = get_object_or_404(plans_visible_to(request.user), pk=plan_id)
    unit = get_object_or_404(units_editable_by(request.user), pk=int(request.POST.get("unit") or 0))
    try:
        plan = draft_from_higher(higher, unit, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("plans:detail", higher.pk)
    messages.success(
        request,
        _("Đã lập dự thảo kế hoạch từ kế hoạch cấp trên: %(tasks)s nhiệm vụ được đề xuất, hãy rà soát.")
        % {"tasks": plan.tasks.count()},
    )
    return redirect("plans:detail", plan.pk)


def derivable_units(request: HttpRequest, plan_unit_id: int) -> list[object]:
    """Units below the plan's unit where the user may write plans (for the derive form)."""
    below = subtree_ids(get_object_or_404(units_visible_to(request.user), pk=plan_unit_id)) - {plan_unit_id}
    return list(
        units_editable_by(request.user).filter(pk__in=below).select_related("parent").order_by("name")[:200]
    )


@login_required
def subordinate_conformity(request: HttpRequest, unit_id: int) -> HttpResponse:
    """For a higher unit: each unit below, whether it issued its plan, when, and its conformity."""
    unit = get_object_or_404(units_visible_to(request.user).select_related("parent"), pk=unit_id)
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year
    rows = subordinate_plans(unit, year)
    if request.GET.get("dinh-dang") == "xlsx":
        sheet = Sheet(
            title="Kế hoạch cấp dưới",
            caption=f"{unit.name} — kế hoạch tuyên truyền CCHC năm {year} của các đơn vị trực thuộc",
            header=[
                "Đơn vị",
                "Kế hoạch",
                "Ngày ban hành",
                "Đúng hạn",
                "Điểm phù hợp",
                "Số phát hiện",
                "Phát hiện",
            ],
            rows=[
                [
                    row.unit.name,
                    row.plan.number_and_symbol if row.plan else "Chưa ban hành",
                    row.plan.issue_date if row.plan else None,
                    ("Chậm" if row.issued_late else "Đúng hạn") if row.plan and row.deadline else "",
                    row.result.score if row.result else None,
                    len(row.result.findings) if row.result else None,
                    "\n".join(f.message for f in row.result.findings) if row.result else "",
                ]
                for row in rows
            ],
        )
        response = HttpResponse(render_xlsx([sheet]), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="ke-hoach-cap-duoi-{year}.xlsx"'
        return response
    return render(
        request,
        "plans/subordinate_conformity.html",
        {
            "unit": unit,
            "year": year,
            "rows": rows,
            "issued": sum(1 for row in rows if row.plan),
            "deadline": rows[0].deadline if rows else None,
        },
    )
