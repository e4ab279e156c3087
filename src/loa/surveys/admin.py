from django.contrib import admin

from loa.accounts.admin_scoping import ScopedAdmin
from loa.accounts.permissions import Capability

from .models import Answer, Response, Survey, SurveyQuestion


class SurveyQuestionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = SurveyQuestion
    extra = 0
    fields = ("position", "element", "text")


@admin.register(Survey)
class SurveyAdmin(ScopedAdmin):
    write_capability = Capability.EDIT_PLAN
    list_display = ("title", "unit", "status", "opens_on", "closes_on")
    list_filter = ("status",)
    search_fields = ("title", "unit__name")
    list_select_related = ("unit",)
    raw_id_fields = ("unit",)
    inlines = [SurveyQuestionInline]


class AnswerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Answer
    extra = 0
    fields = ("question", "score")
    readonly_fields = ("question", "score")
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Response)
class ResponseAdmin(ScopedAdmin):
    """Answers are citizens' own: staff may read and delete spam, never write them."""

    unit_path = "survey__unit"
    write_capability = Capability.EDIT_PLAN
    list_display = ("survey", "respondent_group", "submitted_at")
    list_filter = ("respondent_group",)
    list_select_related = ("survey", "survey__unit")
    readonly_fields = ("survey", "token", "device_key", "respondent_group", "submitted_at")
    inlines = [AnswerInline]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
