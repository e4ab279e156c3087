"""Reads of plans, tasks and occurrences, scoped to what a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from loa.accounts.permissions import AnyUser, Capability, unit_ids_with

from .models import Occurrence, Plan, Task


def plans_visible_to(user: AnyUser) -> QuerySet[Plan]:
    """Plans of the units the user may read (their subtree and the legacy units merged into it)."""
    scope = unit_ids_with(user, Capability.VIEW)
    plans = Plan.objects.select_related("unit", "unit__parent")
    return plans if scope is None else plans.filter(unit_id__in=scope)


def plans_editable_by(user: AnyUser) -> QuerySet[Plan]:
    scope = unit_ids_with(user, Capability.EDIT_PLAN)
    plans = Plan.objects.select_related("unit")
    return plans if scope is None else plans.filter(unit_id__in=scope)


def tasks_visible_to(user: AnyUser) -> QuerySet[Task]:
    scope = unit_ids_with(user, Capability.VIEW)
    tasks = Task.objects.select_related("plan", "plan__unit", "lead_agency")
    return tasks if scope is None else tasks.filter(plan__unit_id__in=scope)


def occurrences_visible_to(user: AnyUser) -> QuerySet[Occurrence]:
    scope = unit_ids_with(user, Capability.VIEW)
    occurrences = Occurrence.objects.select_related("task", "task__plan", "task__plan__unit")
    return occurrences if scope is None else occurrences.filter(task__plan__unit_id__in=scope)
