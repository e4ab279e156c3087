"""Admin: the answer deadlines per topic are data; feedback rows are read-only there
(every change goes through the services and their change log)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability

from .models import Feedback, ResponseDeadline


@admin.register(ResponseDeadline)
class ResponseDeadlineAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("topic", "days", "working_days")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)


@admin.register(Feedback)
class FeedbackAdmin(ScopedAdmin):
    unit_path = "unit"
    write_capability = Capability.REPORT
    list_display = ("code", "unit", "kind", "topic", "status", "due_date", "submitted_at")
    list_filter = ("kind", "topic", "status")
    search_fields = ("code",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False
