"""One row per change made by a service, written in the same transaction as the change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loa.units.models import Unit


class Verb(models.TextChoices):
    PLAN_CREATED = "plan_created", _("Tạo kế hoạch")
    PLAN_IMPORTED = "plan_imported", _("Nhập kế hoạch từ văn bản")
    PLAN_UPDATED = "plan_updated", _("Sửa kế hoạch")
    PLAN_ISSUED = "plan_issued", _("Ban hành kế hoạch")
    PLAN_CLOSED = "plan_closed", _("Kết thúc kế hoạch")
    PLAN_DELETED = "plan_deleted", _("Xóa kế hoạch")
    TASK_CREATED = "task_created", _("Thêm nhiệm vụ")
    TASK_UPDATED = "task_updated", _("Sửa nhiệm vụ")
    TASK_DELETED = "task_deleted", _("Xóa nhiệm vụ")
    TASKS_REORDERED = "tasks_reordered", _("Sắp xếp lại nhiệm vụ")
    ACTIVITY_LOGGED = "activity_logged", _("Ghi nhận hoạt động")
    ACTIVITY_UPDATED = "activity_updated", _("Sửa hoạt động")
    ACTIVITY_DELETED = "activity_deleted", _("Xóa hoạt động")
    REPORT_CREATED = "report_created", _("Tạo báo cáo")
    REPORT_UPDATED = "report_updated", _("Sửa báo cáo")
    REPORT_SUBMITTED = "report_submitted", _("Gửi báo cáo")
    REPORT_REVIEWED = "report_reviewed", _("Xem xét báo cáo")
    PROCEDURES_IMPORTED = "procedures_imported", _("Nhập danh mục thủ tục hành chính")
    PROCEDURE_UPDATED = "procedure_updated", _("Sửa thủ tục hành chính")
    FEEDBACK_ASSIGNED = "feedback_assigned", _("Giao xử lý phản ánh, kiến nghị")
    FEEDBACK_ANSWERED = "feedback_answered", _("Trả lời phản ánh, kiến nghị")
    FEEDBACK_PUBLISHED = "feedback_published", _("Công khai trả lời")
    QUESTION_ANSWERED = "question_answered", _("Trả lời câu hỏi của người dân")
    SURVEY_CREATED = "survey_created", _("Tạo phiếu khảo sát")
    SURVEY_UPDATED = "survey_updated", _("Sửa phiếu khảo sát")
    INDEX_RECORDED = "index_recorded", _("Ghi nhận chỉ số đánh giá")
    AGENCY_CREATED = "agency_created", _("Thêm cơ quan, bộ phận")
    UNIT_CREATED = "unit_created", _("Thêm đơn vị")
    MEMBERSHIP_GRANTED = "membership_granted", _("Cấp quyền")
    MEMBERSHIP_REVOKED = "membership_revoked", _("Thu hồi quyền")
    ADMIN_SAVED = "admin_saved", _("Lưu trong trang quản trị")
    ADMIN_DELETED = "admin_deleted", _("Xóa trong trang quản trị")


class ChangeLogEntry(models.Model):
    """A change to plans, tasks, activities or access, visible to the unit's admins."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="change_log", verbose_name=_("đơn vị")
    )
    verb = models.CharField(_("thao tác"), max_length=32, choices=Verb.choices)
    target_type = models.CharField(_("loại đối tượng"), max_length=40)
    target_id = models.BigIntegerField(_("mã đối tượng"), null=True)
    summary = models.CharField(_("tóm tắt"), max_length=300)
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)

    class Meta:
        verbose_name = _("mục nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["unit", "-at"]), models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_verb_display()}: {self.summary}"
