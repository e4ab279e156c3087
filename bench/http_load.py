"""HTTP load test: gunicorn in production settings, wrk on 127.0.0.1, bounded and saturated.

Starts gunicorn (`loa.config.wsgi`, `loa.config.settings.prod`, LOA_TLS=0) on the database
of LOA_DATABASE_URL (or --database-url), signs commune editors in through the real login
form, and drives it with wrk (Debian's package, installed when missing) from
--connections clients on --threads threads for --duration seconds each:

1. the commune dashboard (GET /don-vi/<commune>/tong-quan/), bounded: every connection
   waits --think-ms between its requests, so the load is that many clients at work;
2. the activity log form (POST /hoat-dong/moi/, multipart with the CSRF token, a task of
   the commune's plan, a date of this year and a title that differ per request), bounded;
3. and 4. the same two without think time: the saturation throughput.

Per run: requests/s, latency p50/p95/p99 (exact, from wrk's done() hook), errors (a status
other than the expected one, 200 for the page and 302 for a logged activity, the form
answering 200 only to show its errors; and socket errors). After each POST run the
database must hold exactly one new activity per 302 (requests wrk abandoned in flight
when the time was up may have committed too, and are reported). Afterwards: the peak
memory (VmHWM) of every gunicorn worker. gunicorn is always stopped; the activities the
run logged are deleted again (tallies and statuses recounted) unless --keep.

    .venv/bin/python bench/http_load.py [--duration 30] [--think-ms 250] [--communes 1] [--json FILE]
    .venv/bin/python bench/http_load.py --small          # 3 s per run, for CI

The signed-in users are `bench.http.<commune code>`, editors of their commune, given a
random password for the run and left with an unusable one (--username/--password sign
in an existing account instead).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
VENV_BIN = Path(sys.executable).parent
LUA_SCRIPT = ROOT / "bench" / "wrk" / "loa.lua"
HOST = "127.0.0.1"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TARGET_POST_P95_MS = 50.0
TARGET_WORKER_MB = 300.0


class BenchError(Exception):
    """The load test cannot go on; the message says why."""


# --- the load generator ---------------------------------------------------------------


def ensure_wrk() -> str:
    """The path of wrk, installing Debian's package first when it is missing."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise BenchError("wrk is not installed and I am not root: run 'apt-get install wrk' first.")
    print("installing Debian's wrk …", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    found = shutil.which("wrk")
    if not found:
        raise BenchError("apt-get installed wrk but it is not on PATH.")
    return found


@dataclass
class RunResult:
    name: str
    think_ms: int
    seconds: float
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    ok: int
    unexpected: int
    socket_errors: int
    statuses: dict[str, int]
    in_flight_at_stop: int
    added_rows: int | None = None
    rows_check: str = ""

    @property
    def errors(self) -> int:
        return self.unexpected + self.socket_errors


def run_wrk(
    wrk: str,
    *,
    name: str,
    base_url: str,
    mode: str,
    think_ms: int,
    args: argparse.Namespace,
    env: dict[str, str],
) -> RunResult:
    command = [
        wrk,
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        f"--timeout={args.timeout}s",
        "--latency",
        "-s",
        str(LUA_SCRIPT),
        base_url,
    ]
    run_env = {
        **os.environ,
        **env,
        "LOA_WRK_MODE": mode,
        "LOA_WRK_THINK_MS": str(think_ms),
        "LOA_WRK_EXPECT": "302" if mode == "post" else "200",
    }
    finished = subprocess.run(command, env=run_env, capture_output=True, text=True, check=False)
    if args.verbose:
        print(finished.stdout.rstrip())
    line = next((ln for ln in finished.stdout.splitlines() if ln.startswith("LOA_RESULT ")), None)
    if finished.returncode != 0 or line is None:
        raise BenchError(f"wrk failed ({finished.returncode}): {finished.stderr.strip() or finished.stdout}")
    data = json.loads(line.removeprefix("LOA_RESULT "))
    latency, seconds = data["latency_us"], data["duration_us"] / 1e6
    sockets = data["socket_errors"]
    return RunResult(
        name=name,
        think_ms=think_ms,
        seconds=round(seconds, 2),
        requests=data["requests"],
        rps=round(data["requests"] / seconds, 1),
        p50_ms=latency["p50"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        max_ms=latency["max"] / 1000,
        ok=data["ok"],
        unexpected=data["unexpected"],
        socket_errors=sockets["connect"] + sockets["read"] + sockets["write"] + sockets["timeout"],
        statuses=data["statuses"],
        in_flight_at_stop=data["sent"] - data["answered"],
    )


# --- the server -----------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


# base.py gives SQLite these options, but prod.py re-reads the database from the URL alone,
# without them: concurrent writes then fail at once with "database is locked". In the URL,
# dj-database-url passes them on. SQLite has one writer at a time: a 20 s busy timeout
# (base.py: Python's 5 s) keeps a small CI run about the application, not about that lock.
SQLITE_OPTIONS = (
    "transaction_mode=IMMEDIATE&timeout=20"
    "&init_command=PRAGMA%20journal_mode%3DWAL%3B%20PRAGMA%20synchronous%3DNORMAL%3B%20PRAGMA%20foreign_keys%3DON%3B"
)


def with_sqlite_options(database_url: str) -> str:
    if database_url.startswith("sqlite:") and "?" not in database_url:
        return f"{database_url}?{SQLITE_OPTIONS}"
    return database_url


def production_env(database_url: str, var_dir: Path) -> dict[str, str]:
    """What prod.py needs, for a closed loopback test: no TLS, a throwaway key and var dir."""
    return {
        "DJANGO_SETTINGS_MODULE": "loa.config.settings.prod",
        "LOA_DATABASE_URL": with_sqlite_options(database_url),
        "LOA_SECRET_KEY": secrets.token_urlsafe(64),
        "LOA_ALLOWED_HOSTS": HOST,
        "LOA_TLS": "0",
        "LOA_VAR_DIR": str(var_dir),
    }


@dataclass
class Server:
    """gunicorn, started in its own process group so that it always goes with the test."""

    port: int
    workers: int
    threads: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def command(self) -> list[str]:
        command = [
            str(VENV_BIN / "gunicorn"),
            "loa.config.wsgi:application",
            f"--bind={HOST}:{self.port}",
            f"--workers={self.workers}",
            "--worker-tmp-dir=/dev/shm",
            "--timeout=60",
            "--graceful-timeout=10",
        ]
        if self.threads > 1:
            command += ["--worker-class=gthread", f"--threads={self.threads}"]
        return command

    def start(self, env: dict[str, str]) -> None:
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited with {self.process.returncode}; see {self.log}")
            try:
                status, _headers, _body = http_request(self.port, "GET", "/dang-nhap/")
            except OSError:
                status = 0
            if status == 200 and len(self.worker_pids()) == self.workers:
                return
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer within 60 s; see {self.log}")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def peak_memory_mb(self) -> dict[int, float]:
        """VmHWM (peak resident set) of each worker, in MiB."""
        peaks: dict[int, float] = {}
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
            if match:
                peaks[pid] = round(int(match.group(1)) / 1024, 1)
        return peaks

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group this test created
            self.process.wait(timeout=10)


def http_request(
    port: int, method: str, path: str, *, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, list[tuple[str, str]], str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


# --- data and users -------------------------------------------------------------------


@dataclass
class Profile:
    """A signed-in commune editor as wrk presents it."""

    unit_id: int
    unit_code: str
    username: str
    task_ids: list[int]
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def keep_cookies(self, headers: list[tuple[str, str]]) -> None:
        for name, value in headers:
            if name.lower() == "set-cookie":
                for morsel in SimpleCookie(value).values():
                    self.cookies[morsel.key] = morsel.value


def commune_targets(count: int, year: int, seed: int, username: str | None) -> list[Any]:
    """Communes with an issued plan for `year` that has tasks (those of `username`, if given)."""
    from loa.accounts.models import Membership
    from loa.plans.choices import PlanStatus
    from loa.plans.models import Plan
    from loa.units.choices import Level
    from loa.units.models import Unit

    plans = Plan.objects.filter(
        year=year, status=PlanStatus.ISSUED, unit__level=Level.COMMUNE, tasks__isnull=False
    )
    if username is not None:
        roles = ["admin", "editor", "reporter"]
        own = Membership.objects.filter(user__username=username, role__in=roles).values("unit_id")
        plans = plans.filter(unit_id__in=own)
    unit_ids = sorted(set(plans.values_list("unit_id", flat=True)))
    if not unit_ids:
        who = f" where {username} may log activities" if username else ""
        raise BenchError(f"No commune{who} has an issued plan with tasks for {year}: run loa generate first.")
    chosen = random.Random(seed).sample(unit_ids, min(count, len(unit_ids)))
    return list(Unit.objects.filter(pk__in=chosen).order_by("pk"))


def tasks_of(unit: Any, year: int) -> list[int]:
    from loa.plans.choices import PlanStatus
    from loa.plans.models import Task

    tasks = Task.objects.filter(plan__unit=unit, plan__year=year, plan__status=PlanStatus.ISSUED)
    return list(tasks.order_by("plan_id", "position").values_list("pk", flat=True)[:20])


def bench_editor(unit: Any, password: str) -> str:
    """`bench.http.<code>`, an editor of `unit`, with `password` for this run."""
    from loa.accounts.choices import Role
    from loa.accounts.models import User
    from loa.accounts.services import grant_role

    user, _created = User.objects.get_or_create(username=f"bench.http.{unit.code or unit.pk}")
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    grant_role(user, unit, Role.EDITOR, actor=None)
    return str(user.username)


def retire_editors(usernames: list[str]) -> None:
    """No password is left behind (which also ends the sessions signed in with it)."""
    from loa.accounts.models import User

    for user in User.objects.filter(username__in=usernames, username__startswith="bench.http."):
        user.set_unusable_password()
        user.save(update_fields=["password"])


def sign_in(port: int, profile: Profile, password: str) -> None:
    """The real login form, then the activity form for its CSRF token."""
    status, headers, body = http_request(port, "GET", "/dang-nhap/")
    profile.keep_cookies(headers)
    token = CSRF_FIELD.search(body)
    if status != 200 or token is None:
        raise BenchError(f"The login page answered {status} without a CSRF token.")
    form = {"username": profile.username, "password": password, "csrfmiddlewaretoken": token.group(1)}
    status, headers, _body = http_request(
        port,
        "POST",
        "/dang-nhap/",
        body="&".join(f"{k}={quote(v)}" for k, v in form.items()).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": profile.cookie_header()},
    )
    profile.keep_cookies(headers)
    if status != 302 or "sessionid" not in profile.cookies:
        raise BenchError(f"Signing in {profile.username} answered {status}, not a redirect with a session.")
    status, headers, body = http_request(
        port, "GET", activity_form_path(profile), headers={"Cookie": profile.cookie_header()}
    )
    profile.keep_cookies(headers)
    token = CSRF_FIELD.search(body)
    if status != 200 or token is None:
        raise BenchError(f"The activity form answered {status} to {profile.username}.")
    profile.csrf = token.group(1)


def quote(value: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(value)


def activity_form_path(profile: Profile) -> str:
    return f"/hoat-dong/moi/?don-vi={profile.unit_id}"


def dashboard_path(profile: Profile) -> str:
    return f"/don-vi/{profile.unit_id}/tong-quan/"


def write_profiles(path: Path, profiles: list[Profile], *, page: str) -> None:
    lines = []
    for p in profiles:
        target = dashboard_path(p) if page == "dashboard" else activity_form_path(p)
        tasks = ",".join(str(pk) for pk in p.task_ids)
        lines.append("\t".join([target, p.cookie_header(), p.csrf, str(p.unit_id), tasks]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def tagged_activities(unit_ids: list[int], tag: str) -> int:
    from loa.activities.models import Activity

    return Activity.objects.filter(unit_id__in=unit_ids, title__startswith=tag).count()


def drain(port: int, unit_ids: list[int], tag: str, *, limit: float = 120) -> int:
    """Wait until the server has finished what wrk abandoned when its time was up (a probe
    answers fast twice running and no tagged row appears for a second); the tagged rows."""
    deadline, fast, last = time.monotonic() + limit, 0, -1
    while time.monotonic() < deadline:
        started = time.perf_counter()
        with contextlib.suppress(OSError):
            http_request(port, "GET", "/dang-nhap/")
        fast = fast + 1 if time.perf_counter() - started < 0.1 else 0
        count = tagged_activities(unit_ids, tag)
        if fast >= 2 and count == last:
            return count
        last = count
        time.sleep(0.5)
    raise BenchError(f"the server was still busy {limit:.0f} s after wrk stopped")


def delete_tagged(unit_ids: list[int], tag: str) -> int:
    """Remove the run's activities and their change-log rows; recount statuses and tallies."""
    from django.db import transaction

    from loa.activities import tallies
    from loa.activities.models import Activity
    from loa.activities.scheduling import reassess
    from loa.audit.models import ChangeLogEntry
    from loa.plans.models import Occurrence

    with transaction.atomic():
        rows = Activity.objects.filter(unit_id__in=unit_ids, title__startswith=tag)
        ids = list(rows.values_list("pk", flat=True))
        occurrence_ids = set(rows.exclude(occurrence=None).values_list("occurrence_id", flat=True))
        ChangeLogEntry.objects.filter(target_type="activities.activity", target_id__in=ids).delete()
        Activity.objects.filter(pk__in=ids).delete()
        reassess(Occurrence.objects.filter(pk__in=occurrence_ids))
        tallies.rebuild_tallies(unit_ids)
    return len(ids)


# --- the test -------------------------------------------------------------------------


def print_results(results: list[RunResult]) -> None:
    print(
        f"{'run':<24} {'think':>5} {'req':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7} {'errors':>6}  rows"
    )
    for r in results:
        print(
            f"{r.name:<24} {r.think_ms:>5} {r.requests:>6} {r.rps:>7.1f} {r.p50_ms:>7.1f} {r.p95_ms:>7.1f} "
            f"{r.p99_ms:>7.1f} {r.max_ms:>7.1f} {r.errors:>6}  {r.rows_check}"
        )
        if r.errors:
            print(f"{'':<24} statuses {r.statuses}, socket errors {r.socket_errors}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("LOA_DATABASE_URL", ""))
    parser.add_argument("--duration", type=int, default=30, help="seconds per run")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--think-ms", type=int, default=250, help="pause per connection in bounded runs")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured seconds of each request first")
    parser.add_argument("--timeout", type=int, default=10, help="wrk's request timeout, seconds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (as prod-local)")
    parser.add_argument("--worker-threads", type=int, default=4, help="threads per worker (1: sync worker)")
    parser.add_argument("--communes", type=int, default=1, help="communes (one editor each) sharing the load")
    parser.add_argument("--year", type=int, help="plan year (default: this year)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-saturation", action="store_true", help="only the bounded runs")
    parser.add_argument("--only", choices=["dashboard", "activity"], help="only this page's runs")
    parser.add_argument("--small", action="store_true", help="CI size: 3 s per run")
    parser.add_argument("--username", help="sign in this account instead of bench.http.<code>")
    parser.add_argument("--password", help="its password")
    parser.add_argument("--keep", action="store_true", help="keep the activities the run logged")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--verbose", action="store_true", help="print wrk's own report too")
    args = parser.parse_args(argv)
    if args.small:
        args.duration, args.warmup = min(args.duration, 3), min(args.warmup, 2)
    if not args.database_url:
        parser.error("set LOA_DATABASE_URL or --database-url (the database loa generate filled)")
    if bool(args.username) != bool(args.password):
        parser.error("--username and --password go together")

    wrk = ensure_wrk()
    scratch = ROOT / "var" / "bench"
    scratch.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="http-load-", dir=scratch))
    try:
        return load_test(args, wrk, work)
    except BaseException:
        if not (work / "gunicorn.log").exists():
            shutil.rmtree(work, ignore_errors=True)  # nothing worth keeping from a refusal
        else:
            print(f"gunicorn log   {work / 'gunicorn.log'}", file=sys.stderr)
        raise


def load_test(args: argparse.Namespace, wrk: str, work: Path) -> int:
    env = production_env(args.database_url, work / "var")
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)  # prod serves hashed names only
    print(f"collectstatic  {time.perf_counter() - started:.1f} s")
    today = timezone.localdate()
    year = args.year or today.year
    communes = commune_targets(args.communes, year, args.seed, args.username)
    password = args.password or secrets.token_urlsafe(18)
    created_users: list[str] = []
    profiles: list[Profile] = []
    for unit in communes:
        username = args.username or bench_editor(unit, password)
        if not args.username:
            created_users.append(username)
        profiles.append(Profile(unit.pk, unit.code or "", username, tasks_of(unit, year)))
    unit_ids = [p.unit_id for p in profiles]
    tag = f"bench-load {uuid.uuid4().hex[:8]}"
    server = Server(
        port=free_port(), workers=args.workers, threads=args.worker_threads, log=work / "gunicorn.log"
    )
    kind = f"gthread, {args.worker_threads} threads each" if args.worker_threads > 1 else "sync"
    load_before = load_average()
    print(f"machine        {os.cpu_count()} CPUs, load average {load_before} before the runs")
    print(f"database       {connection.vendor} ({connection.settings_dict['NAME']})")
    print(f"server         gunicorn, {args.workers} workers ({kind}), prod settings, {server.base_url}")
    print(
        f"load           wrk -t{args.threads} -c{args.connections}, {args.duration} s a run, "
        f"think {args.think_ms} ms when bounded; {len(profiles)} commune(s): "
        + ", ".join(f"{u.name} ({u.code})" for u in communes)
    )
    results: list[RunResult] = []
    memory: dict[int, float] = {}
    load_after = ""
    failures: list[str] = []
    try:
        server.start(env)
        for profile in profiles:
            sign_in(server.port, profile, password)
        first_day = dt.date(year, 1, 1)
        days = max(1, (min(today, dt.date(year, 12, 31)) - first_day).days + 1)
        wrk_env = {"LOA_WRK_TAG": tag, "LOA_WRK_FIRST_DAY": first_day.isoformat(), "LOA_WRK_DAYS": str(days)}
        # Every worker's first requests import and compile what the page needs (seconds):
        # not what a running server does, so not measured.
        warm_args = argparse.Namespace(**{**vars(args), "duration": args.warmup, "verbose": False})
        for mode in ("get", "post") if args.warmup > 0 else ():
            profile_file = work / f"profiles-{mode}.tsv"
            write_profiles(profile_file, profiles, page="dashboard" if mode == "get" else "form")
            run_wrk(
                wrk,
                name="warm-up",
                base_url=server.base_url,
                mode=mode,
                think_ms=0,
                args=warm_args,
                env={**wrk_env, "LOA_WRK_PROFILES": str(profile_file)},
            )
        plan = [("dashboard GET", "get", args.think_ms), ("activity POST", "post", args.think_ms)]
        if not args.no_saturation:
            plan += [("dashboard GET", "get", 0), ("activity POST", "post", 0)]
        if args.only is not None:
            plan = [step for step in plan if step[0].startswith(args.only)]
        for name, mode, think in plan:
            profile_file = work / f"profiles-{mode}.tsv"
            write_profiles(profile_file, profiles, page="dashboard" if mode == "get" else "form")
            before = drain(server.port, unit_ids, tag)
            label = f"{name} {'bounded' if think else 'saturation'}"
            result = run_wrk(
                wrk,
                name=label,
                base_url=server.base_url,
                mode=mode,
                think_ms=think,
                args=args,
                env={**wrk_env, "LOA_WRK_PROFILES": str(profile_file)},
            )
            if mode == "post":
                added = drain(server.port, unit_ids, tag) - before
                result.added_rows = added
                extra = added - result.ok
                if added == result.ok:
                    result.rows_check = f"{added} added = {result.ok} ok"
                elif 0 < extra <= result.in_flight_at_stop:
                    result.rows_check = (
                        f"{added} added = {result.ok} ok + {extra} in flight at the stop (of "
                        f"{result.in_flight_at_stop})"
                    )
                else:
                    result.rows_check = f"MISMATCH: {added} added, {result.ok} ok"
                    failures.append(f"{label}: {added} rows added for {result.ok} successful POSTs")
            if think and result.errors:
                failures.append(f"{label}: {result.errors} errors")
            results.append(result)
            print(
                f"  {label}: {result.rps} req/s, p95 {result.p95_ms:.1f} ms, {result.errors} errors",
                flush=True,
            )
        memory = server.peak_memory_mb()
        load_after = load_average()
        print(f"load average   {load_after} after the runs (other processes inflate latencies)")
    finally:
        server.stop()
        if not args.keep:
            deleted = delete_tagged(unit_ids, tag)
            print(f"cleanup        {deleted} logged activities deleted, statuses and tallies recounted")
        retire_editors(created_users)
    print()
    print_results(results)
    print()
    peak = max(memory.values(), default=0.0)
    print(
        "worker memory  peak RSS (VmHWM) "
        + ", ".join(f"{mb:.0f}" for mb in memory.values())
        + f" MiB; max {peak:.0f} (target <= {TARGET_WORKER_MB:.0f}: "
        + ("met" if peak <= TARGET_WORKER_MB else "MISSED")
        + ")"
    )
    bounded_post = next((r for r in results if r.name == "activity POST bounded"), None)
    if bounded_post is not None:
        met = (
            bounded_post.requests > 0
            and bounded_post.errors == 0
            and bounded_post.p95_ms <= TARGET_POST_P95_MS
        )
        verdict = "met" if met else "MISSED"
        print(f"target         activity POST p95 <= {TARGET_POST_P95_MS:.0f} ms, no errors: {verdict}")
    if args.json is not None:
        payload = {
            "database": connection.vendor,
            "server": {"workers": args.workers, "threads": args.worker_threads},
            "load": {"connections": args.connections, "threads": args.threads, "duration": args.duration},
            "communes": [p.unit_code for p in profiles],
            "runs": [{**asdict(r), "errors": r.errors} for r in results],
            "worker_peak_rss_mib": list(memory.values()),
            "load_average": {"before": load_before, "after": load_after},
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    if args.verbose:
        print(f"gunicorn log   {server.log}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks: gunicorn stops


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGHUP, _exit_on_signal)
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"http_load: {exc}", file=sys.stderr)
        sys.exit(2)
