from django.contrib import admin

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability

from .models import Activity, Attachment


class AttachmentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Attachment
    extra = 0


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    write_capability = Capability.LOG_ACTIVITY
    list_display = ("happened_on", "title", "unit", "channel", "quantity", "measure", "cost")
    list_filter = ("channel", "measure")
    search_fields = ("title", "unit__name")
    date_hierarchy = "happened_on"
    list_select_related = ("unit",)
    raw_id_fields = ("unit", "occurrence")
    inlines = (AttachmentInline,)


@admin.register(Attachment)
class AttachmentAdmin(ScopedAdmin):
    unit_path = "activity__unit"
    write_capability = Capability.LOG_ACTIVITY
    list_display = ("original_name", "activity", "content_type", "size")
    raw_id_fields = ("activity",)
