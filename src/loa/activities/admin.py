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
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        old = Activity.objects.filter(pk=obj.pk).values_list("occurrence_id", flat=True).first()
        super().save_model(request, obj, form, change)
        _reassess_ids({old, obj.occurrence_id})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        occurrence_id = obj.occurrence_id
        super().delete_model(request, obj)
        _reassess_ids({occurrence_id})

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        ids = set(queryset.values_list("occurrence_id", flat=True))
        super().delete_queryset(request, queryset)
        _reassess_ids(ids)


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
