"""Activities (hoạt động tuyên truyền) and their evidence files (tài liệu kiểm chứng)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loa.plans.choices import Channel, Measure, OccurrenceStatus
from loa.plans.models import Occurrence, Plan
from loa.units.models import Unit


class Activity(models.Model):
    """One communication activity a unit carried out, optionally fulfilling a task occurrence."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="activities", verbose_name=_("đơn vị")
    )
    occurrence = models.ForeignKey(
        Occurrence,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("kỳ thực hiện"),
    )
    channel = models.CharField(_("hình thức"), max_length=24, choices=Channel.choices)
    happened_on = models.DateField(_("ngày thực hiện"), db_index=True)
    title = models.CharField(_("nội dung"), max_length=300)
    quantity = models.DecimalField(
        _("số lượng"),
        max_digits=10,
        decimal_places=1,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    measure = models.CharField(
        _("đơn vị tính"), max_length=12, choices=Measure.choices, default=Measure.ITEMS
    )
    link = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    cost = models.DecimalField(
        _("chi phí (đồng)"),
        max_digits=14,
        decimal_places=0,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-happened_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="activity_quantity_not_negative"),
            models.CheckConstraint(condition=Q(cost__gte=0), name="activity_cost_not_negative"),
        ]
        indexes = [
            models.Index(fields=["unit", "happened_on"]),
            models.Index(fields=["unit", "channel", "happened_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.happened_on:%d/%m/%Y} {self.title}"

    def clean(self) -> None:
        # An activity can only fulfil a task of its own unit's plans.
        if self.occurrence_id and self.unit_id:
            plan_unit = (
                Occurrence.objects.filter(pk=self.occurrence_id)
                .values_list("task__plan__unit_id", flat=True)
                .first()
            )
            if plan_unit != self.unit_id:
                raise ValidationError({"occurrence": _("Kỳ thực hiện này không thuộc kế hoạch của đơn vị.")})


class Attachment(models.Model):
    """An evidence file of an activity, stored under var/media and served only to those who may see it."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu kiểm chứng")
        verbose_name_plural = _("tài liệu kiểm chứng")
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ActivityTally(models.Model):
    """A unit's activities of one month, one channel and one measure, counted ahead.

    Dashboards add these up instead of scanning the activity log (a province holds some
    100,000 activities a year, the country millions). Written only by
    `loa.activities.tallies`, in the transaction of the service that changed an activity.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=24, choices=Channel.choices)
    measure = models.CharField(max_length=12, choices=Measure.choices)
    activities = models.PositiveIntegerField()
    quantity = models.DecimalField(max_digits=16, decimal_places=1)
    cost = models.DecimalField(max_digits=20, decimal_places=0)

    class Meta:
        verbose_name = _("số liệu hoạt động theo tháng")
        verbose_name_plural = _("số liệu hoạt động theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "month", "channel", "measure"], name="activity_tally_unique_key"
            )
        ]
        indexes = [models.Index(fields=["year", "unit"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month:02d}/{self.year} {self.channel} {self.measure}: {self.activities}"


class OccurrenceTally(models.Model):
    """How many of a plan's occurrences due on one day are in one status, counted ahead.

    Kept by day, not month, so that "pending and past its due date" (missed before the
    daily job marks it) can still be told apart for any `today`.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    due_date = models.DateField()
    status = models.CharField(max_length=8, choices=OccurrenceStatus.choices)
    occurrences = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("số liệu kỳ thực hiện theo ngày")
        verbose_name_plural = _("số liệu kỳ thực hiện theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["plan", "due_date", "status"], name="occurrence_tally_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.due_date} {self.status}: {self.occurrences}"
