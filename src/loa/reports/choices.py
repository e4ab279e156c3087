"""Closed vocabularies of reports and generated documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SUBMITTED = "submitted", _("Đã gửi")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    RETURNED = "returned", _("Trả lại để sửa")


class DocumentFormat(models.TextChoices):
    DOCX = "docx", _("Word (.docx)")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (.xlsx)")


class BuildStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    READY = "ready", _("Sẵn sàng")
    FAILED = "failed", _("Lỗi")
