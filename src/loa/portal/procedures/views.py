"""Citizens' pages of a unit's administrative procedures: the list with search, one procedure.

No sign-in, no JavaScript, a fixed number of queries whatever the list's length.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control

from loa.procedures.queries import procedure_fields_for, procedure_list_for, procedures_for, search_procedures
from loa.units.models import Unit

PAGE_SIZE = 30
LIST_COLUMNS = ("unit_id", "code", "name", "field", "processing_time", "online_level", "posted_at_desk")


@cache_control(public=True, max_age=300)
def procedure_list(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    query = request.GET.get("q", "").strip()[:100]
    field = request.GET.get("linh-vuc", "").strip()[:200]
    procedures = search_procedures(procedures_for(unit), query).only(*LIST_COLUMNS)
    if field:
        procedures = procedures.filter(field=field)
    page = Paginator(procedures, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/procedures/list.html",
        {
            "unit": unit,
            "page": page,
            "query": query,
            "field": field,
            "fields": procedure_fields_for(unit),
            "procedure_list": procedure_list_for(unit),
        },
    )


@cache_control(public=True, max_age=300)
def procedure_detail(request: HttpRequest, unit_id: int, procedure_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    procedure = get_object_or_404(procedures_for(unit), pk=procedure_id)
    return render(
        request,
        "portal/procedures/detail.html",
        {"unit": unit, "procedure": procedure, "procedure_list": procedure_list_for(unit)},
    )
