"""Administrative units of both eras and the agencies inside them.

Units form one tree (national root → provinces → [districts →] communes) held by
`parent`; the legacy (pre-2025) and current (2025) lists sit side by side and are
linked by `successors`, the 2025 merger table. Official codes are unique per era and
are the only key ever used to match a unit: names collide across eras.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from tree_queries.models import TreeNode

from loa.text.folding import fold

from .choices import AgencyKind, Era, Level, UnitKind


class Unit(TreeNode):  # type: ignore[django-manager-missing]  # reverse of the stubbed TreeNode.parent
    """An administrative unit (đơn vị hành chính) as one official list knows it."""

    era = models.CharField(_("thời kỳ"), max_length=8, choices=Era.choices)
    # NULL, not "", for hand-added units: the per-era unique constraint skips NULLs.
    code = models.CharField(  # noqa: DJ001
        _("mã đơn vị"),
        max_length=16,
        null=True,
        blank=True,
        help_text=_("Mã theo danh mục của Tổng cục Thống kê."),
    )
    name = models.CharField(_("tên"), max_length=120)
    kind = models.CharField(_("loại"), max_length=24, choices=UnitKind.choices)
    level = models.CharField(_("cấp"), max_length=12, choices=Level.choices, db_index=True)
    codename = models.CharField(_("tên mã"), max_length=120, blank=True)
    folded_name = models.CharField(max_length=120, editable=False, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    is_registered = models.BooleanField(
        _("có trong danh mục"),
        default=True,
        help_text=_("Bỏ chọn cho đơn vị cũ không còn trong danh mục nào, được thêm bằng tay."),
    )
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="predecessors",
        blank=True,
        verbose_name=_("đơn vị kế thừa"),
        help_text=_("Đơn vị sau sắp xếp năm 2025 đã tiếp nhận (toàn bộ hoặc một phần) đơn vị này."),
    )

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["era", "code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["era", "code"], condition=Q(code__isnull=False), name="unit_code_unique_per_era"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="unit_validity_ordered",
            ),
            models.CheckConstraint(
                condition=Q(is_registered=False) | Q(code__isnull=False), name="unit_registered_has_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")})
        parent = self.parent if self.parent_id is not None else None
        if parent is not None and parent.level != Level.NATIONAL and parent.era != self.era:
            raise ValidationError({"parent": _("Đơn vị cấp trên phải cùng thời kỳ.")})

    @property
    def short_name(self) -> str:
        """The proper name without its kind ("Xã Ngọc Lâm" → "Ngọc Lâm"), as date lines use it."""
        lowered = self.name.casefold()
        for kind in sorted(UnitKind.values, key=len, reverse=True):
            if lowered.startswith(kind + " "):
                return self.name[len(kind) + 1 :]
        return self.name

    @property
    def running_name(self) -> str:
        """The name as running text writes it (Phụ lục II, NĐ 30): "xã Gia Tân", "thị xã Mỹ Hào",
        but "Phường 1" (a unit named by a number keeps its generic word capitalised)."""
        proper = self.short_name
        if proper == self.name or proper[:1].isdigit():
            return self.name
        return f"{self.name[: len(self.name) - len(proper)].lower()}{proper}"

    def is_valid_on(self, day: dt.date) -> bool:
        """True if the unit existed on `day`."""
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_to is None or day <= self.valid_to)


class Agency(models.Model):
    """A body or post inside a unit (cơ quan, bộ phận, công chức phụ trách).

    Names are de-duplicated within a unit by their diacritic-folded form, so that
    "Đài Truyền thanh xã" and "Dai truyen thanh xa" are one agency.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="agencies", verbose_name=_("đơn vị")
    )
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=24, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    folded_name = models.CharField(max_length=200, editable=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan, bộ phận")
        verbose_name_plural = _("cơ quan, bộ phận")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "folded_name"], name="agency_unique_folded_name_per_unit")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)
