"""Closed vocabularies of plans and tasks.

Values equal those of plan JSON v1 (shared/eval/SCHEMA.md) and of the pure-Python
timing parser (`loa.text.timing`), so imported data needs no translation table;
tests/plans/test_choices.py keeps them in step.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    CLOSED = "closed", _("Đã kết thúc")


class Channel(models.TextChoices):
    RADIO = "radio", _("Phát thanh, truyền thanh")
    TV = "tv", _("Truyền hình")
    PORTAL = "portal", _("Cổng/Trang thông tin điện tử")
    SOCIAL = "social", _("Mạng xã hội")
    NEWSPAPER = "newspaper", _("Báo chí")
    PANEL_POSTER = "panel_poster", _("Pa nô, áp phích, băng rôn")
    LEAFLET = "leaflet", _("Tờ rơi, tờ gấp, tài liệu")
    CONFERENCE = "conference", _("Hội nghị, hội thảo")
    TRAINING = "training", _("Tập huấn, bồi dưỡng")
    CONTEST = "contest", _("Cuộc thi")
    DIALOGUE = "dialogue", _("Đối thoại")
    SURVEY = "survey", _("Khảo sát, điều tra")
    PUBLIC_LISTING = "public_listing", _("Niêm yết, công khai")
    HOTLINE = "hotline", _("Đường dây nóng")
    MOBILE_LOUDSPEAKER = "mobile_loudspeaker", _("Xe loa lưu động")
    MEETING_INTEGRATION = "meeting_integration", _("Lồng ghép trong hội họp")
    OTHER = "other", _("Khác")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Một lần")
    WEEKLY = "weekly", _("Hằng tuần")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("6 tháng")
    ANNUAL = "annual", _("Hằng năm")
    CONTINUOUS = "continuous", _("Thường xuyên")


class ReportingPeriod(models.TextChoices):
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    ANNUAL = "annual", _("Năm")


class Measure(models.TextChoices):
    MINUTES = "minutes", _("phút")
    ITEMS = "items", _("tin, bài, số")
    COPIES = "copies", _("bản, tờ")
    ATTENDEES = "attendees", _("người tham dự")
    SESSIONS = "sessions", _("buổi, lượt")


class OccurrenceStatus(models.TextChoices):
    PENDING = "pending", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    LATE = "late", _("Hoàn thành chậm")
    MISSED = "missed", _("Không thực hiện")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    RUNNING = "running", _("Đang đọc văn bản")
    READY = "ready", _("Chờ kiểm tra")
    FAILED = "failed", _("Không đọc được")
    SAVED = "saved", _("Đã lưu thành kế hoạch")
