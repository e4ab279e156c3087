"""Dashboards: a unit's year in figures and charts, rolled up over the units below it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from loa.accounts.permissions import can_view_unit
from loa.accounts.queries import units_visible_to
from loa.activities.figures import Figures, RankingRow, figures_for, ranking
from loa.plans.choices import Channel
from loa.render.charts import Series, bar_chart, hbar_chart
from loa.units.choices import Level
from loa.units.models import Unit
from loa.units.queries import era_for_plan_year, subtree_ids

MONTHS = [f"T{m}" for m in range(1, 13)]
RANKING_CHART_ROWS = 25
# Palette positions of charts.css: bluish green = done, orange = late, vermilion = missed.
DONE_COLOUR, LATE_COLOUR, MISSED_COLOUR = 2, 1, 3


def _charts(figures: Figures, rows: list[RankingRow]) -> dict[str, SafeString]:
    # The chart module escapes every text it writes, so its SVG is safe to embed.
    statuses = figures.statuses_by_month
    charts = {
        "statuses": bar_chart(
            MONTHS,
            [
                Series(_("Hoàn thành"), [s.done for s in statuses], palette=DONE_COLOUR),
                Series(_("Hoàn thành chậm"), [s.late for s in statuses], palette=LATE_COLOUR),
                Series(_("Không thực hiện"), [s.missed for s in statuses], palette=MISSED_COLOUR),
            ],
            title=_("Kỳ thực hiện theo tháng đến hạn"),
            value_label=_("số kỳ"),
            stacked=True,
            index=1,
        ),
        "activities": bar_chart(
            MONTHS,
            [Series(_("Hoạt động"), [m.activities for m in figures.activities_by_month])],
            title=_("Hoạt động theo tháng"),
            value_label=_("số hoạt động"),
            index=2,
        ),
        "minutes": bar_chart(
            MONTHS,
            [Series(_("Phút phát thanh"), [float(m.minutes) for m in figures.activities_by_month])],
            title=_("Thời lượng phát thanh, truyền thanh theo tháng (phút)"),
            value_label=_("phút"),
            index=3,
        ),
        "channels": hbar_chart(
            [(str(Channel(value).label), count) for value, count in figures.activities_by_channel],
            title=_("Hoạt động theo hình thức"),
            value_label=_("số hoạt động"),
            index=4,
        ),
    }
    ranked = [row for row in rows if row.completion_rate is not None][:RANKING_CHART_ROWS]
    if ranked:
        charts["ranking"] = hbar_chart(
            [(row.unit.name, row.completion_rate or 0.0) for row in ranked],
            title=_("Tỉ lệ hoàn thành của các đơn vị trực thuộc (thấp nhất trước)"),
            percent=True,
            index=5,
        )
    return {name: mark_safe(svg) for name, svg in charts.items()}


def _children_for(unit: Unit, year: int) -> list[Unit]:
    children = unit.children.order_by("name")
    if unit.level == Level.NATIONAL:
        children = children.filter(era=era_for_plan_year(year))
    return list(children)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, 1)} %"


@login_required
def unit_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user).select_related("parent"), pk=unit_id)
    today = timezone.localdate()
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else today.year
    unit_ids = None if unit.level == Level.NATIONAL else subtree_ids(unit)
    figures = figures_for(unit_ids, year, today=today)
    children = _children_for(unit, year)
    rows = ranking(unit, children, year, today=today) if children else []
    spend, estimate = figures.totals.spend, figures.estimated_cost
    context: dict[str, Any] = {
        "unit": unit,
        "year": year,
        "years": list(range(today.year, 2020, -1)),
        "figures": figures,
        "completion": _percent(figures.statuses.completion_rate),
        "on_time": _percent(figures.statuses.on_time_rate),
        "spend_share": _percent(float(100 * spend / estimate) if estimate else None),
        "rows": [row for row in rows if row.plans],
        "without_plan": [row.unit for row in rows if not row.plans],
        "charts": _charts(figures, rows),
        "era_mismatch": unit.level != Level.NATIONAL and unit.era != era_for_plan_year(year),
        "predecessors": unit.predecessors.order_by("name") if unit.era == "2025" else Unit.objects.none(),
        "successors": unit.successors.order_by("name") if unit.era != "2025" else Unit.objects.none(),
        "zero": Decimal(0),
    }
    return render(request, "web/dashboard.html", context)


@login_required
def national_dashboard(request: HttpRequest) -> HttpResponse:
    root = Unit.objects.filter(level=Level.NATIONAL).order_by("pk").first()
    if root is None or not can_view_unit(request.user, root):
        raise Http404
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(reverse("web:dashboard", args=[root.pk]) + query)
