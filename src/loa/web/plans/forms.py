"""Forms of the plan pages. They parse input; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from loa.plans.choices import Channel, Measure, Recurrence, ReportingPeriod
from loa.plans.models import Task
from loa.plans.services import TaskInput
from loa.text.timing import parse_timing
from loa.units.models import Unit


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} — {obj.parent.name}" if obj.parent_id and obj.parent else obj.name


class ImportUploadForm(forms.Form):
    unit = UnitChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị ban hành"))
    document = forms.FileField(
        label=_("Văn bản kế hoạch"),
        help_text=_("Tệp .docx, .pdf (có lớp chữ), .html, .md hoặc .txt."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.select_related("parent").order_by("level", "name")  # type: ignore[attr-defined]


def _lines(value: list[str] | None) -> str:
    return "\n".join(value or [])


class LinesField(forms.CharField):
    """A textarea whose lines are list items."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        return _lines(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class PlanDraftForm(forms.Form):
    """The plan-level fields of an import draft, as the user corrects them."""

    number = forms.CharField(label=_("Số, ký hiệu"), required=False, max_length=60)
    year = forms.IntegerField(label=_("Năm kế hoạch"), min_value=2000, max_value=2100)
    issue_date = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=200)
    place = forms.CharField(label=_("Địa danh"), required=False, max_length=120)
    title = forms.CharField(label=_("Trích yếu"), required=False, max_length=500)
    signer = forms.CharField(label=_("Người ký"), required=False, max_length=120)
    signing_authority = forms.CharField(label=_("Thẩm quyền ký"), required=False, max_length=120)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=120)
    budget_source = forms.CharField(label=_("Nguồn kinh phí"), required=False, max_length=500)
    reporting_periods = forms.MultipleChoiceField(
        label=_("Kỳ báo cáo"),
        choices=ReportingPeriod.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channels = forms.MultipleChoiceField(
        label=_("Hình thức tuyên truyền"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audiences = LinesField(label=_("Đối tượng (mỗi dòng một nhóm)"), required=False)
    content_themes = LinesField(label=_("Nội dung tuyên truyền (mỗi dòng một nội dung)"), required=False)
    recipients = LinesField(label=_("Nơi nhận (mỗi dòng một nơi)"), required=False)


class TaskDraftForm(forms.Form):
    """One task row of an import draft."""

    title = forms.CharField(label=_("Nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 2}))
    product = forms.CharField(label=_("Sản phẩm"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    lead = forms.CharField(label=_("Cơ quan chủ trì"), required=False, max_length=300)
    cooperating = LinesField(
        label=_("Cơ quan phối hợp"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    timing_text = forms.CharField(label=_("Thời gian thực hiện"), required=False, max_length=300)
    end_timing_text = forms.CharField(label=_("Thời gian hoàn thành"), required=False, max_length=300)
    recurrence = forms.ChoiceField(
        label=_("Tần suất"),
        choices=[("", _("Theo thời gian ghi")), *list(Recurrence.choices)],
        required=False,
    )


TaskDraftFormSet = forms.formset_factory(TaskDraftForm, extra=0, can_delete=True)


class PlanForm(forms.Form):
    """The header of a plan written in Loa."""

    year = forms.IntegerField(label=_("Năm kế hoạch"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, initial="KH-UBND")
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), required=False, max_length=200)
    place = forms.CharField(label=_("Địa danh"), required=False, max_length=120)
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=120)
    signing_authority = forms.CharField(label=_("Thẩm quyền ký"), required=False, max_length=120)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=120)
    yearly_theme = forms.CharField(label=_("Chủ đề CCHC năm"), required=False, max_length=500)
    budget_source = forms.CharField(label=_("Nguồn kinh phí"), required=False, max_length=500)
    reporting_periods = PlanDraftForm.base_fields["reporting_periods"]
    channels = PlanDraftForm.base_fields["channels"]
    audiences = LinesField(label=_("Đối tượng (mỗi dòng một nhóm)"), required=False)
    content_themes = LinesField(label=_("Nội dung tuyên truyền (mỗi dòng một nội dung)"), required=False)
    recipients = LinesField(label=_("Nơi nhận (mỗi dòng một nơi)"), required=False)


class TaskForm(forms.Form):
    """One task of the appendix; timing is read from the text, quota can be corrected."""

    title = forms.CharField(label=_("Nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 2}))
    product = forms.CharField(label=_("Sản phẩm"), required=False, widget=forms.Textarea(attrs={"rows": 1}))
    lead = forms.CharField(label=_("Cơ quan chủ trì"), required=False, max_length=300)
    cooperating = LinesField(
        label=_("Cơ quan phối hợp (mỗi dòng một cơ quan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    channel = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[("", _("— Loa nhận từ nội dung nhiệm vụ —")), *list(Channel.choices)],
        required=False,
    )
    timing_text = forms.CharField(label=_("Thời gian thực hiện"), required=False, max_length=300)
    end_timing_text = forms.CharField(label=_("Thời gian hoàn thành"), required=False, max_length=300)
    recurrence = TaskDraftForm.base_fields["recurrence"]
    quota_measure = forms.ChoiceField(
        label=_("Chỉ tiêu tính theo"),
        choices=[("", _("Theo thời gian ghi")), *list(Measure.choices)],
        required=False,
    )
    quota_minimum = forms.IntegerField(label=_("Chỉ tiêu tối thiểu mỗi kỳ"), required=False, min_value=0)
    estimated_cost = forms.DecimalField(
        label=_("Kinh phí dự kiến (đồng)"), required=False, min_value=0, max_digits=14, decimal_places=0
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 1}))

    def task_input(self) -> TaskInput:
        data = self.cleaned_data
        return TaskInput(
            title=data["title"],
            product=data["product"],
            lead=data["lead"],
            cooperating=data["cooperating"],
            channel=data["channel"],
            timing_text=data["timing_text"],
            end_timing_text=data["end_timing_text"],
            recurrence=data["recurrence"],
            quota_measure=data["quota_measure"],
            quota_minimum=data["quota_minimum"],
            estimated_cost=data["estimated_cost"],
            note=data["note"],
        )

    @classmethod
    def initial_for(cls, task: Task) -> dict[str, Any]:
        """The task as the form shows it; recurrence and quota only where they differ from the text."""
        parsed = parse_timing(
            task.timing_text, plan_year=task.plan.year, end_text=task.end_timing_text or None
        )
        parsed_recurrence = parsed.recurrence.value if parsed.recurrence else ""
        parsed_quota = (parsed.quota.measure.value, parsed.quota.minimum) if parsed.quota else ("", None)
        quota_overridden = (task.quota_measure, task.quota_minimum) != parsed_quota and task.quota_measure
        return {
            "title": task.title,
            "product": task.product,
            "lead": task.lead_text,
            "cooperating": list(task.cooperating_text),
            "channel": task.channel,
            "timing_text": task.timing_text,
            "end_timing_text": task.end_timing_text,
            "recurrence": task.recurrence if task.recurrence != parsed_recurrence else "",
            "quota_measure": task.quota_measure if quota_overridden else "",
            "quota_minimum": task.quota_minimum if quota_overridden else None,
            "estimated_cost": task.estimated_cost,
            "note": task.note,
        }


class IssueForm(forms.Form):
    number = forms.IntegerField(
        label=_("Số"), required=False, min_value=1, help_text=_("Để trống: Loa lấy số tiếp theo của năm.")
    )
    issue_date = forms.DateField(label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"type": "date"}))
