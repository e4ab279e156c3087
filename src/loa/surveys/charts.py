"""The SIPAS index as a server-side SVG chart (loa.render.charts): one bar per element, then overall."""

from __future__ import annotations

from django.utils.translation import gettext as _

from loa.render.charts import hbar_chart
from loa.scoring.sipas import ELEMENT_LABELS, Element

from .queries import SurveyIndex


def index_chart(found: SurveyIndex, *, title: str, index: int = 0) -> str:
    """Percent bars for every answered element and the overall index; the SVG is escaped."""
    rows = [
        (ELEMENT_LABELS[element], found.result.per_element[element])
        for element in Element
        if element in found.result.per_element
    ]
    rows.append((_("Chỉ số chung"), found.result.overall))
    return hbar_chart(rows, title=title, percent=True, index=index)


def units_chart(rows: list[tuple[str, float]], *, title: str, index: int = 0) -> str:
    """Percent bars of the overall index of several units, in the given order."""
    return hbar_chart(rows, title=title, percent=True, index=index)
