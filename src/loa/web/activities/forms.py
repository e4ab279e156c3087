"""The activity log form, made for a phone: few fields, native date and number inputs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loa.activities.services import ActivityInput
from loa.plans.choices import Channel, Measure
from loa.plans.models import Occurrence, Task
from loa.units.models import Unit
from loa.uploads import accepted_kinds
from loa.web.fields import MultipleFileField


class TaskChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Task) -> str:
        return f"{obj.plan.year} · {obj.title[:90]}"


class OccurrenceChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Occurrence) -> str:
        return f"{obj.label} ({obj.get_status_display().lower()})"


class ActivityForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị"))
    task = TaskChoiceField(
        queryset=Task.objects.none(),
        label=_("Thực hiện nhiệm vụ"),
        required=False,
        empty_label=_("— Không thuộc nhiệm vụ nào —"),
    )
    occurrence = OccurrenceChoiceField(
        queryset=Occurrence.objects.none(),
        label=_("Cho kỳ"),
        required=False,
        empty_label=_("— Kỳ có ngày thực hiện —"),
        help_text=_("Chọn kỳ trước nếu đây là kết quả làm bù cho kỳ đã qua."),
    )
    happened_on = forms.DateField(label=_("Ngày thực hiện"), widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("Hình thức"), choices=Channel.choices)
    title = forms.CharField(label=_("Nội dung"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    quantity = forms.DecimalField(
        label=_("Số lượng"),
        min_value=0,
        max_digits=10,
        decimal_places=1,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    measure = forms.ChoiceField(label=_("Đơn vị tính"), choices=Measure.choices, initial=Measure.ITEMS)
    link = forms.URLField(
        label=_("Đường dẫn (nếu có)"), required=False, max_length=500, assume_scheme="https"
    )
    cost = forms.DecimalField(
        label=_("Chi phí (đồng)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = MultipleFileField(label=_("Tài liệu kiểm chứng"), required=False)

    def __init__(
        self,
        *args: Any,
        units: QuerySet[Unit],
        tasks: QuerySet[Task],
        occurrences: QuerySet[Occurrence] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["task"].queryset = tasks  # type: ignore[attr-defined]
        if occurrences is not None:
            self.fields["occurrence"].queryset = occurrences  # type: ignore[attr-defined]
        self.fields["evidence"].help_text = _("Ảnh, PDF, văn bản, bản ghi âm (%(kinds)s).") % {
            "kinds": accepted_kinds()
        }
        self.fields["happened_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        task, unit = data.get("task"), data.get("unit")
        if task is not None and unit is not None and task.plan.unit_id != unit.pk:
            self.add_error("task", _("Nhiệm vụ này không thuộc kế hoạch của đơn vị đã chọn."))
        return data

    def activity_input(self) -> ActivityInput:
        data = self.cleaned_data
        return ActivityInput(
            happened_on=data["happened_on"],
            channel=data["channel"],
            title=data["title"],
            quantity=data["quantity"],
            measure=data["measure"],
            task=data["task"],
            occurrence=data["occurrence"],
            link=data["link"],
            cost=data["cost"] or 0,
            note=data["note"],
            files=list(data["evidence"]),
        )
