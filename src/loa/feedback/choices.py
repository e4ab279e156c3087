"""Choices of citizens' feedback (phản ánh, kiến nghị) and questions (Dân hỏi – Thủ trưởng trả lời)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FEEDBACK = "feedback", _("Phản ánh, kiến nghị")
    QUESTION = "question", _("Câu hỏi gửi thủ trưởng")


class Topic(models.TextChoices):
    PROCEDURE = "procedure", _("Thủ tục hành chính")
    ATTITUDE = "attitude", _("Thái độ, tác phong của cán bộ, công chức")
    COMMUNICATION = "communication", _("Công tác thông tin, tuyên truyền")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    ASSIGNED = "assigned", _("Đang xử lý")
    ANSWERED = "answered", _("Đã có trả lời")
    PUBLISHED = "published", _("Đã công khai trả lời")


OPEN_STATUSES = (Status.RECEIVED, Status.ASSIGNED)
