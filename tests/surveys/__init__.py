"""Tests of satisfaction surveys: builders that go through the services, as staff and citizens do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from loa.accounts.choices import Role
from loa.surveys.models import Survey
from loa.surveys.services import create_survey_from_template, open_survey, submit_response
from loa.units.models import Unit
from tests.accounts.factories import MembershipFactory


def editor_of(unit: Unit, role: Role = Role.EDITOR) -> Any:
    return MembershipFactory(unit=unit, role=role).user


def open_survey_of(
    unit: Unit, actor: Any | None = None, *, title: str = "Khảo sát sự hài lòng năm nay"
) -> Survey:
    """An open survey of `unit` from the standard template, taking answers today."""
    actor = actor or editor_of(unit)
    today = timezone.localdate()
    survey = create_survey_from_template(
        unit,
        title=title,
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=30),
        actor=actor,
    )
    return open_survey(survey, actor=actor)


def answer_all(
    survey: Survey, score: int | list[int], *, device: str = "", token: str = "", group: str = ""
) -> Any:
    """Submit one response scoring every question `score` (or the scores in question order)."""
    questions = list(survey.questions.order_by("position").values_list("pk", flat=True))
    scores = score if isinstance(score, list) else [score] * len(questions)
    return submit_response(
        survey,
        scores=dict(zip(questions, scores, strict=True)),
        device_key=device,
        token_code=token,
        group=group,
    )
