"""Roles a user can hold on a unit; each covers the unit's whole subtree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Ordered from most to least powerful; see ROLE_CAPABILITIES in permissions.py."""

    ADMIN = "admin", _("Quản trị đơn vị")
    EDITOR = "editor", _("Biên tập kế hoạch")
    REPORTER = "reporter", _("Cập nhật kết quả, báo cáo")
    VIEWER = "viewer", _("Chỉ xem")
