from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .admin_scoping import ScopedAdmin
from .models import Membership, User
from .permissions import Capability, unit_ids_with


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ("unit",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    """Only superusers manage accounts directly; unit admins grant roles through memberships."""

    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Thông tin công tác"), {"fields": ("full_name", "job_title", "phone")}),
    )
    list_display = ("username", "full_name", "job_title", "is_active", "is_staff")
    search_fields = ("username", "full_name", "email")
    inlines = (MembershipInline,)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and getattr(request.user, "is_superuser", False))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    write_capability = Capability.MANAGE_UNIT
    list_display = ("user", "unit", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "unit__name")
    autocomplete_fields = ("unit", "user")
    list_select_related = ("user", "unit")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # Unit admins see the roles granted on units they manage, not merely view.
        queryset = super().get_queryset(request)
        scope = unit_ids_with(request.user, Capability.MANAGE_UNIT)
        return queryset if scope is None else queryset.filter(unit_id__in=scope)
