"""The satisfaction figures a report shows: the SIPAS index of the responses in its window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from loa.scoring.sipas import ELEMENT_LABELS, KIND_LABELS, Element

from .models import Survey
from .queries import index_of, pooled_rule, responses_between


def sipas_for_period(unit_ids: Iterable[int] | None, start: dt.date, end: dt.date) -> dict[str, Any] | None:
    """The index of responses submitted from `start` to `end` (inclusive, Vietnam dates) to
    surveys of the given units (None: every unit); None when there were none.

    JSON-able: {"overall": 87.5, "elements": [{"element", "label", "index"}], "responses": 12,
    "answers": 120, "rule": "top_2_box", "rule_label": "…"}; an element nobody answered has
    index None.
    """
    zone = timezone.get_default_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    ids = None if unit_ids is None else list(unit_ids)
    responses = responses_between(ids, since, until)
    surveys = list(Survey.objects.filter(pk__in=responses.values("survey_id")))
    if not surveys:
        return None
    found = index_of(responses, pooled_rule(surveys))
    return {
        "overall": found.result.overall,
        "elements": [
            {"element": e.value, "label": ELEMENT_LABELS[e], "index": found.result.per_element.get(e)}
            for e in Element
        ],
        "responses": found.responses,
        "answers": found.result.answered,
        "rule": found.rule.kind.value,
        "rule_label": KIND_LABELS[found.rule.kind],
    }
