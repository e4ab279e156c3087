"""Plans, their sections, based-on references, tasks and task occurrences.

A plan belongs to the unit that issues it, as that unit was at the time (a 2024
commune plan stays on the legacy commune). Structured lists that are only ever read
with their plan (audiences, content themes, channels, recipients) are JSON lists;
anything queried across plans (tasks, occurrences, references) is a table.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from loa.units.models import Agency, Unit

from .choices import Channel, ImportStatus, Measure, OccurrenceStatus, PlanStatus, Recurrence

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Plan(models.Model):
    """A unit's yearly communication plan (Kế hoạch thông tin, tuyên truyền CCHC)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="plans", verbose_name=_("đơn vị ban hành")
    )
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"), validators=YEAR_VALIDATORS)
    doc_type = models.CharField(_("loại văn bản"), max_length=8, default="KH")
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND", blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer_name = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    place = models.CharField(_("địa danh"), max_length=120, blank=True)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signing_authority = models.CharField(
        _("thẩm quyền ký"), max_length=120, blank=True, help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN")
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=120, blank=True, help_text=_("Ví dụ: CHỦ TỊCH")
    )
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    budget_source = models.CharField(_("nguồn kinh phí"), max_length=500, blank=True)
    reporting_periods = models.JSONField(_("kỳ báo cáo"), default=list, blank=True)
    audiences = models.JSONField(_("đối tượng"), default=list, blank=True)
    content_themes = models.JSONField(_("nội dung tuyên truyền"), default=list, blank=True)
    channels = models.JSONField(_("hình thức tuyên truyền"), default=list, blank=True)
    yearly_theme = models.CharField(_("chủ đề CCHC năm"), max_length=500, blank=True)
    source_file = models.FileField(_("văn bản gốc"), upload_to="plans/sources/%Y/", blank=True)
    source_text = models.TextField(_("nội dung văn bản gốc"), blank=True)
    import_warnings = models.JSONField(_("cảnh báo khi nhập"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "unit__name", "number"]
        constraints = [
            # Numbers run per issuing body per year (NĐ 30/2020, Điều 15).
            models.UniqueConstraint(
                fields=["unit", "year", "number", "symbol"],
                condition=Q(number__isnull=False),
                name="plan_number_unique_per_issuer_and_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="plan_year_in_range"
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.ISSUED) | Q(issue_date__isnull=False),
                name="plan_issued_has_date",
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"]), models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        number = self.number_and_symbol
        return f"{number} — {self.title}" if number else self.title

    @property
    def number_and_symbol(self) -> str:
        """'11/KH-UBND'; numbers below 10 get a leading zero as the decree requires."""
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.symbol}" if self.symbol else f"{self.number:02d}"


class PlanReference(models.Model):
    """A higher document the plan implements (Căn cứ / Thực hiện), in Loa or outside it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    referenced_plan = models.ForeignKey(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="derived_references",
        verbose_name=_("kế hoạch trong Loa"),
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    raw = models.TextField(_("nguyên văn"), blank=True)

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return " ".join(part for part in (self.number, self.issuer) if part) or self.raw[:80]


class PlanSection(models.Model):
    """A top-level (roman-numeral) section of the plan's body, with its text."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    numeral = models.CharField(_("số mục"), max_length=8, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("mục")
        verbose_name_plural = _("các mục")
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.numeral}. {self.title}" if self.numeral else self.title


class Task(models.Model):
    """One row of the task appendix (nhiệm vụ cụ thể), with its parsed timing and quota."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("kế hoạch"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.TextField(_("nhiệm vụ"))
    product = models.TextField(_("sản phẩm, kết quả"), blank=True)
    lead_agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_tasks",
        verbose_name=_("cơ quan chủ trì"),
    )
    lead_text = models.CharField(_("cơ quan chủ trì (nguyên văn)"), max_length=300, blank=True)
    cooperating_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="cooperating_tasks", verbose_name=_("cơ quan phối hợp")
    )
    cooperating_text = models.JSONField(_("cơ quan phối hợp (nguyên văn)"), default=list, blank=True)
    channel = models.CharField(_("hình thức"), max_length=24, choices=Channel.choices, blank=True)
    timing_text = models.CharField(_("thời gian thực hiện"), max_length=300, blank=True)
    end_timing_text = models.CharField(_("thời gian hoàn thành"), max_length=300, blank=True)
    recurrence = models.CharField(_("tần suất"), max_length=12, choices=Recurrence.choices, blank=True)
    start = models.DateField(_("bắt đầu"), null=True, blank=True)
    end = models.DateField(_("kết thúc"), null=True, blank=True)
    count_per_period = models.PositiveSmallIntegerField(_("số lần mỗi kỳ"), null=True, blank=True)
    quota_measure = models.CharField(_("đơn vị chỉ tiêu"), max_length=12, choices=Measure.choices, blank=True)
    quota_minimum = models.PositiveIntegerField(_("chỉ tiêu tối thiểu"), null=True, blank=True)
    quota_maximum = models.PositiveIntegerField(_("chỉ tiêu tối đa"), null=True, blank=True)
    estimated_cost = models.DecimalField(
        _("kinh phí dự kiến (đồng)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    timing_flags = models.JSONField(_("cảnh báo thời gian"), default=list, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(start__lte=F("end")),
                name="task_start_before_end",
            ),
            models.CheckConstraint(
                condition=Q(quota_maximum__isnull=True)
                | Q(quota_minimum__isnull=True)
                | Q(quota_minimum__lte=F("quota_maximum")),
                name="task_quota_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:80]


class Occurrence(models.Model):
    """One due period of a task (kỳ thực hiện): e.g. the radio column of March 2024."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("nhiệm vụ")
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    due_date = models.DateField(_("hạn hoàn thành"))
    label = models.CharField(_("kỳ"), max_length=60)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=OccurrenceStatus.choices, default=OccurrenceStatus.PENDING
    )
    fulfilled_on = models.DateField(_("ngày đạt chỉ tiêu"), null=True, blank=True)

    class Meta:
        verbose_name = _("kỳ thực hiện")
        verbose_name_plural = _("kỳ thực hiện")
        ordering = ["task", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "period_start"], name="occurrence_unique_period_per_task"
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="occurrence_period_ordered"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # The dashboards' overdue list: the oldest unmet periods first, without sorting
            # the country's 250,000 missed ones.
            models.Index(
                fields=["due_date", "id"],
                condition=Q(status__in=[OccurrenceStatus.MISSED, OccurrenceStatus.PENDING]),
                name="occurrence_unmet_by_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.label}"


class PlanImport(models.Model):
    """An uploaded plan document on its way to becoming a draft plan.

    The engine's extraction is kept in `draft` for the user to check and correct
    beside the source text; only `save_imported_plan` turns it into a Plan.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="plan_imports", verbose_name=_("đơn vị")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    file = models.FileField(_("văn bản"), upload_to="plans/imports/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    stage = models.CharField(_("bước"), max_length=120, blank=True)
    source_text = models.TextField(_("nội dung trích xuất"), blank=True)
    draft = models.JSONField(_("kết quả trích xuất"), null=True, blank=True)
    error_code = models.CharField(max_length=20, blank=True)
    error_message = models.CharField(_("lỗi"), max_length=300, blank=True)
    plan = models.OneToOneField(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_import",
        verbose_name=_("kế hoạch"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lượt nhập văn bản")
        verbose_name_plural = _("lượt nhập văn bản")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name


class AgencyMapping(models.Model):
    """How a higher plan's body is named in a lower unit's plan (mapping table kept as data).

    Rows of a province come first, then general rows, then Loa's defaults
    (`loa.cascade.derive.DEFAULT_MAPPINGS`). `lower_name` may hold "{unit}", replaced
    by the lower unit's name ("Đài truyền thanh {unit}").
    """

    province = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agency_mappings",
        verbose_name=_("tỉnh"),
        help_text=_("Để trống: áp dụng cho mọi tỉnh."),
    )
    era = models.CharField(
        _("thời kỳ"),
        max_length=8,
        blank=True,
        choices=[("2025", _("Từ 01/7/2025")), ("pre2025", _("Trước 01/7/2025"))],
        help_text=_("Để trống: cả hai thời kỳ."),
    )
    higher_name = models.CharField(_("tên cơ quan ở kế hoạch cấp trên (chứa)"), max_length=200)
    lower_name = models.CharField(_("tên cơ quan ở kế hoạch cấp dưới"), max_length=200)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tương ứng cơ quan cấp trên – cấp dưới")
        verbose_name_plural = _("tương ứng cơ quan cấp trên – cấp dưới")
        ordering = ["province_id", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.higher_name} → {self.lower_name}"
