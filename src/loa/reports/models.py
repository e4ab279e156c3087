"""Periodic reports, the rules they follow (deadlines, scoring) and generated files.

A report is one unit's account of one period (quý, 6 tháng, 9 tháng, năm) with the
figures computed from its plan, occurrences and activities inside the period's data
cut-off window, kept as a JSON snapshot so a submitted report never changes under
its reader. Deadlines and the PAR scoring rule are rows, so a province can set its own.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loa.plans.choices import ReportingPeriod
from loa.plans.models import YEAR_VALIDATORS, Plan
from loa.units.models import Unit

from .choices import BuildStatus, DocumentFormat, ReportStatus


class DeadlineRule(models.Model):
    """When a unit's report for a kind of period is due; a province's own rule wins."""

    province = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_deadlines",
        verbose_name=_("tỉnh"),
        help_text=_("Để trống: quy định chung cho các tỉnh chưa có quy định riêng."),
    )
    kind = models.CharField(_("kỳ báo cáo"), max_length=12, choices=ReportingPeriod.choices)
    working_days_after_cutoff = models.PositiveSmallIntegerField(
        _("số ngày làm việc sau ngày chốt số liệu"), default=2, validators=[MaxValueValidator(60)]
    )
    fixed_day_of_month = models.PositiveSmallIntegerField(
        _("hoặc ngày cố định trong tháng cuối kỳ"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )

    class Meta:
        verbose_name = _("hạn gửi báo cáo")
        verbose_name_plural = _("hạn gửi báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["province", "kind"], name="deadline_unique_per_province_kind"),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(province__isnull=True), name="deadline_unique_default_per_kind"
            ),
        ]

    def __str__(self) -> str:
        where = self.province.name if self.province_id and self.province else _("Mặc định")
        return f"{where}: {self.get_kind_display()}"


class ScoringRule(models.Model):
    """The PAR communication criterion as a province scores it (rule data of loa.scoring)."""

    province = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scoring_rules",
        verbose_name=_("tỉnh"),
        help_text=_("Để trống: quy tắc chung."),
    )
    name = models.CharField(_("tên"), max_length=200)
    rule = models.JSONField(_("quy tắc"))
    from_year = models.PositiveSmallIntegerField(_("áp dụng từ năm"), validators=YEAR_VALIDATORS)

    class Meta:
        verbose_name = _("quy tắc chấm điểm tiêu chí tuyên truyền")
        verbose_name_plural = _("quy tắc chấm điểm tiêu chí tuyên truyền")
        ordering = ["province_id", "-from_year"]

    def __str__(self) -> str:
        return f"{self.name} ({self.from_year})"


class Report(models.Model):
    """Báo cáo kết quả thực hiện công tác thông tin, tuyên truyền CCHC of one unit and period."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("kỳ báo cáo"), max_length=12, choices=ReportingPeriod.choices)
    index = models.PositiveSmallIntegerField(
        _("quý"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    label = models.CharField(_("kỳ"), max_length=60)
    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("đến ngày"))
    due_date = models.DateField(_("hạn gửi"))
    plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("kế hoạch"),
    )
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-UBND")
    issue_date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    addressee = models.CharField(_("kính gửi"), max_length=300, blank=True)
    is_rollup = models.BooleanField(_("tổng hợp từ đơn vị trực thuộc"), default=False)
    figures = models.JSONField(_("số liệu"), default=dict, blank=True)
    narrative = models.JSONField(_("nội dung"), default=dict, blank=True)
    score = models.JSONField(_("điểm tiêu chí"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("ý kiến của cấp trên"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-year", "-window_end", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "index"], name="report_unique_per_period"
            ),
            models.CheckConstraint(
                condition=Q(window_start__lte=models.F("window_end")), name="report_window_ordered"
            ),
        ]
        indexes = [models.Index(fields=["year", "kind", "index", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.label}"

    @property
    def is_late(self) -> bool:
        """Sent after its due date, by the calendar of Vietnam (an unsent report is not "late" yet)."""
        if self.submitted_at is not None:
            return timezone.localdate(self.submitted_at) > self.due_date
        return False


class DocumentBuild(models.Model):
    """A file Loa builds in the background: a plan or a report as .docx, .pdf or .xlsx."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="document_builds", verbose_name=_("đơn vị")
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="builds")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, null=True, blank=True, related_name="builds")
    format = models.CharField(_("định dạng"), max_length=4, choices=DocumentFormat.choices)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=BuildStatus.choices, default=BuildStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    stage = models.CharField(_("bước"), max_length=120, blank=True)
    file = models.FileField(_("tệp"), upload_to="documents/%Y/%m/", blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    source_updated_at = models.DateTimeField(_("phiên bản nguồn"), null=True, blank=True)
    error_message = models.CharField(_("lỗi"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tệp văn bản")
        verbose_name_plural = _("tệp văn bản")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(plan__isnull=False) & Q(report__isnull=True))
                | (Q(plan__isnull=True) & Q(report__isnull=False)),
                name="build_of_one_plan_or_report",
            ),
            # A build is only "ready" with its file: a crash mid-build leaves it running/failed.
            models.CheckConstraint(
                condition=~Q(status=BuildStatus.READY) | ~Q(file=""), name="build_ready_has_file"
            ),
        ]

    def __str__(self) -> str:
        return self.file_name or f"{self.get_format_display()} #{self.pk}"
