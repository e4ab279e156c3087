from django.contrib import admin

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability

from .models import ContactPoint


@admin.register(ContactPoint)
class ContactPointAdmin(ScopedAdmin):
    write_capability = Capability.MANAGE_UNIT
    list_display = ("label", "value", "kind", "unit", "public")
    list_filter = ("kind", "public")
    raw_id_fields = ("unit",)
