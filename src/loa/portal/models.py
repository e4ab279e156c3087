"""What a unit publishes about how to reach it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from loa.units.models import Unit


class ContactPoint(models.Model):
    """A hotline, address or desk citizens may use (đường dây nóng, bộ phận một cửa …)."""

    class Kind(models.TextChoices):
        HOTLINE = "hotline", _("Đường dây nóng")
        PHONE = "phone", _("Điện thoại")
        EMAIL = "email", _("Thư điện tử")
        ADDRESS = "address", _("Địa chỉ")
        DESK = "desk", _("Bộ phận Một cửa")
        WEBSITE = "website", _("Trang thông tin điện tử")

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="contact_points", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("tên"), max_length=200)
    value = models.CharField(_("số, địa chỉ"), max_length=300)
    hours = models.CharField(_("thời gian tiếp nhận"), max_length=200, blank=True)
    public = models.BooleanField(_("công khai"), default=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("đầu mối liên hệ")
        verbose_name_plural = _("đầu mối liên hệ")
        ordering = ["unit", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"
