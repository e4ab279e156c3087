"""Response times of the dashboards, their roll-ups and the API list pages, in process.

Runs against the configured database (LOA_DATABASE_URL, as `loa generate` filled it) with
Django's test client: no HTTP server, so the figures are the application's own time
(middleware, permissions, queries, templates). Each case runs twice to warm up, then
--runs times over a rotating set of units (--communes random communes with a tracked
plan, --provinces of their provinces) so no cache sees the same unit every time:

- the dashboard page (`web:dashboard`) of a commune, a province (its figures rolled up
  and the ranking of its communes) and the country (the national root), each viewed by a
  member of that unit;
- `figures_for` and `ranking` alone for a province and the country;
- API list pages (first page) with a read token of a commune member and a national one.

Prints the data size, the database and the machine's load average, then per case: runs,
median and p95 wall time in ms, median CPU time of this process (less sensitive to other
processes on the machine; with SQLite it includes the database's work), queries per
request (median) and the target where there is one. The pages use the real date
(the views read it); --today sets it for the direct `figures_for` / `ranking` calls.

    .venv/bin/python bench/dashboards.py [--runs 20] [--year 2026] [--today 2026-11-20] [--json FILE]

Users: a unit's existing member (a generated `gen.<code>.viewer`, say) is used; where a
unit has none, a `bench.<era>.<code>` viewer without a password is made once. The read
tokens made for the run are revoked at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

WARMUP_RUNS = 2
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Targets on the reference machine (2 cores), p95 in ms.
TARGETS_MS = {"commune dashboard": 50.0, "province dashboard": 200.0, "national dashboard": 1000.0}
ROLE_PREFERENCE = ["viewer", "reporter", "editor", "admin"]


class NoData(SystemExit):
    """The database holds nothing to measure."""


@dataclass
class Result:
    name: str
    runs: int
    median_ms: float
    p95_ms: float
    cpu_ms: float  # median CPU time of this process (with SQLite, the database's too)
    queries: int
    target_ms: float | None

    @property
    def verdict(self) -> str:
        if self.target_ms is None:
            return ""
        return "met" if self.p95_ms <= self.target_ms else "MISSED"


@dataclass
class Case:
    name: str
    run: Callable[[int], object]  # the i-th run; picks its unit as i modulo the rotation


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 20 runs is the 19th fastest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(case: Case, runs: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(WARMUP_RUNS):
        case.run(i)
    times: list[float] = []
    cpu: list[float] = []
    queries: list[int] = []
    for i in range(WARMUP_RUNS, WARMUP_RUNS + runs):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            case.run(i)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries.append(len(captured.captured_queries))
    return Result(
        name=case.name,
        runs=runs,
        median_ms=round(statistics.median(times), 1),
        p95_ms=round(percentile(times, 0.95), 1),
        cpu_ms=round(statistics.median(cpu), 1),
        queries=round(statistics.median(queries)),
        target_ms=TARGETS_MS.get(case.name),
    )


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def database_label() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        version = connection.cursor().connection.info.server_version
        where = f"{settings['NAME']} @ {settings['HOST']}:{settings['PORT']}"
        return f"postgresql {version // 10000}.{version % 10000} ({where})"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"sqlite {sqlite3.sqlite_version} ({settings['NAME']})"
    return connection.vendor


def data_size() -> dict[str, int]:
    from loa.activities.models import Activity
    from loa.plans.models import Occurrence, Plan, Task
    from loa.units.models import Unit

    return {
        "units": Unit.objects.count(),
        "plans": Plan.objects.count(),
        "tasks": Task.objects.count(),
        "occurrences": Occurrence.objects.count(),
        "activities": Activity.objects.count(),
    }


def tracked_year(requested: int | None) -> int:
    """The year to measure: the one asked for, else the latest with a tracked plan."""
    from django.db import DatabaseError
    from django.db.models import Max

    from loa.activities.figures import TRACKED_PLAN_STATUSES
    from loa.plans.models import Plan

    try:
        plans = Plan.objects.filter(status__in=TRACKED_PLAN_STATUSES, unit__level="commune")
        if requested is not None:
            plans = plans.filter(year=requested)
        latest = plans.aggregate(year=Max("year"))["year"]
    except DatabaseError as exc:
        raise NoData(
            f"The database is not ready ({exc}): migrate, load units and run loa generate first."
        ) from exc
    if latest is None:
        which = f"for {requested}" if requested is not None else "at all"
        raise NoData(
            f"No issued commune plan {which} in this database: run loa generate first "
            "(e.g. loa generate --scale small --seed 1)."
        )
    return int(latest)


def sample_units(year: int, communes: int, provinces: int, seed: int) -> tuple[list[Any], list[Any], Any]:
    """Random communes with a tracked plan in `year`, provinces among theirs, and the root."""
    from loa.activities.figures import TRACKED_PLAN_STATUSES
    from loa.plans.models import Plan
    from loa.units.choices import Level
    from loa.units.models import Unit
    from loa.units.queries import province_of

    rng = random.Random(seed)
    commune_ids = sorted(
        set(
            Plan.objects.filter(
                year=year, status__in=TRACKED_PLAN_STATUSES, unit__level=Level.COMMUNE
            ).values_list("unit_id", flat=True)
        )
    )
    chosen = rng.sample(commune_ids, min(communes, len(commune_ids)))
    commune_units = list(Unit.objects.filter(pk__in=chosen).select_related("parent", "parent__parent"))
    commune_units.sort(key=lambda unit: chosen.index(unit.pk))
    # Provinces of the sample first, then any other province with a tracked commune plan.
    province_ids: list[int] = []
    for unit in commune_units:
        province = province_of(unit)
        if province is not None and province.pk not in province_ids:
            province_ids.append(province.pk)
    rng.shuffle(province_ids)
    province_units = list(Unit.objects.filter(pk__in=province_ids[:provinces]))
    root = Unit.objects.filter(level=Level.NATIONAL).order_by("pk").first()
    if root is None:
        raise NoData("No national root unit: run loa units load and loa generate first.")
    return commune_units, province_units, root


def member_of(unit: Any, *, allow_superuser: bool = False) -> tuple[Any, str]:
    """A user holding a role on exactly `unit` (a viewer first), and how it was found."""
    from loa.accounts.choices import Role
    from loa.accounts.models import Membership, User
    from loa.accounts.services import grant_role

    memberships = list(Membership.objects.filter(unit=unit, user__is_active=True).select_related("user"))
    if memberships:
        memberships.sort(
            key=lambda m: (ROLE_PREFERENCE.index(m.role) if m.role in ROLE_PREFERENCE else 9, m.user.username)
        )
        return memberships[0].user, "member"
    if allow_superuser:
        admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if admin is not None:
            return admin, "superuser"
    user, created = User.objects.get_or_create(username=f"bench.{unit.era}.{unit.code or unit.pk}")
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    grant_role(user, unit, Role.VIEWER, actor=None)
    return user, "bench viewer"


def build_cases(
    year: int, today: dt.date, communes: list[Any], provinces: list[Any], root: Any, tokens: list[Any]
) -> tuple[list[Case], dict[str, set[str]]]:
    """The cases to measure; the API tokens made for them are appended to `tokens`."""
    from django.test import Client
    from django.urls import reverse

    from loa.accounts.services import create_api_token
    from loa.activities.figures import figures_for, ranking
    from loa.units.queries import era_for_plan_year, subtree_ids

    how: dict[str, set[str]] = {}  # level -> how its users were found

    def session_for(unit: Any, *, allow_superuser: bool = False) -> Client:
        user, found = member_of(unit, allow_superuser=allow_superuser)
        how.setdefault(unit.level, set()).add(found)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user, backend=MODEL_BACKEND)
        client.user = user  # type: ignore[attr-defined]
        return client

    def token_for(client: Client) -> str:
        user = client.user  # type: ignore[attr-defined]
        token, raw = create_api_token(user, name="bench/dashboards.py", scope="read", actor=user)
        tokens.append(token)
        return raw

    commune_clients = [session_for(unit) for unit in communes]
    province_clients = [session_for(unit) for unit in provinces]
    national_client = session_for(root, allow_superuser=True)
    commune_tokens = [token_for(client) for client in commune_clients]
    national_token = token_for(national_client)
    api_client = Client(HTTP_HOST="127.0.0.1")
    year_query = f"?nam={year}"

    def page(clients: list[Client], units: list[Any]) -> Callable[[int], object]:
        def run(i: int) -> object:
            k = i % len(units)
            url = reverse("web:dashboard", args=[units[k].pk]) + year_query
            return expect_ok(clients[k].get(url), url)

        return run

    def api(tokens_: list[str], url_of: Callable[[int], str]) -> Callable[[int], object]:
        def run(i: int) -> object:
            url = url_of(i)
            response = api_client.get(url, headers={"Authorization": f"Bearer {tokens_[i % len(tokens_)]}"})
            return expect_ok(response, url)

        return run

    province_subtrees = [subtree_ids(unit) for unit in provinces]
    province_children = [list(unit.children.order_by("name")) for unit in provinces]
    national_children = list(root.children.filter(era=era_for_plan_year(year)).order_by("name"))
    commune_ids = [unit.pk for unit in communes]
    province_ids = [unit.pk for unit in provinces]

    def nth(ids: list[int], i: int) -> int:
        return ids[i % len(ids)]

    cases = [
        Case("commune dashboard", page(commune_clients, communes)),
        Case("province dashboard", page(province_clients, provinces)),
        Case("national dashboard", page([national_client], [root])),
        Case(
            "figures_for province",
            lambda i: figures_for(province_subtrees[i % len(provinces)], year, today=today),
        ),
        Case("figures_for nation", lambda i: figures_for(None, year, today=today)),
        Case(
            "ranking province",
            lambda i: ranking(
                provinces[i % len(provinces)], province_children[i % len(provinces)], year, today=today
            ),
        ),
        Case("ranking nation", lambda i: ranking(root, national_children, year, today=today)),
        Case(
            "api activities commune",
            api(commune_tokens, lambda i: f"/api/v1/activities/?unit={nth(commune_ids, i)}"),
        ),
        Case("api plans commune", api(commune_tokens, lambda i: f"/api/v1/plans/?year={year}")),
        Case(
            "api occurrences commune",
            api(commune_tokens, lambda i: f"/api/v1/plans/occurrences?year={year}"),
        ),
        Case("api activities national", api([national_token], lambda i: "/api/v1/activities/")),
        Case(
            "api activities national?unit=province",
            api([national_token], lambda i: f"/api/v1/activities/?unit={nth(province_ids, i)}"),
        ),
        Case("api plans national", api([national_token], lambda i: f"/api/v1/plans/?year={year}")),
        Case(
            "api occurrences national?unit=province",
            api(
                [national_token],
                lambda i: f"/api/v1/plans/occurrences?year={year}&unit={nth(province_ids, i)}",
            ),
        ),
    ]
    return cases, how


def expect_ok(response: Any, url: str) -> Any:
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}, not 200: the benchmark stops.")
    return response


def print_table(results: list[Result]) -> None:
    width = max(len(r.name) for r in results)
    header = f"{'runs':>4}  {'median ms':>9}  {'p95 ms':>8}  {'cpu ms':>7}  {'queries':>7}  target"
    print(f"{'case':<{width}}  {header}")
    for r in results:
        target = f"p95 <= {r.target_ms:.0f} ms: {r.verdict}" if r.target_ms is not None else ""
        print(
            f"{r.name:<{width}}  {r.runs:>4}  {r.median_ms:>9.1f}  {r.p95_ms:>8.1f}  {r.cpu_ms:>7.1f}  "
            f"{r.queries:>7}  {target}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per case (after 2 warm-up runs)")
    parser.add_argument("--year", type=int, help="plan year (default: the latest with a tracked plan)")
    parser.add_argument("--today", type=dt.date.fromisoformat, help="date for figures_for/ranking calls")
    parser.add_argument("--communes", type=int, default=10, help="communes in the rotation")
    parser.add_argument("--provinces", type=int, default=3, help="provinces in the rotation")
    parser.add_argument("--seed", type=int, default=1, help="seed of the unit sample")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loa.config.settings.test")
    import django

    django.setup()
    from django.utils import timezone

    from loa.accounts.services import revoke_api_token

    year = tracked_year(args.year)
    today = args.today or timezone.localdate()
    communes, provinces, root = sample_units(year, args.communes, args.provinces, args.seed)
    if not communes or not provinces:
        raise NoData(f"No commune with a tracked plan for {year}: run loa generate first.")
    size = data_size()
    database = database_label()
    print(f"database     {database}")
    print("data         " + ", ".join(f"{value:,} {name}" for name, value in size.items()))
    print(f"machine      {os.cpu_count()} CPUs, load average {load_average()} at the start")
    print(f"year         {year} (today {today}; pages use the real date {timezone.localdate()})")
    print(
        f"rotation     {len(communes)} communes, {len(provinces)} provinces "
        f"({', '.join(unit.name for unit in provinces)}), the national root"
    )
    tokens: list[Any] = []
    results: list[Result] = []
    try:
        cases, users = build_cases(year, today, communes, provinces, root, tokens)
        print(
            "users        " + "; ".join(f"{level}: {', '.join(sorted(how))}" for level, how in users.items())
        )
        print()
        for case in cases:
            results.append(measure(case, args.runs))
    finally:
        for token in tokens:
            revoke_api_token(token, actor=token.user)
    print_table(results)
    print(f"\nload average {load_average()} at the end (other processes on the machine inflate wall times)")
    if args.json is not None:
        payload = {
            "database": database,
            "size": size,
            "year": year,
            "today": today.isoformat(),
            "load_average_end": os.getloadavg(),
            "runs": args.runs,
            "rotation": {"communes": len(communes), "provinces": len(provinces)},
            "results": [{**asdict(r), "verdict": r.verdict} for r in results],
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
