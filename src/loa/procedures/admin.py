from django.contrib import admin
from django.http import HttpRequest

from loa.accounts.admin_scoping import ScopedAdmin

from .models import Procedure, ProcedureList


@admin.register(Procedure)
class ProcedureAdmin(ScopedAdmin):
    """Single corrections; whole lists come in through the import page."""

    list_display = ("code", "name", "unit", "field", "online_level", "posted_at_desk", "updated_at")
    list_filter = ("online_level", "posted_at_desk")
    search_fields = ("code", "name", "folded_search", "unit__name")
    list_select_related = ("unit",)
    readonly_fields = ("updated_at",)


@admin.register(ProcedureList)
class ProcedureListAdmin(ScopedAdmin):
    """Read-only record of the last import of each unit's list."""

    list_display = ("unit", "count", "updated_at", "updated_by", "source_name")
    list_select_related = ("unit", "updated_by")
    readonly_fields = ("unit", "count", "updated_at", "updated_by", "source_name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
