"""Reads of activities and evidence files, scoped to what a user may see."""

from __future__ import annotations

from django.db.models import QuerySet

from loa.accounts.permissions import AnyUser, Capability, unit_ids_with

from .models import Activity, Attachment


def activities_visible_to(user: AnyUser) -> QuerySet[Activity]:
    scope = unit_ids_with(user, Capability.VIEW)
    activities = Activity.objects.select_related("unit", "occurrence", "occurrence__task")
    return activities if scope is None else activities.filter(unit_id__in=scope)


def attachments_visible_to(user: AnyUser) -> QuerySet[Attachment]:
    """Evidence files of the activities the user may see; downloads go through this."""
    scope = unit_ids_with(user, Capability.VIEW)
    attachments = Attachment.objects.select_related("activity")
    return attachments if scope is None else attachments.filter(activity__unit_id__in=scope)
