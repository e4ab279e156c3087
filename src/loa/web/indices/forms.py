"""Forms of the staff indices pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loa.indices.choices import IndexKind
from loa.indices.services import IndexInput
from loa.units.choices import Era


class CommaDecimalField(forms.DecimalField):
    """A decimal that may be typed with the Vietnamese decimal comma ("90,1")."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class IndexValueForm(forms.Form):
    kind = forms.ChoiceField(label=_("Chỉ số"), choices=IndexKind.choices)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    value = CommaDecimalField(
        label=_("Giá trị"),
        max_digits=8,
        decimal_places=4,
        help_text=_("Điểm hoặc phần trăm, theo thang của chỉ số."),
    )
    rank = forms.IntegerField(label=_("Xếp hạng"), min_value=1, required=False)
    rank_of = forms.IntegerField(
        label=_("Trên tổng số"), min_value=1, required=False, help_text=_("Ví dụ 34 tỉnh, thành phố.")
    )
    source = forms.CharField(label=_("Nguồn"), max_length=300, required=False)

    def __init__(self, *args: Any, locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
        if locked:  # editing one result: which index and year it is stays as it is
            self.fields["kind"].disabled = True
            self.fields["year"].disabled = True

    def to_input(self) -> IndexInput:
        data = self.cleaned_data
        return IndexInput(
            year=data["year"],
            kind=data["kind"],
            value=data["value"],
            rank=data["rank"],
            rank_of=data["rank_of"],
            source=data["source"],
        )


class IndexImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV"),
        help_text=_(
            "Cột: unit_code, year, index, value, rank, rank_of, source (và era nếu cần). Mã hóa UTF-8."
        ),
    )
    era = forms.ChoiceField(label=_("Mã đơn vị theo danh mục"), choices=Era.choices, initial=Era.CURRENT)
