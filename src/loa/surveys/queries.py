"""Reads of surveys: what a user or the public may see, and the SIPAS index of answers.

Indices pool answers per element (one query) and apply a rule of loa.scoring.sipas. A
single survey uses its own rule; answers pooled over several surveys use their common rule,
or, when they differ, the rule of the unit's own latest survey, else the default rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from loa.accounts.permissions import AnyUser, Capability, unit_ids_with
from loa.scoring.sipas import AggregationRule, SipasResult, index, parse_aggregation
from loa.units.models import Unit
from loa.units.queries import subtree_ids

from .choices import SurveyStatus
from .models import Answer, Response, Survey


@dataclass(frozen=True)
class SurveyIndex:
    """The SIPAS index of some responses, how many there were and the rule applied."""

    result: SipasResult
    responses: int
    rule: AggregationRule


def surveys_visible_to(user: AnyUser) -> QuerySet[Survey]:
    """Surveys of the units where `user` may view; everything for a superuser."""
    scope = unit_ids_with(user, Capability.VIEW)
    surveys = Survey.objects.select_related("unit")
    return surveys if scope is None else surveys.filter(unit_id__in=scope)


def public_surveys_for(unit: Unit) -> QuerySet[Survey]:
    """Surveys of `unit` the public may see: open or ended, never drafts."""
    return Survey.objects.filter(unit=unit).exclude(status=SurveyStatus.DRAFT).order_by("-opens_on", "-pk")


def open_surveys_for(unit: Unit, *, today: dt.date | None = None) -> QuerySet[Survey]:
    """Surveys of `unit` taking answers today."""
    today = today or timezone.localdate()
    return public_surveys_for(unit).filter(
        status=SurveyStatus.OPEN, opens_on__lte=today, closes_on__gte=today
    )


def has_answered(survey: Survey, device_key: str) -> bool:
    return bool(device_key) and survey.responses.filter(device_key=device_key).exists()


def _counts(responses: QuerySet[Response]) -> dict[str, dict[int, int]]:
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    rows = (
        Answer.objects.filter(response__in=responses)
        .values_list("question__element", "score")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for element, score, n in rows:
        counts[element][score] = n
    return dict(counts)


def pooled_rule(surveys: Iterable[Survey], unit: Unit | None = None) -> AggregationRule:
    """The rule for answers pooled over `surveys` (see the module docstring)."""
    surveys = list(surveys)
    rules: list[AggregationRule] = []
    for survey in surveys:
        rule = parse_aggregation(survey.aggregation)
        if rule not in rules:
            rules.append(rule)
    if len(rules) == 1:
        return rules[0]
    own = [s for s in surveys if unit is not None and s.unit_id == unit.pk]
    if own:
        latest = max(own, key=lambda s: (s.opens_on, s.pk))
        return parse_aggregation(latest.aggregation)
    return AggregationRule()


def index_of(responses: QuerySet[Response], rule: AggregationRule) -> SurveyIndex:
    return SurveyIndex(result=index(_counts(responses), rule), responses=responses.count(), rule=rule)


def survey_result(survey: Survey) -> SurveyIndex:
    """The index of one survey's answers by its own rule."""
    return index_of(Response.objects.filter(survey=survey), parse_aggregation(survey.aggregation))


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_default_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=zone),
        dt.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def responses_between(
    unit_ids: Iterable[int] | None, start: dt.datetime, end: dt.datetime
) -> QuerySet[Response]:
    """Responses submitted in [start, end) to surveys of the given units (None: every unit)."""
    responses = Response.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    return responses if unit_ids is None else responses.filter(survey__unit_id__in=list(unit_ids))


def survey_index_for(unit: Unit, year: int) -> SurveyIndex | None:
    """The index of every response submitted in `year` to surveys of `unit`'s subtree; None if none."""
    start, end = _year_bounds(year)
    responses = responses_between(subtree_ids(unit), start, end)
    surveys = Survey.objects.filter(pk__in=responses.values("survey_id").distinct())
    if not surveys:
        return None
    return index_of(responses, pooled_rule(surveys, unit))


def rollup_for(unit: Unit, year: int) -> list[tuple[Unit, SurveyIndex | None]]:
    """Each unit directly below `unit` (a province's communes) with its subtree's index in `year`."""
    start, end = _year_bounds(year)
    subtree = subtree_ids(unit)
    parents = dict(Unit.objects.filter(pk__in=subtree).values_list("pk", "parent_id"))
    children = list(unit.children.filter(pk__in=subtree).order_by("name"))
    child_ids = {child.pk for child in children}

    def child_of(unit_id: int) -> int | None:
        node: int | None = unit_id
        while node is not None and node not in child_ids:
            node = parents.get(node)
        return node

    responses = responses_between(subtree, start, end)
    counted = (
        Answer.objects.filter(response__in=responses)
        .values_list("response__survey__unit_id", "question__element", "score")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for unit_id, element, score, n in counted:
        owner = child_of(unit_id)
        if owner is not None:
            counts[owner][element][score] = counts[owner][element].get(score, 0) + n
    respondents: dict[int, int] = defaultdict(int)
    for unit_id, n in responses.values_list("survey__unit_id").annotate(n=Count("pk")).order_by():
        owner = child_of(unit_id)
        if owner is not None:
            respondents[owner] += n
    surveys_by_child: dict[int, list[Survey]] = defaultdict(list)
    for survey in Survey.objects.filter(pk__in=responses.values("survey_id")):
        owner = child_of(survey.unit_id)
        if owner is not None:
            surveys_by_child[owner].append(survey)
    rows: list[tuple[Unit, SurveyIndex | None]] = []
    for sub in children:
        if not respondents.get(sub.pk):
            rows.append((sub, None))
            continue
        rule = pooled_rule(surveys_by_child[sub.pk], sub)
        result = index({k: dict(v) for k, v in counts[sub.pk].items()}, rule)
        rows.append((sub, SurveyIndex(result=result, responses=respondents[sub.pk], rule=rule)))
    return rows


def respondent_groups(survey: Survey) -> dict[str, Any]:
    """How many responses each respondent group gave (blank: not stated)."""
    return dict(survey.responses.values_list("respondent_group").annotate(n=Count("pk")).order_by())
