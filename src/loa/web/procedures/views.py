"""Staff pages of the procedures list: a unit's list with search, its import, the desk postings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loa.accounts.queries import units_editable_by, units_visible_to
from loa.procedures.errors import ProcedureImportRefused, RowError
from loa.procedures.importing import column_labels
from loa.procedures.permissions import can_edit_procedures
from loa.procedures.queries import (
    procedure_fields_for,
    procedure_list_for,
    procedures_for,
    procedures_visible_to,
    search_procedures,
)
from loa.procedures.services import import_procedures, set_posted_at_desk
from loa.text.folding import fold
from loa.units.choices import Era

from .forms import ProcedureImportForm

PAGE_SIZE = 50


@login_required
def unit_choice(request: HttpRequest) -> HttpResponse:
    """The units whose list the user keeps, to pick one (search by name, diacritics optional)."""
    query = request.GET.get("q", "").strip()[:100]
    units = (
        units_editable_by(request.user)
        .filter(era=Era.CURRENT)
        .annotate(procedure_count=Count("procedures"))
        .order_by("name")
    )
    if query:
        units = units.filter(folded_name__contains=fold(query))
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "procedures/unit_choice.html", {"page": page, "query": query})


@login_required
def unit_procedures(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The unit's list (search, filter by field) and, for its editors, the import form."""
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    form = ProcedureImportForm(request.POST or None, request.FILES or None)
    row_errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_procedures(unit, form.cleaned_data["file"], actor=request.user)
        except ProcedureImportRefused as exc:
            form.add_error(None, exc.message)
            row_errors = exc.errors
        else:
            messages.success(
                request,
                _(
                    "Đã cập nhật danh mục: %(total)d thủ tục (%(created)d mới, %(updated)d sửa, "
                    "%(removed)d gỡ bỏ)."
                )
                % {
                    "total": result.total,
                    "created": result.created,
                    "updated": result.updated,
                    "removed": result.removed,
                },
            )
            return redirect("procedures:unit", unit.pk)
    query = request.GET.get("q", "").strip()[:100]
    field = request.GET.get("linh-vuc", "").strip()[:200]
    procedures = search_procedures(procedures_for(unit), query)
    if field:
        procedures = procedures.filter(field=field)
    page = Paginator(procedures, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "unit": unit,
        "page": page,
        "query": query,
        "field": field,
        "fields": procedure_fields_for(unit),
        "procedure_list": procedure_list_for(unit),
        "form": form,
        "row_errors": row_errors,
        "can_edit": can_edit_procedures(request.user, unit),
        "columns": list(column_labels().values()),
    }
    return render(request, "procedures/unit_procedures.html", context, status=400 if row_errors else 200)


@login_required
@require_POST
def toggle_desk(request: HttpRequest, procedure_id: int) -> HttpResponse:
    """Mark the procedure posted (posted=1) or not posted at the one-stop desk."""
    procedure = get_object_or_404(procedures_visible_to(request.user), pk=procedure_id)
    posted = request.POST.get("posted") == "1"
    set_posted_at_desk(procedure, posted=posted, actor=request.user)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("procedures:unit", args=[procedure.unit_id])
    return redirect(back)
