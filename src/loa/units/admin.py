from django.contrib import admin

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability

from .models import Agency, Unit


@admin.register(Unit)
class UnitAdmin(ScopedAdmin):
    unit_path = ""
    write_capability = Capability.MANAGE_UNIT
    list_display = (
        "name",
        "code",
        "era",
        "level",
        "kind",
        "parent",
        "valid_from",
        "valid_to",
        "is_registered",
    )
    list_filter = ("era", "level", "kind", "is_registered")
    search_fields = ("name", "folded_name", "code")
    raw_id_fields = ("parent",)
    filter_horizontal = ("successors",)
    list_select_related = ("parent",)


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    write_capability = Capability.MANAGE_UNIT
    list_display = ("name", "kind", "unit", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "folded_name", "unit__name")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
