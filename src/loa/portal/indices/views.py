"""The public page of a unit's assessment indices: each index's results over the years."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from loa.indices.queries import IndexSeries, index_series_for
from loa.render.charts import Series, bar_chart
from loa.units.models import Unit


@dataclass(frozen=True)
class Trend:
    series: IndexSeries
    chart: SafeString


def _chart(series: IndexSeries, index: int) -> SafeString:
    label = str(series.kind.label)
    unit = str(series.scale.unit)
    svg = bar_chart(
        [str(v.year) for v in series.values],
        [Series(label, [float(v.value) for v in series.values])],
        title=_("%(index)s qua các năm") % {"index": label},
        value_label=unit or _("giá trị"),
        index=index,
    )
    # The chart module escapes every text it writes, so its SVG is safe to embed.
    return mark_safe(svg)


@cache_control(public=True, max_age=300)
def unit_indices(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    trends = [Trend(series, _chart(series, i)) for i, series in enumerate(index_series_for(unit), start=1)]
    return render(request, "portal/indices/unit_indices.html", {"unit": unit, "trends": trends})
