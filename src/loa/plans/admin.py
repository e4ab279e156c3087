from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from loa.accounts.admin_scoping import ScopedAdmin
from loa.activities.scheduling import regenerate_occurrences
from loa.activities.tallies import refresh_plan_tallies

from .models import Occurrence, Plan, PlanImport, PlanReference, PlanSection, Task


class PlanReferenceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PlanReference
    extra = 0
    fk_name = "plan"
    raw_id_fields = ("referenced_plan",)


class PlanSectionInline(admin.StackedInline):  # type: ignore[type-arg]
    model = PlanSection
    extra = 0


@admin.register(Plan)
class PlanAdmin(ScopedAdmin):
    list_display = ("__str__", "unit", "year", "status", "issue_date")
    list_filter = ("status", "year")
    search_fields = ("title", "unit__name", "issuer_name")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    inlines = (PlanReferenceInline, PlanSectionInline)


@admin.register(Task)
class TaskAdmin(ScopedAdmin):
    unit_path = "plan__unit"
    list_display = ("__str__", "plan", "recurrence", "timing_text", "lead_agency")
    list_filter = ("recurrence", "channel")
    search_fields = ("title", "lead_text")
    list_select_related = ("plan", "plan__unit", "lead_agency")
    raw_id_fields = ("plan", "lead_agency", "cooperating_agencies")
    readonly_fields = ("recurrence", "start", "end", "count_per_period", "timing_flags")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The schedule follows the task here too, as it does in the plan pages.
        super().save_model(request, obj, form, change)
        regenerate_occurrences(obj)

    # A deleted task's occurrences leave its plan's dashboard tallies.
    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        refresh_plan_tallies([obj.plan_id])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        plan_ids = set(queryset.values_list("plan_id", flat=True))
        super().delete_queryset(request, queryset)
        refresh_plan_tallies(plan_ids)


@admin.register(Occurrence)
class OccurrenceAdmin(ScopedAdmin):
    unit_path = "task__plan__unit"
    list_display = ("__str__", "period_start", "period_end", "due_date", "status")
    list_filter = ("status",)
    list_select_related = ("task", "task__plan", "task__plan__unit")
    raw_id_fields = ("task",)
    # Periods come from the task's recurrence and statuses from its activities.
    readonly_fields = ("task", "period_start", "period_end", "due_date", "label", "status", "fulfilled_on")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    # Deleting a period by hand would leave the schedule (and the dashboard tallies) behind.
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PlanImport)
class PlanImportAdmin(ScopedAdmin):
    list_display = ("original_name", "unit", "status", "progress", "created_at")
    list_filter = ("status",)
    list_select_related = ("unit",)
    raw_id_fields = ("unit", "plan")
    readonly_fields = ("source_text", "draft")
