"""Forms of the report pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loa.plans.choices import ReportingPeriod
from loa.reports.narrative import NARRATIVE_KEYS, section_titles
from loa.reports.services import ReportInput


class NewReportForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=ReportingPeriod.choices)
    index = forms.TypedChoiceField(
        label=_("Quý (với báo cáo quý)"),
        choices=[(1, "I"), (2, "II"), (3, "III"), (4, "IV")],
        coerce=int,
        initial=1,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ReportForm(forms.Form):
    addressee = forms.CharField(label=_("Kính gửi"), max_length=300, required=False)
    number = forms.IntegerField(
        label=_("Số"), required=False, min_value=1, help_text=_("Để trống: Loa lấy số tiếp theo khi gửi.")
    )
    issue_date = forms.DateField(
        label=_("Ngày báo cáo"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, title in section_titles().items():
            self.fields[key] = forms.CharField(
                label=title,
                required=False,
                widget=forms.Textarea(attrs={"rows": 6 if key == "results" else 3}),
            )

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        return ReportInput(
            narrative={key: data.get(key, "") for key in NARRATIVE_KEYS},
            addressee=data["addressee"],
            number=data["number"],
            issue_date=data["issue_date"],
        )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", _("Tiếp nhận")), ("return", _("Trả lại để sửa"))], widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
