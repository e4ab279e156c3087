"""Home, unit pages and the change log."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from loa.accounts.models import Membership
from loa.accounts.permissions import (
    Capability,
    can_edit_plans,
    can_log_activity,
    can_manage_unit,
    unit_ids_with,
)
from loa.accounts.queries import units_visible_to
from loa.activities.reminders import occurrences_to_remind
from loa.activities.scheduling import today
from loa.audit.models import ChangeLogEntry
from loa.plans.models import Occurrence
from loa.plans.queries import plans_visible_to
from loa.reports.reminders import owed_reports
from loa.units.models import Unit
from loa.units.queries import subtree_ids

REMINDERS_ON_HOME = 30


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The user's units, what is due or overdue there, and the latest plans they can see."""
    memberships = list(
        Membership.objects.filter(user_id=request.user.pk or 0)
        .select_related("unit", "unit__parent", "unit__parent__parent")
        .order_by("unit__name")
    )
    loggable = unit_ids_with(request.user, Capability.LOG_ACTIVITY)
    own_units = [m.unit_id for m in memberships if loggable is None or m.unit_id in loggable]
    day = today()
    reminders = occurrences_to_remind(own_units, on=day) if own_units else Occurrence.objects.none()
    # What can still be done on time first; then what is overdue, the most recent first.
    due_soon = list(reminders.filter(due_date__gte=day)[:REMINDERS_ON_HOME])
    overdue = list(
        reminders.filter(due_date__lt=day).order_by("-due_date", "task__position")[:REMINDERS_ON_HOME]
    )
    reporting = unit_ids_with(request.user, Capability.REPORT)
    report_units = [m.unit for m in memberships if reporting is None or m.unit_id in reporting]
    owed = owed_reports(report_units, on=day)
    plans = plans_visible_to(request.user).order_by("-year", "-pk")[:20]
    return render(
        request,
        "web/home.html",
        {
            "memberships": memberships,
            "plans": plans,
            "due_soon": due_soon,
            "overdue": overdue,
            "today": day,
            "owed": owed,
            "several_units": len(own_units) > 1,
        },
    )


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user).select_related("parent"), pk=unit_id)
    children = unit.children.order_by("name")
    plans = plans_visible_to(request.user).filter(unit=unit).order_by("-year")
    agencies = unit.agencies.order_by("name")
    return render(
        request,
        "web/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "plans": plans,
            "agencies": agencies,
            "can_edit": can_edit_plans(request.user, unit),
            "can_log": can_log_activity(request.user, unit),
            "can_manage": can_manage_unit(request.user, unit),
        },
    )


@login_required
def change_log(request: HttpRequest, unit_id: int) -> HttpResponse:
    """Every change made in the unit and the units below it; for the unit's admins only."""
    unit: Unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    if not can_manage_unit(request.user, unit):
        raise PermissionDenied
    entries = (
        ChangeLogEntry.objects.filter(unit_id__in=subtree_ids(unit))
        .select_related("actor", "unit")
        .order_by("-at", "-pk")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    return render(request, "web/change_log.html", {"unit": unit, "page": page})
