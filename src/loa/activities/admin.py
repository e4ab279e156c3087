from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability
from loa.plans.models import Occurrence

from .models import Activity, Attachment
from .scheduling import reassess
from .tallies import activity_key, refresh_activity_tallies


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
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    # Statuses follow the evidence here too, as they do when activities are logged in the pages.
    # and the dashboard tallies are recounted.
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        old = Activity.objects.filter(pk=obj.pk).first()
        super().save_model(request, obj, form, change)
        _reassess_ids({old.occurrence_id if old else None, obj.occurrence_id})
        refresh_activity_tallies([activity_key(obj)] + ([activity_key(old)] if old else []))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        occurrence_id, key = obj.occurrence_id, activity_key(obj)
        super().delete_model(request, obj)
        _reassess_ids({occurrence_id})
        refresh_activity_tallies([key])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        gone = list(queryset)
        super().delete_queryset(request, queryset)
        _reassess_ids({activity.occurrence_id for activity in gone})
        refresh_activity_tallies(activity_key(activity) for activity in gone)


def _reassess_ids(ids: set[int | None]) -> None:
    wanted = {pk for pk in ids if pk is not None}
    if wanted:
        reassess(Occurrence.objects.filter(pk__in=wanted))


@admin.register(Attachment)
class AttachmentAdmin(ScopedAdmin):
    unit_path = "activity__unit"
    write_capability = Capability.LOG_ACTIVITY
    list_display = ("original_name", "activity", "content_type", "size")
    raw_id_fields = ("activity",)
