"""Forms of the staff procedures pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ProcedureImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh mục thủ tục (CSV UTF-8 hoặc Excel .xlsx)"),
        help_text=_(
            "Danh mục mới thay thế toàn bộ danh mục hiện có: thủ tục không có trong tệp sẽ bị gỡ bỏ."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
