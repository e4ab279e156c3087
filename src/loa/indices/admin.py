from django.contrib import admin

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability

from .models import IndexValue


@admin.register(IndexValue)
class IndexValueAdmin(ScopedAdmin):
    write_capability = Capability.MANAGE_UNIT
    list_display = ("unit", "kind", "year", "value", "rank", "rank_of")
    list_filter = ("kind", "year")
    search_fields = ("unit__name", "unit__code")
    list_select_related = ("unit",)
    raw_id_fields = ("unit",)
    readonly_fields = ("recorded_by",)
