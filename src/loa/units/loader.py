"""Load the official unit lists of both eras from the `vietnam-provinces` package.

The package (NSO directory data) is the only source: nothing here is typed by hand
except the national root. Rules:

- Units are matched by (era, code) only, never by name; names collide across eras
  (the legacy Xã Ngọc Lâm 12136 is not the current Xã Ngọc Lâm 12517).
- Codes are the NSO codes: the package's integer zero-padded to 2 (province),
  3 (district) or 5 (commune) digits, see `official_code`; the national root is "VN".
- The tree is root → provinces → communes (current era) and root → provinces →
  districts → communes (legacy era); legacy provinces hang under the same root.
- Current units are valid from 2025-07-01, legacy units until 2025-06-30.
- Successor links follow the 2025 conversion table: legacy commune → the new
  commune(s) it went into; a legacy district or province → the union of the
  new units its communes went into (the new communes for a district, their
  provinces for a province).
- Only registered units (`is_registered=True`) are created, updated or linked; a
  hand-added unit and its links are never touched. Registered units absent from the
  package are left as they are and only counted.
- One transaction; loading again changes nothing when the package did not change.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from django.db import connection, transaction

from loa.text.folding import fold

from .choices import Era, Level, UnitKind
from .models import Unit

ROOT_CODE = "VN"
ROOT_NAME = "Việt Nam"
CURRENT_VALID_FROM = dt.date(2025, 7, 1)
LEGACY_VALID_TO = dt.date(2025, 6, 30)

# Parents are created before their children, so levels are processed in this order.
_LEVEL_ORDER = (Level.NATIONAL, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
# Fields the loader owns on a registered unit; anything else (e.g. agencies) is the users'.
_SYNCED_FIELDS = ("name", "folded_name", "kind", "level", "parent", "codename", "valid_from", "valid_to")
_BATCH_SIZE = 500
CODE_WIDTHS = {Level.PROVINCE.value: 2, Level.DISTRICT.value: 3, Level.COMMUNE.value: 5}

type UnitKey = tuple[str, str]  # (era, code)


class Writer(Protocol):
    """Where progress goes: a text stream or a management command's OutputWrapper."""

    def write(self, msg: str, /) -> object: ...


class LoaderConflict(Exception):
    """A hand-added unit holds an official (era, code); the loader refuses to guess."""


@dataclass(frozen=True)
class UnitRecord:
    """One unit as the package describes it; `parent` is the parent's key."""

    era: str
    code: str
    name: str
    kind: str
    level: str
    parent: UnitKey | None
    codename: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    @property
    def key(self) -> UnitKey:
        return (self.era, self.code)


@dataclass(frozen=True)
class Catalogue:
    """Everything the package says: units in parent-first order and successor links by key."""

    records: tuple[UnitRecord, ...]
    links: frozenset[tuple[UnitKey, UnitKey]]


@dataclass
class LevelCounts:
    """How many units of one era and level a load created, updated or left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadSummary:
    """What one load did: per (era, level) counts, link changes and the time it took."""

    counts: dict[tuple[str, str], LevelCounts] = field(default_factory=dict)
    links_added: int = 0
    links_removed: int = 0
    links_total: int = 0
    # Registered units in the database that the package no longer lists (left untouched).
    not_in_package: int = 0
    seconds: float = 0.0

    def count(self, era: str, level: str) -> LevelCounts:
        return self.counts.setdefault((era, level), LevelCounts())

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(c.updated for c in self.counts.values())

    @property
    def unchanged(self) -> int:
        return sum(c.unchanged for c in self.counts.values())

    def lines(self) -> list[str]:
        """Human-readable report, one line per era and level, then links and time."""
        out = []
        for era in Era:
            for level in _LEVEL_ORDER:
                c = self.counts.get((era.value, level.value))
                if c is None:
                    continue
                out.append(
                    f"{era.value:>8} {level.value:<9} {c.total:>6} units: "
                    f"{c.created} created, {c.updated} updated, {c.unchanged} unchanged"
                )
        out.append(
            f"successor links: {self.links_total} ({self.links_added} added, {self.links_removed} removed)"
        )
        if self.not_in_package:
            out.append(f"registered units not in the package (left as they are): {self.not_in_package}")
        out.append(f"done in {self.seconds:.2f} s")
        return out


def official_code(level: str, number: int) -> str:
    """The NSO code of a unit as stored: the package's integer, zero-padded to its level's width.

    Provinces have 2 digits, districts 3, communes 5 ("01" Hà Nội, "001" Quận Ba Đình,
    "00004" Phường Ba Đình, "12136" Xã Ngọc Lâm). Padding is what keeps codes unique per
    era: the bare integers of different levels collide (4 is both Tỉnh Cao Bằng and
    Phường Ba Đình in the current list; legacy levels collide by the hundreds).
    """
    return f"{int(number):0{CODE_WIDTHS[level]}d}"


def read_catalogue() -> Catalogue:
    """Read both eras and the 2025 conversion table from the package (about 0.5 s)."""
    from vietnam_provinces import Province, Ward, legacy

    cur, old = Era.CURRENT.value, Era.LEGACY.value
    province, district, commune = Level.PROVINCE.value, Level.DISTRICT.value, Level.COMMUNE.value
    root = UnitRecord(
        era=cur,
        code=ROOT_CODE,
        name=ROOT_NAME,
        kind=UnitKind.NATION.value,
        level=Level.NATIONAL.value,
        parent=None,
        codename="viet_nam",
        valid_from=None,
        valid_to=None,
    )
    records = [root]

    def key(era: str, level: str, number: int) -> UnitKey:
        return (era, official_code(level, number))

    def add(era: str, level: str, number: int, name: str, kind: str, parent: UnitKey, codename: str) -> None:
        records.append(
            UnitRecord(
                era=era,
                code=official_code(level, number),
                name=name,
                kind=UnitKind(str(kind)).value,  # fails loudly on a division type we do not know
                level=level,
                parent=parent,
                codename=codename,
                valid_from=CURRENT_VALID_FROM if era == cur else None,
                valid_to=LEGACY_VALID_TO if era == old else None,
            )
        )

    for p in Province.iter_all():
        add(cur, province, p.code, p.name, p.division_type, root.key, p.codename)
    for w in Ward.iter_all():
        add(cur, commune, w.code, w.name, w.division_type, key(cur, province, w.province_code), w.codename)
    for lp in legacy.Province.iter_all():
        add(old, province, lp.code, lp.name, lp.division_type, root.key, lp.codename)
    legacy_districts = list(legacy.District.iter_all())
    for ld in legacy_districts:
        parent = key(old, province, ld.province_code)
        add(old, district, ld.code, ld.name, ld.division_type, parent, ld.codename)
    legacy_wards = list(legacy.Ward.iter_all())
    for lw in legacy_wards:
        parent = key(old, district, lw.district_code)
        add(old, commune, lw.code, lw.name, lw.division_type, parent, lw.codename)

    # Ward links use the public `Ward.search_from_legacy(code=…)`: with a code it is a
    # dict lookup in the package's conversion table (10,051 calls take ~0.1 s), so there
    # is no need to reach into the private `_ward_conversion_2025` module.
    # District and province links are derived from the ward links through the legacy
    # list's own hierarchy rather than read from `_province_conversion_2025` /
    # `search_from_legacy_district`: those use the parent codes written in the
    # conversion table, which are wrong for a few wards (2026.9.0: legacy ward 27691,
    # Phường 4 of Thành phố Tân An, Long An, is filed under Tiền Giang, so the
    # package's province table wrongly lists Tây Ninh as a successor of Tiền Giang).
    links: set[tuple[UnitKey, UnitKey]] = set()
    province_of_district = {int(ld.code): int(ld.province_code) for ld in legacy_districts}
    for lw in legacy_wards:
        old_ward = key(old, commune, lw.code)
        old_district = key(old, district, lw.district_code)
        old_province = key(old, province, province_of_district[int(lw.district_code)])
        for found in Ward.search_from_legacy(code=int(lw.code)):
            new_ward = key(cur, commune, found.ward.code)
            links.add((old_ward, new_ward))
            links.add((old_district, new_ward))
            links.add((old_province, key(cur, province, found.ward.province_code)))
    return Catalogue(records=tuple(records), links=frozenset(links))


def load_units(*, stdout: Writer | None = None) -> LoadSummary:
    """Create or update every registered unit and successor link from the package.

    Idempotent: a second load reports nothing created, updated, added or removed.
    Raises LoaderConflict (and changes nothing) if a hand-added unit holds an official
    (era, code).
    """
    started = time.perf_counter()
    catalogue = read_catalogue()
    read_seconds = time.perf_counter() - started
    with transaction.atomic():
        summary = _sync(catalogue)
    summary.seconds = time.perf_counter() - started
    if stdout is not None:
        stdout.write(f"read the package in {read_seconds:.2f} s\n")
        for line in summary.lines():
            stdout.write(line + "\n")
    return summary


def _sync(catalogue: Catalogue) -> LoadSummary:
    summary = LoadSummary()
    records_by_key = {r.key: r for r in catalogue.records}
    conflicts = sorted(
        f"{era}:{code}"
        for era, code in Unit.objects.filter(is_registered=False, code__isnull=False).values_list(
            "era", "code"
        )
        if (era, code) in records_by_key
    )
    if conflicts:
        raise LoaderConflict(
            "Hand-added units hold official codes; rename or register them first: " + ", ".join(conflicts)
        )

    existing: dict[UnitKey, Unit] = {
        (u.era, u.code): u
        for u in Unit.objects.filter(is_registered=True).only("id", "era", "code", *_SYNCED_FIELDS)
        if u.code is not None
    }
    summary.not_in_package = len(existing.keys() - records_by_key.keys())
    pks: dict[UnitKey, int] = {key: unit.pk for key, unit in existing.items()}

    by_level: dict[str, list[UnitRecord]] = defaultdict(list)
    for record in catalogue.records:
        by_level[record.level].append(record)
    for level in _LEVEL_ORDER:
        to_create: list[Unit] = []
        to_update: dict[tuple[str, ...], list[Unit]] = defaultdict(list)
        for record in by_level[level]:
            parent_id = pks[record.parent] if record.parent is not None else None
            unit = existing.get(record.key)
            counts = summary.count(record.era, record.level)
            if unit is None:
                to_create.append(_new_unit(record, parent_id))
                counts.created += 1
            elif changed := _apply(unit, record, parent_id):
                to_update[changed].append(unit)
                counts.updated += 1
            else:
                counts.unchanged += 1
        Unit.objects.bulk_create(to_create, batch_size=_BATCH_SIZE)
        for fields, units in to_update.items():
            _update_rows(units, fields)
        if to_create:
            # Re-read the new ids rather than rely on every backend returning them.
            created_keys = {(u.era, u.code) for u in to_create}
            for pk, era, code in Unit.objects.filter(is_registered=True, level=level).values_list(
                "pk", "era", "code"
            ):
                if (era, code) in created_keys:
                    pks[(era, code)] = pk

    _sync_links(catalogue.links, pks, summary)
    return summary


def _new_unit(record: UnitRecord, parent_id: int | None) -> Unit:
    # bulk_create skips Unit.save(), which is where folded_name is normally set.
    return Unit(
        era=record.era,
        code=record.code,
        name=record.name,
        folded_name=fold(record.name),
        kind=record.kind,
        level=record.level,
        parent_id=parent_id,
        codename=record.codename,
        valid_from=record.valid_from,
        valid_to=record.valid_to,
        is_registered=True,
    )


def _update_rows(units: list[Unit], fields: tuple[str, ...]) -> None:
    """Write `fields` of `units` with one parameterised UPDATE run by executemany.

    QuerySet.bulk_update builds a CASE expression per field and batch, which took 30 s
    on SQLite to rewrite every unit; a plain UPDATE … WHERE id = %s per row takes ~1 s
    on SQLite and PostgreSQL (psycopg pipelines executemany).
    """
    concrete = {f.name: f for f in Unit._meta.concrete_fields}
    model_fields = [concrete[name] for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.get_attname_column()[1])} = %s" for f in model_fields)
    sql = f"UPDATE {quote(Unit._meta.db_table)} SET {assignments} WHERE {quote('id')} = %s"
    rows = [
        [f.get_db_prep_save(getattr(unit, f.attname), connection) for f in model_fields] + [unit.pk]
        for unit in units
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _apply(unit: Unit, record: UnitRecord, parent_id: int | None) -> tuple[str, ...]:
    """Copy the record's values onto `unit`; the names of the fields that changed."""
    wanted = {
        "name": record.name,
        "folded_name": fold(record.name),
        "kind": record.kind,
        "level": record.level,
        "parent": parent_id,
        "codename": record.codename,
        "valid_from": record.valid_from,
        "valid_to": record.valid_to,
    }
    changed = []
    for name, value in wanted.items():
        attr = "parent_id" if name == "parent" else name
        if getattr(unit, attr) != value:
            setattr(unit, attr, value)
            changed.append(name)
    return tuple(changed)


def _sync_links(
    wanted_keys: Iterable[tuple[UnitKey, UnitKey]], pks: dict[UnitKey, int], summary: LoadSummary
) -> None:
    """Make the links between registered units exactly the package's links."""
    through = Unit.successors.through
    wanted = {(pks[a], pks[b]) for a, b in wanted_keys}
    current: dict[tuple[int, int], int] = {
        (from_id, to_id): link_id
        for link_id, from_id, to_id in through.objects.filter(
            from_unit__is_registered=True, to_unit__is_registered=True
        ).values_list("id", "from_unit_id", "to_unit_id")
    }
    stale = [link_id for pair, link_id in current.items() if pair not in wanted]
    missing = sorted(wanted - current.keys())
    for start in range(0, len(stale), _BATCH_SIZE):
        through.objects.filter(id__in=stale[start : start + _BATCH_SIZE]).delete()
    through.objects.bulk_create(
        [through(from_unit_id=a, to_unit_id=b) for a, b in missing], batch_size=_BATCH_SIZE
    )
    summary.links_added = len(missing)
    summary.links_removed = len(stale)
    summary.links_total = len(wanted)
