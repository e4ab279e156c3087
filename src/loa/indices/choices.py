"""Closed vocabularies of the indices app, and the scale each index is published on."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class IndexKind(models.TextChoices):
    """The assessment indices a unit publicises (DOMAIN.md §4)."""

    PAR_INDEX = "par_index", _("Chỉ số CCHC (PAR INDEX)")
    SIPAS = "sipas", _("Chỉ số hài lòng (SIPAS)")
    PAPI = "papi", _("PAPI")
    PCI = "pci", _("PCI")
    DTI = "dti", _("DTI")
    DDCI = "ddci", _("DDCI")


@dataclass(frozen=True)
class Scale:
    """The range an index is published on and the unit its figures are read in."""

    minimum: Decimal
    maximum: Decimal
    unit: Promise | str  # "điểm", "%", or "" for a bare ratio
    note: Promise


# Data, not code: a change of methodology is one row here. Where DOMAIN.md §4 gives no
# scale (PAPI, DTI, DDCI) the row follows the publisher's reports: PAPI sums 8 dimensions
# of 1–10 points; DTI is a ratio between 0 and 1; DDCI is built like PCI, on 100 points.
SCALES: dict[str, Scale] = {
    IndexKind.PAR_INDEX: Scale(Decimal(0), Decimal(100), _("điểm"), _("Thang 100 điểm (Bộ Nội vụ).")),
    IndexKind.SIPAS: Scale(Decimal(0), Decimal(100), _("%"), _("Tỉ lệ hài lòng, tính theo phần trăm.")),
    IndexKind.PAPI: Scale(Decimal(0), Decimal(80), _("điểm"), _("Tổng 8 chỉ số nội dung, tối đa 80 điểm.")),
    IndexKind.PCI: Scale(Decimal(0), Decimal(100), _("điểm"), _("Thang 100 điểm (VCCI).")),
    IndexKind.DTI: Scale(Decimal(0), Decimal(1), "", _("Giá trị từ 0 đến 1.")),
    IndexKind.DDCI: Scale(Decimal(0), Decimal(100), _("điểm"), _("Thang 100 điểm.")),
}
