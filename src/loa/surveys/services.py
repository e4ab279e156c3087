"""Every write to surveys: create from the SIPAS template, edit, open, close, tokens, answers.

Each public function is one transaction. Staff changes check `can_manage_surveys` first and
write the change log; a citizen's answers (`submit_response`) need no sign-in and are not
logged, since they carry no name. A refusal raises a DomainError and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loa.accounts.permissions import ensure
from loa.audit.models import Verb
from loa.audit.services import record_change, snapshot
from loa.scoring.sipas import TEMPLATE, AggregationKind, parse_aggregation
from loa.units.models import Unit

from .choices import RespondentGroup, SurveyStatus
from .errors import AlreadyAnswered, IncompleteAnswers, SurveyNotOpen, SurveyRefused, TokenRefused
from .models import Answer, Response, Survey, SurveyQuestion, SurveyToken
from .permissions import can_manage_surveys

MAX_TOKENS_PER_BATCH = 500
TOKEN_BYTES = 12  # 16 URL-safe characters: unguessable, short enough to type from paper


def is_accepting(survey: Survey, *, today: dt.date | None = None) -> bool:
    """True while the survey is open and today is inside its period."""
    today = today or timezone.localdate()
    return survey.status == SurveyStatus.OPEN and survey.opens_on <= today <= survey.closes_on


def _check_dates(opens_on: dt.date, closes_on: dt.date) -> None:
    if closes_on < opens_on:
        raise SurveyRefused(_("Ngày kết thúc không được trước ngày bắt đầu."))


@transaction.atomic
def create_survey_from_template(
    unit: Unit, *, title: str, opens_on: dt.date, closes_on: dt.date, actor: Any
) -> Survey:
    """A draft survey of `unit` with the standard SIPAS questions, grouped by element."""
    ensure(can_manage_surveys(actor, unit))
    _check_dates(opens_on, closes_on)
    survey = Survey.objects.create(
        unit=unit, title=title.strip(), opens_on=opens_on, closes_on=closes_on, created_by=actor
    )
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(survey=survey, element=question.element.value, position=position, text=question.text)
        for position, question in enumerate(TEMPLATE, start=1)
    )
    record_change(actor=actor, unit=unit, verb=Verb.SURVEY_CREATED, target=survey, summary=survey.title)
    return survey


@dataclass
class SurveyInput:
    title: str
    opens_on: dt.date
    closes_on: dt.date
    aggregation_kind: str = AggregationKind.TOP_2_BOX.value


def _locked(survey: Survey, actor: Any) -> Survey:
    survey = Survey.objects.select_for_update().select_related("unit").get(pk=survey.pk)
    ensure(can_manage_surveys(actor, survey.unit))
    return survey


@transaction.atomic
def update_survey(
    survey: Survey, *, data: SurveyInput, questions: Mapping[int, str] | None = None, actor: Any
) -> Survey:
    """Change the title, period and formula; the wording of questions (by id) only while a draft."""
    survey = _locked(survey, actor)
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyRefused(_("Phiếu khảo sát đã kết thúc, không sửa được."))
    _check_dates(data.opens_on, data.closes_on)
    rule = dict(survey.aggregation or {})
    rule["kind"] = data.aggregation_kind
    parse_aggregation(rule)  # a bad kind is a programming error of the caller: the form offers choices
    before = snapshot(survey)
    survey.title, survey.opens_on, survey.closes_on = data.title.strip(), data.opens_on, data.closes_on
    survey.aggregation = rule
    survey.save(update_fields=["title", "opens_on", "closes_on", "aggregation", "updated_at"])
    changed = {}
    if questions:
        current = {q.pk: q for q in survey.questions.all()}
        changed = {
            pk: text.strip()
            for pk, text in questions.items()
            if pk in current and current[pk].text != text.strip()
        }
        if changed and survey.status != SurveyStatus.DRAFT:
            raise SurveyRefused(_("Chỉ sửa được câu hỏi khi phiếu còn là dự thảo."))
        for pk, text in changed.items():
            if not text:
                raise SurveyRefused(_("Câu hỏi không được để trống."))
            current[pk].text = text
            current[pk].save(update_fields=["text"])
    after = snapshot(survey) | {"questions_changed": sorted(changed)}
    record_change(
        actor=actor,
        unit=survey.unit,
        verb=Verb.SURVEY_UPDATED,
        target=survey,
        summary=survey.title,
        before=before,
        after=after,
    )
    return survey


def _set_status(
    survey: Survey, status: SurveyStatus, allowed_from: set[str], message: str, actor: Any
) -> Survey:
    survey = _locked(survey, actor)
    if survey.status not in allowed_from:
        raise SurveyRefused(message)
    before = survey.status
    survey.status = status
    survey.save(update_fields=["status", "updated_at"])
    record_change(
        actor=actor,
        unit=survey.unit,
        verb=Verb.SURVEY_UPDATED,
        target=survey,
        summary=f"{survey.title}: {survey.get_status_display()}",
        before={"status": before},
        after={"status": status.value},
    )
    return survey


@transaction.atomic
def open_survey(survey: Survey, *, actor: Any) -> Survey:
    """Start (or resume) taking answers; they are taken only inside the survey's period."""
    return _set_status(
        survey,
        SurveyStatus.OPEN,
        {SurveyStatus.DRAFT, SurveyStatus.CLOSED},
        _("Phiếu khảo sát đang lấy ý kiến."),
        actor,
    )


@transaction.atomic
def close_survey(survey: Survey, *, actor: Any) -> Survey:
    """Stop taking answers; the results stay published."""
    return _set_status(
        survey, SurveyStatus.CLOSED, {SurveyStatus.OPEN}, _("Chỉ kết thúc được phiếu đang lấy ý kiến."), actor
    )


@transaction.atomic
def generate_tokens(survey: Survey, *, count: int, actor: Any) -> list[SurveyToken]:
    """`count` new single-use codes for the survey (at most 500 at a time)."""
    survey = _locked(survey, actor)
    if not 1 <= count <= MAX_TOKENS_PER_BATCH:
        raise SurveyRefused(_("Số mã phải từ 1 đến %(max)d.") % {"max": MAX_TOKENS_PER_BATCH})
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyRefused(_("Phiếu khảo sát đã kết thúc, không tạo thêm mã."))
    tokens = SurveyToken.objects.bulk_create(
        SurveyToken(survey=survey, code=secrets.token_urlsafe(TOKEN_BYTES)) for _i in range(count)
    )
    record_change(
        actor=actor,
        unit=survey.unit,
        verb=Verb.SURVEY_UPDATED,
        target=survey,
        summary=_("%(title)s: tạo %(n)d mã trả lời") % {"title": survey.title, "n": count},
    )
    return tokens


def new_device_key() -> str:
    """A random key identifying one browser, kept in a signed cookie."""
    return secrets.token_urlsafe(24)


@transaction.atomic
def submit_response(
    survey: Survey,
    *,
    scores: Mapping[int, int],
    token_code: str = "",
    device_key: str = "",
    group: str = "",
) -> Response:
    """Record one person's answers: every question of the survey scored 1–5.

    With a token the token is used up (a desk tablet may then take many responses);
    without one the device key may answer once. A second answer is refused, unchanged.
    """
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not is_accepting(survey):
        raise SurveyNotOpen(_("Phiếu khảo sát này hiện không nhận ý kiến."))
    questions = set(survey.questions.values_list("pk", flat=True))
    if set(scores) != questions or any(score not in range(1, 6) for score in scores.values()):
        raise IncompleteAnswers(_("Xin chọn mức hài lòng cho tất cả các câu hỏi."))
    if group not in RespondentGroup.values:
        group = ""
    token: SurveyToken | None = None
    if token_code:
        token = SurveyToken.objects.select_for_update().filter(survey=survey, code=token_code).first()
        if token is None:
            raise TokenRefused(_("Mã khảo sát không đúng hoặc không thuộc phiếu này."))
        if token.used_at is not None:
            raise AlreadyAnswered(_("Mã khảo sát này đã được dùng. Mỗi mã chỉ dùng được một lần."))
        device_key = ""
    elif not device_key:
        raise TokenRefused(_("Không nhận diện được thiết bị: xin bật cookie hoặc dùng mã khảo sát."))
    elif survey.responses.filter(device_key=device_key).exists():
        raise AlreadyAnswered(
            _("Bạn đã gửi ý kiến cho phiếu khảo sát này. Mỗi người chỉ gửi một lần, xin cảm ơn.")
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            response = Response.objects.create(
                survey=survey, token=token, device_key=device_key, respondent_group=group, submitted_at=now
            )
    except IntegrityError:
        raise AlreadyAnswered(
            _("Bạn đã gửi ý kiến cho phiếu khảo sát này. Mỗi người chỉ gửi một lần, xin cảm ơn.")
        ) from None
    Answer.objects.bulk_create(
        Answer(response=response, question_id=question_id, score=score)
        for question_id, score in scores.items()
    )
    if token is not None:
        token.used_at = now
        token.save(update_fields=["used_at"])
    return response
