"""Forms of the staff feedback pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loa.accounts.models import User
from loa.feedback.models import Feedback
from loa.feedback.queries import assignable_staff


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Giao cho"), queryset=User.objects.none())

    def __init__(self, *args: Any, feedback: Feedback, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["assignee"]
        field.queryset = assignable_staff(feedback.unit)
        field.initial = feedback.assignee_id


class SessionForm(forms.Form):
    month = forms.DateField(
        label=_("Kỳ hỏi đáp (tháng)"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), widget=forms.Textarea(attrs={"rows": 6}))
    answerer_title = forms.CharField(
        label=_("Chức vụ người trả lời"),
        max_length=200,
        required=False,
        help_text=_("Bắt buộc với câu hỏi gửi thủ trưởng, ví dụ: Chủ tịch UBND xã."),
    )


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=_("Nội dung công khai"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bỏ các thông tin cá nhân khỏi nội dung người dân gửi; để trống: công khai nguyên văn."),
    )
