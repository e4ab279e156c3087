"""Published results of the assessment indices (PAR INDEX, SIPAS, PAPI, PCI, DTI, DDCI).

One row is one unit's result in one index for one year, as the body running the index
published it: the value on the index's own scale (`choices.SCALES`), the rank among the
units assessed with it, and where the figure comes from. They are shown on the portal.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loa.plans.models import YEAR_VALIDATORS
from loa.units.models import Unit

from .choices import SCALES, IndexKind, Scale


class IndexValue(models.Model):
    """A unit's published result in one index for one year."""

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="index_values", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("chỉ số"), max_length=12, choices=IndexKind.choices)
    value = models.DecimalField(_("giá trị"), max_digits=8, decimal_places=4)
    rank = models.PositiveSmallIntegerField(_("xếp hạng"), null=True, blank=True)
    rank_of = models.PositiveSmallIntegerField(
        _("trên tổng số"), null=True, blank=True, help_text=_("Ví dụ 34 tỉnh, thành phố.")
    )
    source = models.CharField(_("nguồn"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kết quả chỉ số đánh giá")
        verbose_name_plural = _("kết quả chỉ số đánh giá")
        ordering = ["unit_id", "kind", "year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "kind"], name="index_value_unique_per_year"),
            models.CheckConstraint(
                condition=Q(rank__isnull=True) | Q(rank_of__isnull=True) | Q(rank__lte=models.F("rank_of")),
                name="index_value_rank_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_kind_display()} {self.year}"

    @property
    def figure(self) -> Decimal:
        """The value without trailing zeros (90.1000 → 90.1, 64.0000 → 64), as it was published."""
        value = Decimal(self.value)
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()

    @property
    def scale(self) -> Scale:
        return SCALES[self.kind]
