from django.contrib import admin

from loa.accounts.admin_scoping import ScopedAdmin

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


@admin.register(Occurrence)
class OccurrenceAdmin(ScopedAdmin):
    unit_path = "task__plan__unit"
    list_display = ("__str__", "period_start", "period_end", "due_date", "status")
    list_filter = ("status",)
    list_select_related = ("task", "task__plan", "task__plan__unit")
    raw_id_fields = ("task",)


@admin.register(PlanImport)
class PlanImportAdmin(ScopedAdmin):
    list_display = ("original_name", "unit", "status", "progress", "created_at")
    list_filter = ("status",)
    list_select_related = ("unit",)
    raw_id_fields = ("unit", "plan")
    readonly_fields = ("source_text", "draft")
