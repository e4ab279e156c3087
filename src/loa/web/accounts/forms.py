"""The form that makes a personal API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from loa.accounts.models import ApiToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"),
        max_length=100,
        help_text=_("Ví dụ: Phần mềm báo cáo của Sở Nội vụ."),
    )
    scope = forms.ChoiceField(label=_("Quyền"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
