from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability, unit_ids_with

from .models import ChangeLogEntry


@admin.register(ChangeLogEntry)
class ChangeLogEntryAdmin(ScopedAdmin):
    """Read-only; visible to the admins of the unit (the change log is theirs to audit)."""

    write_capability = Capability.MANAGE_UNIT
    list_display = ("at", "actor", "unit", "verb", "summary")
    list_filter = ("verb",)
    search_fields = ("summary", "unit__name", "actor__username")
    list_select_related = ("actor", "unit")
    readonly_fields = (
        "at",
        "actor",
        "unit",
        "verb",
        "target_type",
        "target_id",
        "summary",
        "before",
        "after",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        scope = unit_ids_with(request.user, Capability.MANAGE_UNIT)
        return queryset if scope is None else queryset.filter(unit_id__in=scope)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
