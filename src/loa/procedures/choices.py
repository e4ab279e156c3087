"""Closed vocabularies of the procedures app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OnlineLevel(models.TextChoices):
    """How far a procedure can be done as an online public service (DVC trực tuyến)."""

    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "", _("Chưa cung cấp trực tuyến")
