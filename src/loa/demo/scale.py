"""`loa generate`: deterministic, realistic benchmark data on the real 2025 units, written in bulk.

For each chosen unit (a 2025 province and its communes, as `loa units load` stored them)
and each of two years (`today.year - 1`, tracked the whole year, and `today.year`,
tracked to `today`): one issued plan of 20 to 40 tasks drawn from the seed-based
catalogue (`loa.demo.catalogue`), the tasks' occurrences, about 1,000 activities a
commune-year (somewhat more for a province), an editor and a viewer per unit, and one
change-log row per unit-year. Scales: `small` (2 provinces × 5 communes, for CI),
`province` (one whole province), `national` (all 34 provinces, all 3,321 communes: about
6.5 million activities).

Rules a caller can rely on:
- Both years are put on the 2025 units, although `loa.units.queries.era_for_plan_year`
  gives 2025 and earlier to the pre-2025 units: this is benchmark data, not history.
- Tasks read their timing exactly as the plan services do (`plans.services.read_timing`), their
  occurrences are `loa.tracking.schedule.periods_for`, activities link to the period
  holding their date (`activities.scheduling.occurrence_on`), and each occurrence's
  status and fulfilment date are what `activities.scheduling.reassess` would store
  (`loa.tracking.fulfilment.assess` on the same evidence and `today`).
- Deterministic: the same seed and `today` give the same rows (database ids and
  timestamps aside). Each unit-year draws from its own random stream keyed by seed, year
  and unit code, so a unit's data do not depend on which other units are generated.
- Idempotent: a unit-year that already has a generated plan (created by the system user
  `loa.generator`) is skipped. `replace=True` first deletes everything generated before
  (activities, occurrences, tasks, plans, the change-log rows, the `gen.*` users and
  their memberships; agencies stay, they are the units' real bodies).
- Nothing is dated after `today`. Each province is written in its own transaction: rows
  are made in Python and inserted in bulk (COPY on PostgreSQL, with ids taken from the
  tables' sequences ahead; executemany on SQLite), a bounded buffer at a time, and the
  dashboard tallies of its units are recounted (`activities.tallies.rebuild_tallies`)
  before it commits. On PostgreSQL the run ends with VACUUM ANALYZE.
- All generated users share one password (`GENERATED_PASSWORD`), hashed once.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from typing import Any, NamedTuple, cast

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import CASCADE, DO_NOTHING, SET_NULL
from django.db.models.deletion import get_candidate_relations_to_delete
from django.utils import timezone
from django.utils.translation import gettext as _

from loa.accounts.choices import Role
from loa.accounts.models import Membership, User
from loa.activities.models import Activity
from loa.activities.tallies import rebuild_tallies
from loa.audit.models import ChangeLogEntry, Verb
from loa.plans.choices import OccurrenceStatus, PlanStatus, ReportingPeriod
from loa.plans.models import Occurrence, Plan, Task
from loa.plans.services import read_timing
from loa.text.folding import fold
from loa.tracking.fulfilment import Evidence, Requirement, assess
from loa.tracking.schedule import periods_for
from loa.units.choices import Era, Level, UnitKind
from loa.units.models import Agency, Unit
from loa.units.services import infer_agency_kind

from .catalogue import (
    COMMUNE_DAILY,
    PROVINCE_DAILY,
    SCALE_CATALOGUE,
    SIGNERS,
    TOPICS,
    DailyWork,
    TaskTemplate,
    activity_cost,
    task_evidence,
)

SCALES = ("small", "province", "national")
SMALL_PROVINCES = 2
SMALL_COMMUNES = 5

GENERATOR_USERNAME = "loa.generator"
"""The system user that creates every generated plan and activity: how generated data are found."""
USER_PREFIX = "gen."
USER_EMAIL_DOMAIN = "gen.loa.invalid"
GENERATED_PASSWORD = "loa-gen-2026"
NATIONAL_VIEWER = "gen.national.viewer"

TASKS_PER_PLAN = (20, 40)
COMMUNE_ACTIVITIES = (960, 1080)
PROVINCE_ACTIVITIES = (1250, 1500)
"""Activities of a unit over a whole year; a year tracked to `today` gets its share of them."""
MIN_DAILY_SHARE = 0.25
"""Day-to-day work is at least this share of the year's activities, however busy the plan."""
PROVINCE_DILIGENCE = (0.85, 0.95)
COMMUNE_DILIGENCE = (0.78, 0.95)
LAGGING_DILIGENCE = (0.55, 0.6)
LAGGING_SHARE = 0.08
"""Chance that a unit meets a period's requirement; about one commune in twelve is clearly behind."""
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.35, 0.15)
"""How likely day-to-day work falls on each day of the week (Saturday and Sunday rarely)."""

FLUSH_ACTIVITIES = 50_000
"""Rows of activities buffered before everything buffered is written."""
ID_BLOCKS: dict[type[models.Model], int] = {Agency: 500, Plan: 500, Task: 10_000, Occurrence: 50_000}
"""Ids taken from a PostgreSQL sequence at a time."""

FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý")
MIDDLE_NAMES = ("Văn", "Thị", "Minh", "Đức", "Thu", "Quốc", "Thanh", "Hữu", "Ngọc", "Hồng")
GIVEN_NAMES = (
    "An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương",
    "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm",
    "Thảo", "Thắng", "Trang", "Tuấn", "Vân", "Yến",
)  # fmt: skip
AUDIENCES = [
    "Cán bộ, công chức, viên chức, người lao động",
    "Người dân, doanh nghiệp và các tổ chức trên địa bàn",
]
THEMES = [
    "Chủ trương của Đảng, chính sách, pháp luật của Nhà nước về cải cách hành chính",
    "Kết quả thực hiện cải cách thủ tục hành chính, cơ chế một cửa, một cửa liên thông",
    "Chuyển đổi số, dịch vụ công trực tuyến, Đề án 06",
    "Chỉ số CCHC (PAR INDEX), Chỉ số hài lòng (SIPAS)",
]
REPORTING = [ReportingPeriod.QUARTERLY.value, ReportingPeriod.SEMIANNUAL.value, ReportingPeriod.ANNUAL.value]
_DECIMALS = [Decimal(n) for n in range(10_000)]


class GenerateError(Exception):
    """A request the generator cannot honour (unknown province, units not loaded …)."""


@dataclass(frozen=True)
class ProvinceChoice:
    """A province and the communes of it to generate."""

    province: Unit
    communes: list[Unit]


@dataclass
class GenerateSummary:
    """What a run wrote (`skipped` counts unit-years that already had generated data)."""

    scale: str
    seed: int
    today: dt.date
    years: tuple[int, ...]
    provinces: int = 0
    units: int = 0
    plans: int = 0
    tasks: int = 0
    occurrences: int = 0
    activities: int = 0
    users: int = 0
    agencies: int = 0
    skipped: int = 0
    deleted_activities: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0
    logins: list[tuple[str, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.plans + self.tasks + self.occurrences + self.activities + self.users


def generate(
    *,
    scale: str,
    seed: int,
    today: dt.date,
    province_code: str | None = None,
    communes: int | None = None,
    replace: bool = False,
    log: Callable[[str], None] = print,
) -> GenerateSummary:
    """Generate the data of `scale` for `today.year - 1` and `today.year`; see the module's rules.

    Raises GenerateError for an unknown scale or province, options the scale does not
    take, or a database without the 2025 units.
    """
    started = time.monotonic()
    choices = choose_units(scale, seed=seed, province_code=province_code, communes=communes)
    years = (today.year - 1, today.year)
    summary = GenerateSummary(scale=scale, seed=seed, today=today, years=years)
    generator = _generator_user()
    if replace:
        summary.deleted_activities = delete_generated(generator, log=log)
    password = make_password(GENERATED_PASSWORD)
    with transaction.atomic():
        summary.users += _ensure_national_viewer(password)
    run = _Run(seed=seed, today=today, years=years, generator=generator, password=password, summary=summary)
    for index, choice in enumerate(choices, start=1):
        province_started = time.monotonic()
        before = _counts(summary)
        with transaction.atomic():
            if run.province(choice):
                # The dashboards' tallies, recounted from the rows just written.
                rebuild_tallies([unit.pk for unit in [choice.province, *choice.communes]])
        after = _counts(summary)
        made = {key: after[key] - before[key] for key in after}
        seconds = time.monotonic() - province_started
        skipped = f", bỏ qua {made['skipped']} đơn vị-năm đã sinh trước đó" if made["skipped"] else ""
        log(
            f"[{index:>2}/{len(choices)}] {choice.province.code} {choice.province.name}: "
            f"{1 + len(choice.communes)} đơn vị, {made['plans']:,} kế hoạch, {made['tasks']:,} nhiệm vụ, "
            f"{made['occurrences']:,} kỳ, {made['activities']:,} hoạt động{skipped} — {seconds:.1f} s"
        )
    summary.provinces = len(choices)
    summary.units = sum(1 + len(choice.communes) for choice in choices)
    if connection.vendor == "postgresql":
        if connection.in_atomic_block:
            summary.notices.append("Đang trong một giao dịch: bỏ qua VACUUM ANALYZE.")
        else:
            log("VACUUM ANALYZE …")
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    summary.logins = _sample_logins(choices)
    summary.elapsed = time.monotonic() - started
    return summary


def _counts(summary: GenerateSummary) -> dict[str, int]:
    return {
        "plans": summary.plans,
        "tasks": summary.tasks,
        "occurrences": summary.occurrences,
        "activities": summary.activities,
        "skipped": summary.skipped,
    }


# Choosing the units ---------------------------------------------------------------------------


def choose_units(
    scale: str, *, seed: int, province_code: str | None = None, communes: int | None = None
) -> list[ProvinceChoice]:
    """The provinces and communes of a scale, in code order; picks are drawn from `seed`."""
    if scale not in SCALES:
        raise GenerateError(f"unknown scale {scale!r}: choose one of {', '.join(SCALES)}")
    if scale == "national" and (province_code is not None or communes is not None):
        raise GenerateError("--province and --communes apply to the small and province scales only")
    if communes is not None and communes < 1:
        raise GenerateError("--communes must be at least 1")
    provinces = list(
        Unit.objects.filter(era=Era.CURRENT, level=Level.PROVINCE).order_by("code").only(*_UNIT_FIELDS)
    )
    if not provinces:
        raise GenerateError("no 2025 provinces in the database: run `loa units load` first")
    if province_code is not None:
        chosen = [p for p in provinces if p.code == province_code]
        if not chosen:
            raise GenerateError(f"no 2025 province with code {province_code}")
    elif scale == "small":
        chosen = sorted(random.Random(f"{seed}:provinces").sample(provinces, SMALL_PROVINCES), key=_code)
    elif scale == "province":
        chosen = [random.Random(f"{seed}:province").choice(provinces)]
    else:
        chosen = provinces
    by_parent: dict[int, list[Unit]] = defaultdict(list)
    for commune in (
        Unit.objects.filter(era=Era.CURRENT, level=Level.COMMUNE, parent__in=chosen)
        .order_by("code")
        .only(*_UNIT_FIELDS)
    ):
        by_parent[commune.parent_id or 0].append(commune)
    wanted = communes if communes is not None else (SMALL_COMMUNES if scale == "small" else None)
    result = []
    for province in chosen:
        available = by_parent[province.pk]
        if wanted is not None and wanted < len(available):
            drawn = random.Random(f"{seed}:{province.code}:communes").sample(available, wanted)
            available = sorted(drawn, key=_code)
        result.append(ProvinceChoice(province, available))
    return result


_UNIT_FIELDS = ("id", "code", "name", "kind", "level", "era", "parent")


def _code(unit: Unit) -> str:
    return unit.code or ""


# Timing and schedules, each distinct one read once ---------------------------------------------


# Every commune's plan repeats the catalogue's timing cells: each is read once.
task_timing = lru_cache(maxsize=4096)(read_timing)


class Slot(NamedTuple):
    """One due period of a task, before it is a row."""

    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    label: str


@dataclass(frozen=True)
class Schedule:
    """A task's periods, with their starts and ends for finding the period of a date."""

    slots: tuple[Slot, ...]
    starts: tuple[dt.date, ...]

    def index_on(self, day: dt.date) -> int:
        """The period holding `day`, else the last one ended before it, else the first (`occurrence_on`)."""
        return max(bisect_right(self.starts, day) - 1, 0)


@lru_cache(maxsize=4096)
def schedule_for(recurrence: str, year: int, start: dt.date | None, end: dt.date | None) -> Schedule:
    slots = tuple(
        Slot(p.start, p.end, p.due, p.label)
        for p in periods_for(recurrence or None, year=year, start=start, end=end)
    )
    return Schedule(slots, tuple(slot.period_start for slot in slots))


@lru_cache(maxsize=64)
def _work_days(first: dt.date, last: dt.date) -> tuple[tuple[dt.date, ...], tuple[float, ...]]:
    """Each day from `first` to `last` and the cumulative weights of day-to-day work falling on it."""
    days = tuple(first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return days, tuple(accumulate(WEEKDAY_WEIGHTS[day.weekday()] for day in days))


@lru_cache(maxsize=8)
def _daily_weights(works: tuple[DailyWork, ...]) -> tuple[int, ...]:
    return tuple(accumulate(work.weight for work in works))


@lru_cache(maxsize=65536)
def _title(pattern: str, topic: str) -> str:
    return pattern.format(topic=topic)[:300]


# Writing in bulk ------------------------------------------------------------------------------


class _Table:
    """A table written in bulk: the columns the generator fills, then constant defaults for the rest."""

    def __init__(self, model: type[models.Model], columns: Sequence[str], now: Any) -> None:
        self.model = model
        self.table = model._meta.db_table
        fields = {f.column: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise GenerateError(f"{self.table} has no column {', '.join(unknown)}")
        tail_columns: list[str] = []
        tail: list[Any] = []
        for column, model_field in fields.items():
            if column in columns or model_field.primary_key:
                continue
            tail_columns.append(column)
            if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
                tail.append(now)
            else:
                tail.append(model_field.get_db_prep_save(model_field.get_default(), connection))
        self.columns = [*columns, *tail_columns]
        self.tail = tuple(tail)
        self.rows: list[tuple[Any, ...]] = []


class _Writer:
    """Buffers rows per table and writes them in bulk, parents first; hands out ids ahead of writing."""

    def __init__(self, now: dt.datetime) -> None:
        self.postgres = connection.vendor == "postgresql"
        # As text: COPY formats a string faster than a datetime, and SQLite wants the adapted form.
        db_now = now.isoformat() if self.postgres else connection.ops.adapt_datetimefield_value(now)
        through = Task.cooperating_agencies.through
        self.tables = {
            Agency: _Table(Agency, ["id", "unit_id", "name", "kind", "folded_name", "is_active"], db_now),
            Plan: _Table(
                Plan,
                [
                    "id", "unit_id", "year", "doc_type", "number", "symbol", "title", "issuer_name", "place",
                    "issue_date", "status", "signer_name", "signing_authority", "signer_title", "recipients",
                    "budget_source", "reporting_periods", "audiences", "content_themes", "channels",
                    "created_by_id",
                ],
                db_now,
            ),
            Task: _Table(
                Task,
                [
                    "id", "plan_id", "position", "title", "product", "lead_agency_id", "lead_text",
                    "cooperating_text", "channel", "timing_text", "end_timing_text", "recurrence", "start",
                    "end", "count_per_period", "quota_measure", "quota_minimum", "quota_maximum",
                    "estimated_cost", "timing_flags",
                ],
                db_now,
            ),
            through: _Table(through, ["task_id", "agency_id"], db_now),
            Occurrence: _Table(
                Occurrence,
                [
                    "id", "task_id", "period_start", "period_end", "due_date", "label", "status",
                    "fulfilled_on",
                ],
                db_now,
            ),
            Activity: _Table(
                Activity,
                [
                    "unit_id", "occurrence_id", "channel", "happened_on", "title", "quantity", "measure",
                    "cost", "created_by_id",
                ],
                db_now,
            ),
            ChangeLogEntry: _Table(
                ChangeLogEntry, ["actor_id", "unit_id", "verb", "target_type", "target_id", "summary"], db_now
            ),
        }  # fmt: skip
        self.now = db_now
        self._free: dict[type[models.Model], list[int]] = defaultdict(list)
        self._next: dict[type[models.Model], int] = {}

    def begin(self) -> None:
        """Start a transaction's writing: SQLite ids are counted again from what the tables hold."""
        self._next.clear()

    def rows(self, model: type[models.Model]) -> list[tuple[Any, ...]]:
        return self.tables[model].rows

    def json(self, value: list[str]) -> Any:
        return connection.ops.adapt_json_value(value, None)

    def ids(self, model: type[models.Model], count: int) -> list[int]:
        """`count` fresh primary keys of `model` (PostgreSQL: from its sequence, in blocks)."""
        if not self.postgres:
            if model not in self._next:
                table = model._meta.db_table
                with connection.cursor() as cursor:
                    cursor.execute(f'SELECT MAX("id") FROM "{table}"')
                    highest = cursor.fetchone()
                    cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
                    recorded = cursor.fetchone()
                self._next[model] = max(highest[0] or 0 if highest else 0, recorded[0] if recorded else 0) + 1
            first = self._next[model]
            self._next[model] = first + count
            return list(range(first, first + count))
        free = self._free[model]
        if len(free) < count:
            block = max(ID_BLOCKS.get(model, 1000), count - len(free))
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [f'"{model._meta.db_table}"', block],
                )
                # Kept highest first, so that ids are taken from the end of the list.
                free[:0] = sorted((row[0] for row in cursor.fetchall()), reverse=True)
        taken = free[len(free) - count :]
        del free[len(free) - count :]
        taken.reverse()
        return taken

    def flush(self) -> None:
        with connection.cursor() as cursor:
            for table in self.tables.values():
                if not table.rows:
                    continue
                names = ", ".join(f'"{c}"' for c in table.columns)
                tail = table.tail
                if self.postgres:
                    with cursor.cursor.copy(f'COPY "{table.table}" ({names}) FROM STDIN') as copy:
                        for row in table.rows:
                            copy.write_row(row + tail)
                else:
                    marks = ", ".join(["%s"] * len(table.columns))
                    # The raw cursor: Django's debug wrapper would keep every row in its query log.
                    cursor.cursor.executemany(
                        f'INSERT INTO "{table.table}" ({names}) VALUES ({marks})',
                        [row + tail for row in table.rows],
                    )
                table.rows.clear()


# Generation ------------------------------------------------------------------------------------


class _Run:
    """One run of the generator: its settings, caches and running totals."""

    def __init__(
        self,
        *,
        seed: int,
        today: dt.date,
        years: tuple[int, ...],
        generator: User,
        password: str,
        summary: GenerateSummary,
    ) -> None:
        self.seed, self.today, self.years = seed, today, years
        self.generator_id = generator.pk
        self.password = password
        self.summary = summary
        self.now = timezone.now()
        self.writer = _Writer(self.now)

    def province(self, choice: ProvinceChoice) -> bool:
        """Everything of one province and its communes; the caller holds the transaction.

        Returns whether any unit-year was generated (False when all were there already).
        """
        units = [choice.province, *choice.communes]
        unit_ids = [unit.pk for unit in units]
        done = set(
            Plan.objects.filter(created_by_id=self.generator_id, unit_id__in=unit_ids, year__in=self.years)
            .values_list("unit_id", "year")
            .distinct()
        )
        numbers: dict[tuple[int, int], set[int]] = defaultdict(set)
        for unit_id, year, number in Plan.objects.filter(
            unit_id__in=unit_ids, year__in=self.years, symbol="KH-UBND", number__isnull=False
        ).values_list("unit_id", "year", "number"):
            if number is not None:
                numbers[unit_id, year].add(number)
        self.summary.users += _ensure_members(units, self.password, seed=self.seed)
        writer = self.writer
        writer.begin()
        agencies = _Agencies(writer, unit_ids)
        for year in self.years:
            province_issued = _issue_day(
                year,
                random.Random(f"{self.seed}:{year}:{choice.province.code}:issued").randint(4, 15),
                self.today,
            )
            for unit in units:
                if (unit.pk, year) in done:
                    self.summary.skipped += 1
                    continue
                self._unit_year(unit, year, province_issued, numbers[unit.pk, year], writer, agencies)
                if len(writer.rows(Activity)) >= FLUSH_ACTIVITIES:
                    writer.flush()
        writer.flush()
        self.summary.agencies += agencies.created
        return len(done) < len(units) * len(self.years)

    def _unit_year(
        self,
        unit: Unit,
        year: int,
        province_issued: dt.date,
        taken_numbers: set[int],
        writer: _Writer,
        agencies: _Agencies,
    ) -> None:
        rng = random.Random(f"{self.seed}:{year}:{unit.code}")
        is_province = unit.level == Level.PROVINCE
        last_day = min(self.today, dt.date(year, 12, 31))
        first_day = dt.date(year, 1, 1)
        if is_province:
            diligence = rng.uniform(*PROVINCE_DILIGENCE)
            issued = province_issued
        else:
            lagging = rng.random() < LAGGING_SHARE
            diligence = rng.uniform(*LAGGING_DILIGENCE if lagging else COMMUNE_DILIGENCE)
            issued = _issue_day(year, (province_issued - first_day).days + rng.randint(3, 25), self.today)
        templates = _templates_for(rng, province=is_province)
        number = rng.randint(10, 60) if is_province else rng.randint(5, 40)
        while number in taken_numbers:
            number += 1
        taken_numbers.add(number)
        (plan_id,) = writer.ids(Plan, 1)
        kind = "thành phố" if unit.kind == UnitKind.MUNICIPALITY else unit.kind
        writer.rows(Plan).append(
            (
                plan_id, unit.pk, year, "KH", number, "KH-UBND",
                (
                    f"Thông tin, tuyên truyền cải cách hành chính năm {year}"
                    if is_province
                    else f"Tuyên truyền cải cách hành chính {kind} {unit.short_name} năm {year}"
                ),
                f"Ủy ban nhân dân {kind} {unit.short_name}", unit.short_name[:120], issued,
                PlanStatus.ISSUED.value,
                rng.choice(SIGNERS), "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                writer.json(_recipients(kind, is_province=is_province)),
                f"Ngân sách nhà nước bố trí cho công tác cải cách hành chính năm {year}",
                writer.json(REPORTING), writer.json(AUDIENCES), writer.json(THEMES),
                writer.json(list(dict.fromkeys(t.channel.value for t in templates))),
                self.generator_id,
            )
        )  # fmt: skip
        activities = writer.rows(Activity)
        made_before = len(activities)
        task_ids = writer.ids(Task, len(templates))
        for position, (task_id, template) in enumerate(zip(task_ids, templates, strict=True)):
            self._task(
                unit, year, position, task_id, plan_id, template, rng, diligence, last_day, writer, agencies
            )
        self.summary.tasks += len(templates)
        planned = len(activities) - made_before
        fraction = ((last_day - first_day).days + 1) / ((dt.date(year, 12, 31) - first_day).days + 1)
        target = round(rng.randint(*PROVINCE_ACTIVITIES if is_province else COMMUNE_ACTIVITIES) * fraction)
        daily = max(target - planned, round(target * MIN_DAILY_SHARE))
        self._daily(unit, daily, first_day, last_day, rng, activities, is_province=is_province)
        made = len(activities) - made_before
        self.summary.activities += made
        self.summary.plans += 1
        writer.rows(ChangeLogEntry).append(
            (
                self.generator_id, unit.pk, Verb.ACTIVITY_LOGGED.value, Plan._meta.label_lower, plan_id,
                _("Dữ liệu sinh tự động: %(n)s hoạt động") % {"n": made},
            )
        )  # fmt: skip

    def _task(
        self,
        unit: Unit,
        year: int,
        position: int,
        task_id: int,
        plan_id: int,
        template: TaskTemplate,
        rng: random.Random,
        diligence: float,
        last_day: dt.date,
        writer: _Writer,
        agencies: _Agencies,
    ) -> None:
        is_province = unit.level == Level.PROVINCE
        timing_text = template.timing.format(year=year)[:300]
        end_timing_text = template.end_timing.format(year=year)[:300]
        timing = task_timing(timing_text, end_timing_text, year)
        lead = (template.province_lead if is_province else template.lead).strip()[:300]
        cooperating = [
            c.strip() for c in (template.province_cooperating if is_province else template.cooperating)
        ]
        writer.rows(Task).append(
            (
                task_id, plan_id, position, template.title.format(year=year), template.product,
                agencies.id_of(unit.pk, lead) if lead else None, lead, writer.json(cooperating),
                template.channel.value, timing_text, end_timing_text, timing.recurrence, timing.start,
                timing.end, timing.count_per_period, timing.quota_measure, timing.quota_minimum,
                timing.quota_maximum,
                Decimal(template.budget) if template.budget else None, writer.json(list(timing.flags)),
            )
        )  # fmt: skip
        through = writer.rows(Task.cooperating_agencies.through)
        for agency_id in dict.fromkeys(agencies.id_of(unit.pk, name) for name in cooperating if name):
            through.append((task_id, agency_id))
        schedule = schedule_for(timing.recurrence, year, timing.start, timing.end)
        slots = schedule.slots
        occurrence_ids = writer.ids(Occurrence, len(slots))
        requirement = Requirement.of(
            count=timing.count_per_period, measure=timing.quota_measure, minimum=timing.quota_minimum
        )
        measure = requirement.measure or template.measure.value
        evidence: list[list[Evidence]] = [[] for _slot in slots]
        activities = writer.rows(Activity)
        for day, quantity in task_evidence(
            template, requirement, slots, rng, diligence, self.today, last_day
        ):
            index = schedule.index_on(day)
            evidence[index].append(Evidence(day, _DECIMALS[quantity], measure))
            activities.append(
                (
                    unit.pk, occurrence_ids[index], template.channel.value, day,
                    _title(template.activity, rng.choice(TOPICS)), quantity, measure,
                    activity_cost(template, quantity, rng), self.generator_id,
                )
            )  # fmt: skip
        occurrences = writer.rows(Occurrence)
        statuses = self.summary.statuses
        for occurrence_id, slot, slot_evidence in zip(occurrence_ids, slots, evidence, strict=True):
            outcome = assess(requirement, slot_evidence, due=slot.due_date, today=self.today)
            status = outcome.status.value
            statuses[status] += 1
            occurrences.append(
                (
                    occurrence_id, task_id, slot.period_start, slot.period_end, slot.due_date, slot.label,
                    status, outcome.fulfilled_on,
                )
            )  # fmt: skip
        self.summary.occurrences += len(slots)

    def _daily(
        self,
        unit: Unit,
        count: int,
        first_day: dt.date,
        last_day: dt.date,
        rng: random.Random,
        activities: list[tuple[Any, ...]],
        *,
        is_province: bool,
    ) -> None:
        """Work outside the plan, not linked to any task: mostly on weekdays."""
        if count <= 0:
            return
        works = PROVINCE_DAILY if is_province else COMMUNE_DAILY
        days, day_weights = _work_days(first_day, last_day)
        drawn_days = rng.choices(days, cum_weights=day_weights, k=count)
        drawn_works = rng.choices(works, cum_weights=_daily_weights(works), k=count)
        drawn_topics = rng.choices(TOPICS, k=count)
        for day, work, topic in zip(drawn_days, drawn_works, drawn_topics, strict=True):
            quantity = rng.randint(*work.quantity)
            cost = round(quantity * rng.randint(*work.unit_cost), -3) if work.unit_cost[1] else 0
            activities.append(
                (
                    unit.pk, None, work.channel.value, day, _title(work.title, topic), quantity,
                    work.measure.value, cost, self.generator_id,
                )
            )  # fmt: skip


class _Agencies:
    """The units' agencies by folded name: those already there, and those the run adds."""

    def __init__(self, writer: _Writer, unit_ids: Collection[int]) -> None:
        self.writer = writer
        self.created = 0
        self.known: dict[tuple[int, str], int] = {
            (unit_id, folded): pk
            for pk, unit_id, folded in Agency.objects.filter(unit_id__in=unit_ids).values_list(
                "pk", "unit_id", "folded_name"
            )
        }

    def id_of(self, unit_id: int, name: str) -> int:
        """The agency's id, as `units.services.find_or_create_agency` would find or make it."""
        name, folded, kind = _agency_name(name)
        found = self.known.get((unit_id, folded))
        if found is None:
            (found,) = self.writer.ids(Agency, 1)
            self.writer.rows(Agency).append((found, unit_id, name, kind, folded, True))
            self.known[unit_id, folded] = found
            self.created += 1
        return found


@lru_cache(maxsize=1024)
def _agency_name(name: str) -> tuple[str, str, str]:
    """An agency name as `find_or_create_agency` stores it, its folded form and its kind."""
    name = " ".join(name.split()).strip(" ;,.")[:200]
    return name, fold(name), infer_agency_kind(name).value


def _issue_day(year: int, offset: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 1, 1) + dt.timedelta(days=offset), today)


def _templates_for(rng: random.Random, *, province: bool) -> list[TaskTemplate]:
    """20 to 40 tasks of the level's catalogue, the core ones always, in catalogue order."""
    usable = [t for t in SCALE_CATALOGUE if (t.province_lead if province else t.lead)]
    count = min(rng.randint(*TASKS_PER_PLAN), len(usable))
    core = [t for t in usable if t.core]
    rest = [t for t in usable if not t.core]
    chosen = set(core) | set(rng.sample(rest, max(count - len(core), 0)))
    return [t for t in usable if t in chosen]


def _recipients(kind: str, *, is_province: bool) -> list[str]:
    if is_province:
        return [
            "Bộ Nội vụ (để báo cáo)",
            "Thường trực Tỉnh ủy, Thường trực HĐND tỉnh",
            "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
            "Các sở, ban, ngành tỉnh",
            "UBND các xã, phường",
            "Lưu: VT, NV.",
        ]
    return [
        "UBND tỉnh (để báo cáo)",
        "Sở Nội vụ (để báo cáo)",
        f"Thường trực Đảng ủy, HĐND {kind}",
        f"Các phòng, ban, đơn vị thuộc UBND {kind}",
        "Lưu: VT.",
    ]


# Users ------------------------------------------------------------------------------------------


def username_for(unit: Unit, role: Role) -> str:
    """`gen.<unit code>.editor` / `gen.<unit code>.viewer`."""
    return f"{USER_PREFIX}{unit.code}.{role.value}"


def _generator_user() -> User:
    user, created = User.objects.get_or_create(
        username=GENERATOR_USERNAME,
        defaults={"full_name": "Bộ sinh dữ liệu (loa generate)", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _full_name(key: str) -> str:
    rng = random.Random(key)
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def _new_user(username: str, full_name: str, password: str, job_title: str) -> User:
    return User(
        username=username,
        full_name=full_name,
        email=f"{username}@{USER_EMAIL_DOMAIN}",
        password=password,
        job_title=job_title,
    )


def _ensure_members(units: Sequence[Unit], password: str, *, seed: int) -> int:
    """An editor and a viewer per unit (those missing); returns how many users were created."""
    wanted = {username_for(unit, role): (unit, role) for unit in units for role in (Role.EDITOR, Role.VIEWER)}
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    new = [
        _new_user(
            username,
            _full_name(f"{seed}:{username}"),
            password,
            "Biên tập kế hoạch" if role == Role.EDITOR else "Theo dõi",
        )
        for username, (unit, role) in wanted.items()
        if username not in existing
    ]
    User.objects.bulk_create(new, batch_size=2000)
    ids = dict(User.objects.filter(username__in=wanted).values_list("username", "pk"))
    held = set(Membership.objects.filter(user_id__in=ids.values()).values_list("user_id", "unit_id"))
    Membership.objects.bulk_create(
        [
            Membership(user_id=ids[username], unit=unit, role=role)
            for username, (unit, role) in wanted.items()
            if (ids[username], unit.pk) not in held
        ],
        batch_size=2000,
    )
    return len(new)


def _ensure_national_viewer(password: str) -> int:
    """A viewer of the national root; returns 1 when the user was created."""
    root = Unit.objects.filter(level=Level.NATIONAL).order_by("pk").first()
    if root is None:
        return 0
    user = User.objects.filter(username=NATIONAL_VIEWER).first()
    created = user is None
    if user is None:
        user = _new_user(NATIONAL_VIEWER, "Chuyên viên Bộ Nội vụ", password, "Theo dõi")
        user.save()
    Membership.objects.get_or_create(user=user, unit=root, defaults={"role": Role.VIEWER})
    return int(created)


def _sample_logins(choices: Sequence[ProvinceChoice]) -> list[tuple[str, str]]:
    if not choices:
        return []
    first = choices[0]
    logins = [(username_for(first.province, Role.EDITOR), f"biên tập kế hoạch, {first.province.name}")]
    if first.communes:
        commune = first.communes[0]
        logins += [
            (username_for(commune, Role.EDITOR), f"biên tập kế hoạch, {commune.name}"),
            (username_for(commune, Role.VIEWER), f"chỉ xem, {commune.name}"),
        ]
    logins.append((NATIONAL_VIEWER, "chỉ xem, toàn quốc"))
    return logins


# Summaries and deletion ---------------------------------------------------------------------------


def delete_generated(generator: User | None = None, *, log: Callable[[str], None] = print) -> int:
    """Delete everything a previous run generated; returns how many activities went.

    Rows are deleted with set-based SQL, children first, following every foreign key to
    the deleted rows as its `on_delete` says (CASCADE deletes, SET_NULL unlinks), so the
    activities that staff logged against a generated task stay, unlinked.
    """
    generator = generator or User.objects.filter(username=GENERATOR_USERNAME).first()
    if generator is None:
        return 0
    unit_ids = list(
        Plan.objects.filter(created_by=generator).values_list("unit_id", flat=True).distinct().order_by()
    )
    started = time.monotonic()
    with transaction.atomic():
        activities = _raw_delete(Activity, '"created_by_id" = %s', [generator.pk])
        _raw_delete(Plan, '"created_by_id" = %s', [generator.pk])
        _raw_delete(ChangeLogEntry, '"actor_id" = %s', [generator.pk])
        _raw_delete(
            User, '"username" LIKE %s AND "email" LIKE %s', [f"{USER_PREFIX}%", f"%@{USER_EMAIL_DOMAIN}"]
        )
        if unit_ids:
            rebuild_tallies(unit_ids)
    log(f"Đã xóa dữ liệu sinh trước đó: {activities:,} hoạt động — {time.monotonic() - started:.1f} s")
    return activities


def _raw_delete(model: type[models.Model], where: str, params: Sequence[Any]) -> int:
    """DELETE the rows of `model` matching `where`, after handling every relation to them."""
    table = model._meta.db_table
    for relation in get_candidate_relations_to_delete(model._meta):
        foreign_key = cast(Any, relation).field
        related = foreign_key.model
        target = foreign_key.target_field.column
        inner = f'SELECT "{target}" FROM "{table}" WHERE {where}'
        condition = f'"{foreign_key.column}" IN ({inner})'
        on_delete = foreign_key.remote_field.on_delete
        if on_delete is CASCADE:
            _raw_delete(related, condition, params)
        elif on_delete is SET_NULL:
            with connection.cursor() as cursor:
                cursor.execute(
                    f'UPDATE "{related._meta.db_table}" SET "{foreign_key.column}" = NULL WHERE {condition}',
                    params,
                )
        elif on_delete is not DO_NOTHING:
            with connection.cursor() as cursor:
                cursor.execute(f'SELECT 1 FROM "{related._meta.db_table}" WHERE {condition} LIMIT 1', params)
                if cursor.fetchone() is not None:
                    raise GenerateError(
                        f"{related._meta.label} still refers to generated {model._meta.label} rows"
                    )
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{table}" WHERE {where}', params)
        return int(cursor.rowcount)


def generated_plans() -> models.QuerySet[Plan]:
    """The plans `loa generate` made."""
    return Plan.objects.filter(created_by__username=GENERATOR_USERNAME)


def describe(summary: GenerateSummary) -> Iterable[str]:
    """The summary as the command prints it."""
    rate = summary.rows / summary.elapsed if summary.elapsed else 0.0
    statuses = summary.statuses
    yield (
        f"Quy mô {summary.scale}, hạt giống {summary.seed}, hôm nay {summary.today:%d/%m/%Y}, "
        f"năm {', '.join(str(y) for y in summary.years)}: {summary.provinces} tỉnh, {summary.units:,} đơn vị"
    )
    yield (
        f"  đã ghi: {summary.plans:,} kế hoạch, {summary.tasks:,} nhiệm vụ, "
        f"{summary.occurrences:,} kỳ thực hiện, {summary.activities:,} hoạt động, "
        f"{summary.users:,} người dùng, {summary.agencies:,} cơ quan"
    )
    yield (
        f"  kỳ thực hiện: {statuses[OccurrenceStatus.DONE]:,} hoàn thành, "
        f"{statuses[OccurrenceStatus.LATE]:,} hoàn thành chậm, "
        f"{statuses[OccurrenceStatus.MISSED]:,} không thực hiện, "
        f"{statuses[OccurrenceStatus.PENDING]:,} đang thực hiện"
    )
    if summary.skipped:
        yield f"  bỏ qua {summary.skipped:,} đơn vị-năm đã có dữ liệu sinh (dùng --replace để sinh lại)"
    if summary.deleted_activities:
        yield f"  đã xóa trước khi sinh: {summary.deleted_activities:,} hoạt động cũ"
    yield f"  thời gian: {summary.elapsed:.1f} s, {rate:,.0f} dòng/s"
