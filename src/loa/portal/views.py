"""Citizens' pages of a unit: its issued plans and their progress, the communication
calendar, the radio-column archive and its contact points. No sign-in; only what a
unit publishes (issued plans, activities, public contacts) is shown, never staff data."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import cache_control

from loa.activities.models import Activity
from loa.indices.queries import index_series_for
from loa.plans.choices import Channel, OccurrenceStatus, PlanStatus
from loa.plans.models import Occurrence, Plan
from loa.text.folding import fold
from loa.units.choices import Era, Level
from loa.units.models import Unit

PUBLIC_PLAN_STATUSES = (PlanStatus.ISSUED, PlanStatus.CLOSED)
RADIO_CHANNELS = (Channel.RADIO, Channel.MOBILE_LOUDSPEAKER)


@cache_control(public=True, max_age=300)
def portal_home(request: HttpRequest) -> HttpResponse:
    """Find one's commune or province by name, without diacritics if one likes."""
    query = request.GET.get("q", "").strip()[:100]
    units: list[Unit] = []
    if len(query) >= 2:
        units = list(
            Unit.objects.filter(era=Era.CURRENT, folded_name__contains=fold(query))
            .exclude(level=Level.NATIONAL)
            .select_related("parent")
            .order_by("level", "name")[:30]
        )
    return render(request, "portal/home.html", {"query": query, "units": units})


@cache_control(public=True, max_age=120)
def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    today = timezone.localdate()
    plans = list(
        Plan.objects.filter(unit=unit, status__in=PUBLIC_PLAN_STATUSES)
        .annotate(
            due=Count("tasks__occurrences", filter=Q(tasks__occurrences__due_date__lte=today)),
            met=Count(
                "tasks__occurrences",
                filter=Q(
                    tasks__occurrences__due_date__lte=today,
                    tasks__occurrences__status__in=[OccurrenceStatus.DONE, OccurrenceStatus.LATE],
                ),
            ),
        )
        .order_by("-year", "-issue_date")[:5]
    )
    calendar = list(
        Occurrence.objects.filter(
            task__plan__unit=unit,
            task__plan__status=PlanStatus.ISSUED,
            due_date__gte=today,
            due_date__lte=today + dt.timedelta(days=45),
        )
        .select_related("task")
        .order_by("due_date", "task__position")[:20]
    )
    radio = list(
        Activity.objects.filter(unit=unit, channel__in=RADIO_CHANNELS).order_by("-happened_on", "-pk")[:12]
    )
    return render(
        request,
        "portal/unit.html",
        {
            "unit": unit,
            "plans": plans,
            "calendar": calendar,
            "radio": radio,
            "contacts": unit.contact_points.filter(public=True).order_by("position", "pk"),
            "today": today,
            "indices": index_series_for(unit),
        },
    )
