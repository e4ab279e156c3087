"""Survey services and queries against the database: template, index, one answer per person, roll-up."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from loa.accounts.choices import Role
from loa.audit.models import ChangeLogEntry, Verb
from loa.scoring.sipas import TEMPLATE, AggregationKind, Element
from loa.surveys.choices import SurveyStatus
from loa.surveys.errors import AlreadyAnswered, IncompleteAnswers, SurveyNotOpen, SurveyRefused, TokenRefused
from loa.surveys.figures import sipas_for_period
from loa.surveys.models import Answer, Response, Survey, SurveyToken
from loa.surveys.queries import rollup_for, survey_index_for, survey_result
from loa.surveys.services import (
    SurveyInput,
    close_survey,
    create_survey_from_template,
    generate_tokens,
    submit_response,
    update_survey,
)
from tests.accounts.conftest import Tree

from . import answer_all, editor_of, open_survey_of

pytestmark = pytest.mark.django_db

# 10 questions, two per element in order: access, procedure, official, result, feedback.
MIXED = [5, 4, 3, 2, 5, 5, 1, 1, 4, 3]


def state() -> dict[str, Any]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in (Survey, Response, Answer, SurveyToken)
    }


def test_create_from_template_copies_the_questions_grouped_by_element(tree: Tree) -> None:
    # given
    actor = editor_of(tree.commune)
    today = timezone.localdate()
    # when
    survey = create_survey_from_template(
        tree.commune,
        title="Khảo sát quý I",
        opens_on=today,
        closes_on=today + dt.timedelta(days=10),
        actor=actor,
    )
    # then
    questions = list(survey.questions.order_by("position"))
    assert [(q.element, q.text) for q in questions] == [(t.element.value, t.text) for t in TEMPLATE]
    assert [q.position for q in questions] == list(range(1, 11))
    assert survey.status == SurveyStatus.DRAFT
    assert survey.aggregation == {"kind": "top_2_box"}
    assert ChangeLogEntry.objects.filter(verb=Verb.SURVEY_CREATED, target_id=survey.pk).count() == 1


@pytest.mark.parametrize(("role", "allowed"), [(Role.EDITOR, True), (Role.ADMIN, True), (Role.VIEWER, False)])
def test_only_editors_create_surveys(tree: Tree, role: Role, allowed: bool) -> None:
    actor = editor_of(tree.province, role)
    today = timezone.localdate()
    with nullcontext() if allowed else pytest.raises(PermissionDenied):
        create_survey_from_template(tree.commune, title="K", opens_on=today, closes_on=today, actor=actor)
    assert Survey.objects.exists() is allowed


def test_foreign_staff_cannot_create(tree: Tree) -> None:
    with pytest.raises(PermissionDenied):
        create_survey_from_template(
            tree.commune,
            title="K",
            opens_on=dt.date(2025, 1, 1),
            closes_on=dt.date(2025, 2, 1),
            actor=editor_of(tree.sibling),
        )
    assert not Survey.objects.exists()


def test_wording_is_editable_only_while_draft(tree: Tree) -> None:
    actor = editor_of(tree.commune)
    today = timezone.localdate()
    survey = create_survey_from_template(
        tree.commune, title="K", opens_on=today, closes_on=today, actor=actor
    )
    first = survey.questions.order_by("position").first()
    assert first is not None
    data = SurveyInput(title="Khảo sát mới", opens_on=today, closes_on=today, aggregation_kind="mean_score")
    update_survey(survey, data=data, questions={first.pk: "Cán bộ tiếp đón niềm nở"}, actor=actor)
    first.refresh_from_db()
    survey.refresh_from_db()
    assert first.text == "Cán bộ tiếp đón niềm nở"
    assert survey.title == "Khảo sát mới"
    assert survey.aggregation == {"kind": "mean_score"}
    survey = open_survey_of(tree.commune, actor)
    other = survey.questions.order_by("position").first()
    assert other is not None
    before = state()
    with pytest.raises(SurveyRefused):
        update_survey(survey, data=data, questions={other.pk: "Khác"}, actor=actor)
    assert state() == before


def test_index_matches_hand_computed_top_2_box(tree: Tree) -> None:
    # given: two responses on the ten questions
    survey = open_survey_of(tree.commune)
    answer_all(survey, MIXED, device="a")
    answer_all(survey, 5, device="b")
    # when
    found = survey_result(survey)
    # then: access 5,4,5,5 → 100; procedure 3,2,5,5 → 50; official 5,5,5,5 → 100;
    # result 1,1,5,5 → 50; feedback 4,3,5,5 → 75; overall (100+50+100+50+75)/5 = 75
    assert found.responses == 2
    assert found.result.answered == 20
    assert found.result.per_element == {
        Element.ACCESS: 100.0,
        Element.PROCEDURE: 50.0,
        Element.OFFICIAL: 100.0,
        Element.RESULT: 50.0,
        Element.FEEDBACK: 75.0,
    }
    assert found.result.overall == 75.0


def test_an_alternative_rule_applies_the_mean_score(tree: Tree) -> None:
    survey = open_survey_of(tree.commune)
    answer_all(survey, MIXED, device="a")
    Survey.objects.filter(pk=survey.pk).update(aggregation={"kind": AggregationKind.MEAN_SCORE.value})
    survey.refresh_from_db()
    found = survey_result(survey)
    # access (5+4)/2 = 4.5 → 87.5; procedure 2.5 → 37.5; official 5 → 100; result 1 → 0; feedback 3.5 → 62.5
    assert found.result.per_element[Element.ACCESS] == 87.5
    assert found.result.per_element[Element.RESULT] == 0.0
    assert found.result.overall == 57.5


def test_a_device_answers_once(tree: Tree) -> None:
    survey = open_survey_of(tree.commune)
    answer_all(survey, 5, device="may-1")
    before = state()
    with pytest.raises(AlreadyAnswered, match="chỉ gửi một lần"):
        answer_all(survey, 1, device="may-1")
    assert state() == before
    answer_all(survey, 1, device="may-2")
    assert survey_result(survey).result.overall == 50.0


def test_a_token_answers_once_and_only_for_its_survey(tree: Tree) -> None:
    actor = editor_of(tree.commune)
    survey = open_survey_of(tree.commune, actor)
    other = open_survey_of(tree.commune, actor, title="Khác")
    first, second = generate_tokens(survey, count=2, actor=actor)
    answer_all(survey, 4, token=first.code)
    first.refresh_from_db()
    assert first.used_at is not None
    before = state()
    with pytest.raises(AlreadyAnswered, match="đã được dùng"):
        answer_all(survey, 4, token=first.code)
    with pytest.raises(TokenRefused):
        answer_all(other, 4, token=second.code)
    assert state() == before
    # the same desk tablet (one device) may take many responses, one per token
    answer_all(survey, 2, token=second.code)
    assert Response.objects.filter(survey=survey).count() == 2


def test_closed_or_unfinished_answers_are_refused(tree: Tree) -> None:
    actor = editor_of(tree.commune)
    survey = open_survey_of(tree.commune, actor)
    questions = list(survey.questions.values_list("pk", flat=True))
    with pytest.raises(IncompleteAnswers):
        answer_all(survey, [5] * 9 + [6], device="a")
    with pytest.raises(IncompleteAnswers):
        submit_response(survey, scores={questions[0]: 5}, device_key="a")
    close_survey(survey, actor=actor)
    before = state()
    with pytest.raises(SurveyNotOpen):
        answer_all(survey, 5, device="a")
    assert state() == before


def test_survey_index_rolls_up_over_communes(tree: Tree) -> None:
    # given: two communes of the province answered, the other province's commune too
    year = timezone.localdate().year
    answer_all(open_survey_of(tree.commune), 5, device="a")
    answer_all(open_survey_of(tree.sibling), 1, device="b")
    answer_all(open_survey_of(tree.other_commune), 5, device="c")
    # when
    province = survey_index_for(tree.province, year)
    rows = rollup_for(tree.province, year)
    # then: pooled over the province's two communes, 10 answers of 5 and 10 of 1 → 50 %
    assert province is not None
    assert province.responses == 2
    assert province.result.overall == 50.0
    by_name = {unit.name: found.result.overall if found else None for unit, found in rows}
    assert by_name == {"Phường Trung Tâm": 100.0, "Xã Bên Cạnh": 0.0}
    assert survey_index_for(tree.commune, year - 1) is None


def test_sipas_for_period_counts_the_window(tree: Tree) -> None:
    survey = open_survey_of(tree.commune)
    answer_all(survey, 5, device="a")
    answer_all(survey, MIXED, device="b")
    today = timezone.localdate()
    figures = sipas_for_period([tree.commune.pk], today, today)
    assert figures is not None
    assert figures["responses"] == 2
    assert figures["answers"] == 20
    assert figures["overall"] == 75.0
    assert figures["rule"] == "top_2_box"
    assert [e["index"] for e in figures["elements"]] == [100.0, 50.0, 100.0, 50.0, 75.0]
    assert (
        sipas_for_period([tree.commune.pk], today + dt.timedelta(days=1), today + dt.timedelta(days=5))
        is None
    )
    assert sipas_for_period([tree.sibling.pk], today, today) is None
    assert sipas_for_period(None, today, today) == figures
