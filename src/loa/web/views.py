"""Home and unit pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from loa.accounts.queries import units_visible_to
from loa.plans.queries import plans_visible_to


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's units (where they hold a role) and the latest plans they can see."""
    memberships = request.user.memberships.select_related("unit", "unit__parent").order_by("unit__name")  # type: ignore[union-attr]
    plans = plans_visible_to(request.user).order_by("-year", "-pk")[:20]
    return render(request, "web/home.html", {"memberships": memberships, "plans": plans})


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user).select_related("parent"), pk=unit_id)
    children = unit.children.order_by("name")
    plans = plans_visible_to(request.user).filter(unit=unit).order_by("-year")
    agencies = unit.agencies.order_by("name")
    return render(
        request,
        "web/unit_detail.html",
        {"unit": unit, "children": children, "plans": plans, "agencies": agencies},
    )
