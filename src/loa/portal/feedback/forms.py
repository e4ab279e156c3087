"""Public forms: a citizen's feedback or question, with a honeypot field, and the rating."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loa.feedback.choices import Kind, Topic
from loa.feedback.services import MAX_FILES, FeedbackInput
from loa.web.fields import MultipleFileField

HONEYPOT = "website"


class FeedbackForm(forms.Form):
    topic = forms.ChoiceField(label=_("Lĩnh vực"), choices=Topic.choices)
    name = forms.CharField(label=_("Họ và tên"), max_length=120)
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    content = forms.CharField(label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    attachments = MultipleFileField(
        label=_("Tệp đính kèm"),
        required=False,
        help_text=_("Tối đa %(n)s tệp: ảnh, PDF, văn bản Word/Excel, ghi âm.") % {"n": MAX_FILES},
    )
    # Hidden from people by the template; bots that fill every field fill this one.
    website = forms.CharField(label=_("Để trống ô này"), required=False)

    def __init__(self, *args: Any, kind: str = Kind.FEEDBACK, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})
        if kind == Kind.QUESTION:
            self.fields["content"].label = _("Câu hỏi")
            del self.fields["attachments"]

    @property
    def is_trap_filled(self) -> bool:
        return bool(self.cleaned_data.get(HONEYPOT))

    def to_input(self) -> FeedbackInput:
        data = self.cleaned_data
        return FeedbackInput(
            kind=self.kind,
            topic=data["topic"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            content=data["content"],
            files=list(data.get("attachments") or []),
        )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Mức độ hài lòng với trả lời"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
