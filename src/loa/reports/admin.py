from django.contrib import admin

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability

from .models import DeadlineRule, DocumentBuild, Report, ScoringRule


@admin.register(Report)
class ReportAdmin(ScopedAdmin):
    write_capability = Capability.REPORT
    list_display = ("__str__", "unit", "year", "kind", "status", "due_date", "submitted_at")
    list_filter = ("status", "kind", "year")
    search_fields = ("unit__name", "label")
    list_select_related = ("unit",)
    raw_id_fields = ("unit", "plan")
    # Figures are computed by the services and kept as submitted.
    readonly_fields = (
        "figures",
        "score",
        "window_start",
        "window_end",
        "label",
        "submitted_at",
        "reviewed_at",
    )


@admin.register(DocumentBuild)
class DocumentBuildAdmin(ScopedAdmin):
    write_capability = Capability.REPORT
    list_display = ("__str__", "unit", "format", "status", "created_at")
    list_filter = ("status", "format")
    list_select_related = ("unit",)
    raw_id_fields = ("unit", "plan", "report")


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(ScopedAdmin):
    unit_path = "province"
    write_capability = Capability.MANAGE_UNIT
    list_display = ("__str__", "working_days_after_cutoff", "fixed_day_of_month")


@admin.register(ScoringRule)
class ScoringRuleAdmin(ScopedAdmin):
    unit_path = "province"
    write_capability = Capability.MANAGE_UNIT
    list_display = ("name", "province", "from_year")
