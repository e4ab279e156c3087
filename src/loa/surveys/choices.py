"""Choices of the survey models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from loa.scoring.sipas import ELEMENT_LABELS, Element


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã kết thúc")


class RespondentGroup(models.TextChoices):
    CITIZEN = "nguoi_dan", _("Người dân")
    BUSINESS = "doanh_nghiep", _("Doanh nghiệp")
    ORGANISATION = "to_chuc", _("Tổ chức khác")


class ElementChoice(models.TextChoices):
    """The SIPAS elements (loa.scoring.sipas.Element) with their Vietnamese names."""

    ACCESS = Element.ACCESS.value, ELEMENT_LABELS[Element.ACCESS]
    PROCEDURE = Element.PROCEDURE.value, ELEMENT_LABELS[Element.PROCEDURE]
    OFFICIAL = Element.OFFICIAL.value, ELEMENT_LABELS[Element.OFFICIAL]
    RESULT = Element.RESULT.value, ELEMENT_LABELS[Element.RESULT]
    FEEDBACK = Element.FEEDBACK.value, ELEMENT_LABELS[Element.FEEDBACK]
