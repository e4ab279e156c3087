"""Reads of reports and generated files, scoped to what a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from loa.accounts.permissions import AnyUser, Capability, unit_ids_with

from .models import DocumentBuild, Report


def reports_visible_to(user: AnyUser) -> QuerySet[Report]:
    scope = unit_ids_with(user, Capability.VIEW)
    reports = Report.objects.select_related("unit", "unit__parent", "plan")
    return reports if scope is None else reports.filter(unit_id__in=scope)


def builds_visible_to(user: AnyUser) -> QuerySet[DocumentBuild]:
    """Generated files of plans and reports the user may see; downloads go through this."""
    scope = unit_ids_with(user, Capability.VIEW)
    builds = DocumentBuild.objects.select_related("unit")
    return builds if scope is None else builds.filter(unit_id__in=scope)
