"""Reads of procedures: scoped to a user for staff pages, per unit for the public ones."""

from __future__ import annotations

from django.db.models import QuerySet

from loa.accounts.permissions import AnyUser, Capability, unit_ids_with
from loa.text.folding import fold
from loa.units.models import Unit

from .models import Procedure, ProcedureList


def procedures_visible_to(user: AnyUser) -> QuerySet[Procedure]:
    """Procedures of the units the user may view (404 for the others)."""
    scope = unit_ids_with(user, Capability.VIEW)
    procedures = Procedure.objects.select_related("unit")
    return procedures if scope is None else procedures.filter(unit_id__in=scope)


def procedures_for(unit: Unit | int) -> QuerySet[Procedure]:
    """A unit's procedures in list order (field, name); every row is public."""
    return Procedure.objects.filter(unit=unit).order_by("field", "name", "code")


def search_procedures(procedures: QuerySet[Procedure], query: str) -> QuerySet[Procedure]:
    """Procedures whose code, name or field contain every word of `query`, diacritics ignored.

    "cap giay khai sinh" finds "Cấp giấy khai sinh"; "1.001193" finds that code.
    """
    for word in fold(query).split()[:10]:
        procedures = procedures.filter(folded_search__contains=word)
    return procedures


def procedure_fields_for(unit: Unit | int) -> list[str]:
    """The distinct non-empty fields (lĩnh vực) of a unit's procedures, sorted."""
    return list(
        procedures_for(unit).exclude(field="").order_by("field").values_list("field", flat=True).distinct()
    )


def procedure_list_for(unit: Unit | int) -> ProcedureList | None:
    """When and by whom the unit's list was last imported; None before the first import."""
    return ProcedureList.objects.filter(unit=unit).select_related("updated_by").first()
