"""Staff pages of the assessment indices: a unit's results, add or correct one, import a CSV file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_manage_unit
from loa.accounts.queries import units_visible_to
from loa.errors import DomainError
from loa.indices.choices import SCALES
from loa.indices.queries import index_values_visible_to
from loa.indices.services import IndexImportFailed, RowError, import_indices, record_index

from .forms import IndexImportForm, IndexValueForm


@login_required
def unit_indices(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    values = index_values_visible_to(request.user).filter(unit=unit).order_by("-year", "kind")
    year = request.GET.get("nam", "")
    if year.isdigit():
        values = values.filter(year=int(year))
    return render(
        request,
        "indices/unit_indices.html",
        {
            "unit": unit,
            "values": values,
            "year": year if year.isdigit() else "",
            "can_manage": can_manage_unit(request.user, unit),
            "scales": [(kind, scale) for kind, scale in SCALES.items()],
        },
    )


@login_required
def index_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    form = IndexValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_index(unit, data=form.to_input(), actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã ghi nhận kết quả chỉ số."))
            return redirect("indices:unit", unit.pk)
    return render(request, "indices/index_form.html", {"unit": unit, "form": form, "value": None})


@login_required
def index_edit(request: HttpRequest, value_id: int) -> HttpResponse:
    value = get_object_or_404(index_values_visible_to(request.user), pk=value_id)
    initial = {
        "kind": value.kind,
        "year": value.year,
        "value": value.value,
        "rank": value.rank,
        "rank_of": value.rank_of,
        "source": value.source,
    }
    form = IndexValueForm(request.POST or None, initial=initial, locked=True)
    if request.method == "POST" and form.is_valid():
        try:
            record_index(value.unit, data=form.to_input(), actor=request.user)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã cập nhật kết quả chỉ số."))
            return redirect("indices:unit", value.unit_id)
    return render(request, "indices/index_form.html", {"unit": value.unit, "form": form, "value": value})


@login_required
def index_import(request: HttpRequest) -> HttpResponse:
    form = IndexImportForm(request.POST or None, request.FILES or None)
    errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_indices(
                form.cleaned_data["file"].read(), era=form.cleaned_data["era"], actor=request.user
            )
        except IndexImportFailed as exc:
            form.add_error(None, exc.message)
            errors = exc.errors
        else:
            messages.success(
                request,
                _("Đã nhập %(created)s kết quả mới, cập nhật %(updated)s kết quả.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("indices:import")
    return render(request, "indices/index_import.html", {"form": form, "errors": errors})
