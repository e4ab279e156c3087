"""Citizens' feedback and questions to a unit, their files, and the answer deadlines.

One model holds both kinds: a feedback (phản ánh, kiến nghị) is answered within the
deadline of its topic and the answer may be published; a question (Dân hỏi – Thủ
trưởng trả lời) is selected for a month's session and the head's answer is published
with the answerer's title. Contact details are stored for staff only: public pages
show the public summary and the answer, never the name, phone or email.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loa.units.models import Unit

from .choices import OPEN_STATUSES, Kind, Status, Topic

DEFAULT_DAYS_TO_ANSWER = 10  # working days, when no ResponseDeadline row exists for a topic


class ResponseDeadline(models.Model):
    """How long a unit has to answer feedback of one topic (data, editable in the admin).

    The migration seeds 10 working days (Monday to Friday) for every topic; a topic
    without a row also gets 10 working days.
    """

    topic = models.CharField(_("lĩnh vực"), max_length=16, choices=Topic.choices, unique=True)
    days = models.PositiveSmallIntegerField(
        _("số ngày để trả lời"),
        default=DEFAULT_DAYS_TO_ANSWER,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    working_days = models.BooleanField(
        _("tính theo ngày làm việc"),
        default=True,
        help_text=_("Bỏ chọn để tính theo ngày lịch."),
    )

    class Meta:
        verbose_name = _("thời hạn trả lời phản ánh")
        verbose_name_plural = _("thời hạn trả lời phản ánh")
        ordering = ["topic"]

    def __str__(self) -> str:
        return f"{self.get_topic_display()}: {self.days}"


class Feedback(models.Model):
    """A citizen's feedback or question to a unit, sent without an account, followed by its code."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="feedback", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.FEEDBACK)
    topic = models.CharField(_("lĩnh vực"), max_length=16, choices=Topic.choices)
    code = models.CharField(_("mã theo dõi"), max_length=16, unique=True)
    name = models.CharField(_("họ và tên"), max_length=120)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    content = models.TextField(_("nội dung"))
    public_summary = models.TextField(
        _("nội dung công khai"), blank=True, help_text=_("Để trống: công khai nguyên nội dung.")
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)
    due_date = models.DateField(_("hạn trả lời"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    assigned_at = models.DateTimeField(_("giao lúc"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answerer_title = models.CharField(_("chức vụ người trả lời"), max_length=200, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    session_month = models.DateField(
        _("kỳ hỏi đáp (tháng)"), null=True, blank=True, help_text=_("Ngày đầu tháng của kỳ được chọn.")
    )
    rating = models.PositiveSmallIntegerField(
        _("đánh giá của người dân"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rated_at = models.DateTimeField(_("đánh giá lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị, câu hỏi")
        verbose_name_plural = _("phản ánh, kiến nghị, câu hỏi")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="feedback_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | ~Q(answer=""), name="feedback_published_has_answer"
            ),
            models.CheckConstraint(
                condition=Q(session_month__isnull=True) | Q(kind=Kind.QUESTION),
                name="feedback_session_only_questions",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "kind", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.get_topic_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue_on(self, day: dt.date) -> bool:
        """Still unanswered after its due date (by the calendar of Vietnam)."""
        return self.kind == Kind.FEEDBACK and self.is_open and day > self.due_date

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    @property
    def shown_content(self) -> str:
        """What a public page shows of the citizen's text: the summary staff approved, else the text."""
        return self.public_summary or self.content


class FeedbackAttachment(models.Model):
    """A file a citizen attached; served only to staff of the unit, never on public pages."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="feedback/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm phản ánh")
        verbose_name_plural = _("tệp đính kèm phản ánh")
        ordering = ["feedback", "pk"]

    def __str__(self) -> str:
        return self.original_name
