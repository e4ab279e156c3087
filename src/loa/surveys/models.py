"""Satisfaction surveys in the SIPAS style: a unit's questionnaire, its answers and access tokens.

A survey is copied from the standard SIPAS questionnaire (loa.scoring.sipas.TEMPLATE) and may
be reworded while it is a draft. Each response is one person's answers; a person answers once
per survey, identified by a single-use token (printed at the one-stop desk) or, without one,
by a random device key kept in a signed cookie. The database enforces both (unique
constraints), and the aggregation rule is data of the survey (loa.scoring.sipas).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loa.scoring.sipas import DEFAULT_AGGREGATION
from loa.units.models import Unit

from .choices import ElementChoice, RespondentGroup, SurveyStatus


def default_aggregation() -> dict[str, object]:
    return dict(DEFAULT_AGGREGATION)


class Survey(models.Model):
    """Phiếu khảo sát sự hài lòng of one unit for one period (opens_on … closes_on)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("đơn vị"))
    title = models.CharField(_("tên phiếu khảo sát"), max_length=300)
    opens_on = models.DateField(_("bắt đầu lấy ý kiến"))
    closes_on = models.DateField(_("kết thúc lấy ý kiến"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    aggregation = models.JSONField(
        _("cách tính chỉ số"),
        default=default_aggregation,
        help_text=_('Ví dụ {"kind": "top_2_box"} (tỉ lệ hài lòng và rất hài lòng).'),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người tạo"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phiếu khảo sát sự hài lòng")
        verbose_name_plural = _("phiếu khảo sát sự hài lòng")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    """One satisfaction question of a survey, about one SIPAS element, answered on the 1–5 scale."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("phiếu")
    )
    element = models.CharField(_("yếu tố"), max_length=12, choices=ElementChoice.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.CharField(_("nội dung câu hỏi"), max_length=500)

    class Meta:
        verbose_name = _("câu hỏi khảo sát")
        verbose_name_plural = _("câu hỏi khảo sát")
        ordering = ["survey_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="survey_question_unique_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class SurveyToken(models.Model):
    """A single-use code to answer a survey, e.g. printed as a QR code at the one-stop desk."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="tokens", verbose_name=_("phiếu")
    )
    code = models.CharField(_("mã"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    used_at = models.DateTimeField(_("dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã trả lời khảo sát")
        verbose_name_plural = _("mã trả lời khảo sát")
        ordering = ["survey_id", "pk"]

    def __str__(self) -> str:
        return self.code


class Response(models.Model):
    """One person's answers to a survey: by a token, or else by a device key (never both)."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("phiếu")
    )
    token = models.OneToOneField(
        SurveyToken,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("mã"),
    )
    device_key = models.CharField(_("khóa thiết bị"), max_length=64, blank=True)
    respondent_group = models.CharField(
        _("đối tượng"), max_length=16, choices=RespondentGroup.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("gửi lúc"))

    class Meta:
        verbose_name = _("ý kiến trả lời")
        verbose_name_plural = _("ý kiến trả lời")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["survey", "submitted_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "device_key"],
                condition=~Q(device_key=""),
                name="survey_response_one_per_device",
            ),
            models.CheckConstraint(
                condition=Q(token__isnull=True) & ~Q(device_key="") | Q(token__isnull=False, device_key=""),
                name="survey_response_token_or_device",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} — {self.submitted_at:%d/%m/%Y %H:%M}"


class Answer(models.Model):
    """The score (1–5) one response gave one question."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("ý kiến")
    )
    question = models.ForeignKey(
        SurveyQuestion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("câu hỏi")
    )
    score = models.PositiveSmallIntegerField(
        _("mức hài lòng"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("câu trả lời")
        verbose_name_plural = _("câu trả lời")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="survey_answer_unique_per_question"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="survey_answer_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.score}"
