"""The base of every admin page: the same unit scopes as the staff pages.

A staff user sees in the admin only rows of units they may view, may change them
only where their role grants the write capability, and every admin save or delete
writes a change-log row, as the services do.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from loa.audit.models import Verb
from loa.audit.services import record_change, snapshot
from loa.units.models import Unit

from .permissions import Capability, has_capability, unit_ids_with
from .queries import units_with

# How each scoped model reaches its unit, by model label: the choices offered for a
# foreign key or many-to-many field are limited the same way as the rows of the page.
UNIT_PATHS = {
    "units.unit": "",
    "units.agency": "unit",
    "accounts.membership": "unit",
    "plans.plan": "unit",
    "plans.planimport": "unit",
    "plans.task": "plan__unit",
    "plans.occurrence": "task__plan__unit",
    "activities.activity": "unit",
    "activities.attachment": "activity__unit",
}
# Who made a row is recorded, never chosen: these fields are read-only and set on add.
AUTHOR_FIELDS = ("created_by", "uploaded_by")


def _scoped_choices(queryset: QuerySet[Any], scope: frozenset[int] | None) -> QuerySet[Any]:
    path = UNIT_PATHS.get(queryset.model._meta.label_lower)
    if path is None or scope is None:
        return queryset
    return queryset.filter(**{f"{path}_id__in" if path else "pk__in": scope})


class ScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin restricted to the units a user's roles cover.

    `unit_path` is the lookup from the model to its Unit ("unit", "plan__unit", or
    "" for Unit itself); `write_capability` is what a change needs.
    """

    unit_path = "unit"
    write_capability = Capability.EDIT_PLAN

    def _unit_lookup(self) -> str:
        return f"{self.unit_path}_id" if self.unit_path else "pk"

    def _unit_of(self, obj: models.Model) -> Unit | None:
        if not self.unit_path:
            return obj if isinstance(obj, Unit) else None
        target: Any = obj
        for part in self.unit_path.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target if isinstance(target, Unit) else None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        scope = unit_ids_with(request.user, Capability.VIEW)
        return queryset if scope is None else queryset.filter(**{f"{self._unit_lookup()}__in": scope})

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if not self.has_module_permission(request):
            return False
        unit = self._unit_of(obj) if obj is not None else None
        return obj is None or (unit is not None and has_capability(request.user, unit, Capability.VIEW))

    def _may_write(self, request: HttpRequest, obj: models.Model | None) -> bool:
        if not self.has_module_permission(request):
            return False
        if obj is None:
            scope = unit_ids_with(request.user, self.write_capability)
            return scope is None or bool(scope)
        unit = self._unit_of(obj)
        return unit is not None and has_capability(request.user, unit, self.write_capability)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._may_write(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_write(request, None)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._may_write(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: models.Model | None = None) -> Any:
        user_fields = [
            f.name
            for f in self.model._meta.get_fields()
            if getattr(f, "many_to_one", False) and f.related_model is get_user_model()
        ]
        return (*super().get_readonly_fields(request, obj), *user_fields)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        scope = unit_ids_with(request.user, self.write_capability)
        if db_field.related_model is Unit:
            kwargs["queryset"] = units_with(request.user, self.write_capability).order_by("name")
        elif db_field.related_model._meta.label_lower in UNIT_PATHS:
            kwargs["queryset"] = _scoped_choices(db_field.related_model._default_manager.all(), scope)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.related_model._meta.label_lower in UNIT_PATHS:
            scope = unit_ids_with(request.user, self.write_capability)
            kwargs["queryset"] = _scoped_choices(db_field.related_model._default_manager.all(), scope)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        unit = self._unit_of(obj)
        if unit is None or not has_capability(request.user, unit, self.write_capability):
            raise PermissionDenied
        if not change:
            for name in AUTHOR_FIELDS:
                if hasattr(obj, f"{name}_id") and getattr(obj, f"{name}_id") is None:
                    setattr(obj, name, request.user)
        super().save_model(request, obj, form, change)
        record_change(
            actor=request.user,
            unit=unit,
            verb=Verb.ADMIN_SAVED,
            target=obj,
            summary=str(obj)[:300],
            before=before,
            after=snapshot(obj),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        unit = self._unit_of(obj)
        if unit is not None:
            record_change(
                actor=request.user,
                unit=unit,
                verb=Verb.ADMIN_DELETED,
                target=obj,
                summary=str(obj)[:300],
                before=snapshot(obj),
            )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
