"""Reads of units: finding a unit by the name a document gives it."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from loa.text.folding import fold

from .choices import Era, Level, UnitKind
from .models import Unit

KINDS_BY_LEVEL: dict[str, tuple[str, ...]] = {
    Level.PROVINCE: (UnitKind.PROVINCE, "thành phố", "tp"),
    Level.DISTRICT: (
        UnitKind.RURAL_DISTRICT,
        UnitKind.URBAN_DISTRICT,
        UnitKind.DISTRICT_TOWN,
        UnitKind.PROVINCIAL_CITY,
    ),
    Level.COMMUNE: (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWNSHIP, UnitKind.SPECIAL_ZONE),
}


def subtree_parents(unit: Unit | int) -> dict[int, int | None]:
    """Id → parent id of `unit` and every unit below it, in one recursive query.

    Walks down from the unit only (django-tree-queries' `descendants` numbers and walks
    the whole tree from its roots first: 100 ms for one commune among 14,000 units).
    """
    table = connection.ops.quote_name(Unit._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE below(id, parent_id) AS ("
            f" SELECT id, parent_id FROM {table} WHERE id = %s"
            f" UNION ALL SELECT u.id, u.parent_id FROM {table} u JOIN below b ON u.parent_id = b.id"
            f") SELECT id, parent_id FROM below",
            [unit if isinstance(unit, int) else unit.pk],
        )
        return dict(cursor.fetchall())


def subtree_ids(unit: Unit | int) -> set[int]:
    """Ids of `unit` and every unit below it (one recursive query)."""
    return set(subtree_parents(unit))


def province_of(unit: Unit) -> Unit | None:
    """The province the unit is in (itself for a province; None for the national root)."""
    node: Unit | None = unit
    while node is not None and node.level != Level.PROVINCE:
        node = node.parent
    return node


def era_for_plan_year(year: int | None) -> Era:
    """Plans for 2025 and earlier were issued by the pre-2025 units."""
    return Era.LEGACY if year is not None and year <= 2025 else Era.CURRENT


def units_named(locality: str, *, era: Era, level: str) -> QuerySet[Unit]:
    """Units of an era and level whose proper name is `locality` (diacritic-insensitive)."""
    folded = fold(locality)
    names = [fold(f"{kind} {locality}") for kind in KINDS_BY_LEVEL.get(level, ())]
    names.append(folded)
    units: QuerySet[Unit] = Unit.objects.filter(era=era, level=level, folded_name__in=names)
    return units.select_related("parent", "parent__parent")


def best_unit_for(locality: str, *, era: Era, level: str, context_text: str = "") -> Unit | None:
    """The one unit a document most likely means, or None when it cannot tell.

    Names repeat across the country, so candidates are ranked by how many of their
    ancestors' names the document mentions; a tie means "unknown", never a guess. With
    a document to read, even a lone candidate must have one of its ancestors named
    there: "xã Gia Tân" of a plan citing huyện Gia Lộc is not the Gia Tân of Ninh Bình.
    """
    candidates = list(units_named(locality, era=era, level=level))
    if not candidates:
        return None
    if not context_text:
        return candidates[0] if len(candidates) == 1 else None
    folded_text = fold(context_text)

    def score(unit: Unit) -> int:
        points, ancestor = 0, unit.parent
        if ancestor is None or ancestor.level == Level.NATIONAL:
            return 1  # a province: nothing above it to check, and its name is unique in its era
        while ancestor is not None and ancestor.level != Level.NATIONAL:
            if fold(ancestor.short_name) in folded_text:
                points += 1
            ancestor = ancestor.parent
        return points

    ranked = sorted(((score(u), u.pk, u) for u in candidates), key=lambda t: (-t[0], t[1]))
    if ranked[0][0] > 0 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0]):
        return ranked[0][2]
    return None
