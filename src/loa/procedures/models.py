"""Administrative procedures (thủ tục hành chính) a unit handles, as the citizens see them.

Each unit keeps its own list, loaded from the national procedures database's export
(one import replaces the list). Codes are kept exactly as the national database writes
them ("1.001193"), unique per unit. `folded_search` holds the folded code, name and
field so a search typed without diacritics finds its procedure on any database.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loa.text.folding import fold
from loa.units.models import Unit

from .choices import OnlineLevel

# Longest accepted values, shared with the importer so a row is refused, not truncated.
MAX_LENGTHS = {
    "code": 30,
    "name": 500,
    "field": 200,
    "level": 100,
    "processing_time": 500,
    "fees": 2000,
    "legal_basis": 5000,
}


class Procedure(models.Model):
    """One administrative procedure of a unit, with what a citizen needs to know before going."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="procedures", verbose_name=_("đơn vị")
    )
    code = models.CharField(_("mã thủ tục"), max_length=MAX_LENGTHS["code"])
    name = models.CharField(_("tên thủ tục"), max_length=MAX_LENGTHS["name"])
    field = models.CharField(_("lĩnh vực"), max_length=MAX_LENGTHS["field"], blank=True)
    level = models.CharField(_("cấp thực hiện"), max_length=MAX_LENGTHS["level"], blank=True)
    processing_time = models.CharField(
        _("thời hạn giải quyết"), max_length=MAX_LENGTHS["processing_time"], blank=True
    )
    fees = models.TextField(_("phí, lệ phí"), max_length=MAX_LENGTHS["fees"], blank=True)
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=8, choices=OnlineLevel.choices, blank=True
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"), max_length=MAX_LENGTHS["legal_basis"], blank=True)
    posted_at_desk = models.BooleanField(_("niêm yết tại Bộ phận Một cửa"), default=False)
    folded_search = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["field", "name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="procedure_code_unique_per_unit")
        ]
        indexes = [models.Index(fields=["unit", "field", "name"])]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_folded_search()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "folded_search"}
        super().save(*args, **kwargs)

    def refresh_folded_search(self) -> None:
        """Recompute the search text; call before saving a changed code, name or field."""
        self.folded_search = fold(f"{self.code} {self.name} {self.field}")


class ProcedureList(models.Model):
    """When a unit's procedure list was last replaced, by whom and from which file."""

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="procedure_list", verbose_name=_("đơn vị")
    )
    updated_at = models.DateTimeField(_("cập nhật danh mục lúc"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cập nhật"),
    )
    source_name = models.CharField(_("tệp nguồn"), max_length=255, blank=True)
    count = models.PositiveIntegerField(_("số thủ tục"), default=0)

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")
        verbose_name_plural = _("danh mục thủ tục hành chính")

    def __str__(self) -> str:
        return f"{self.unit}: {self.count}"
