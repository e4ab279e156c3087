"""Real servers on a real database, killed with SIGKILL and started again.

- `DatabaseMaker` makes one migrated database with a commune and its editor (once per test
  session) and gives each test a copy of it: a file copy on SQLite, `CREATE DATABASE …
  TEMPLATE` on PostgreSQL (when LOA_DATABASE_URL is set, on that server). The servers see
  it through LOA_DATABASE_URL; the test reads it with plain SQL (`Database.rows`), so
  nothing in the test process holds a Django connection the servers would wait for.
- `Site` runs gunicorn (one sync worker, as in production) and `loa db_worker` on that
  database and one media folder, each in its own process group, and `kill()` sends
  SIGKILL to a service's whole process tree (LibreOffice runs in a session of its own).
- `Browser` is a signed-in `requests` session with Django's CSRF token, and `form_fields`
  reads a page's form the way a browser would submit it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
SETTINGS = "tests.ops_crash.server_settings"
START_TIMEOUT = 60.0  # seconds for a server to answer after a start, on a busy CI machine


class HarnessError(AssertionError):
    pass


# ---------------------------------------------------------------- databases


class Database:
    """A database the servers use, read by the test with plain SQL (`%s` placeholders)."""

    url: str

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None


@dataclass
class SqliteDatabase(Database):
    path: Path

    @property
    def url(self) -> str:  # type: ignore[override]
        return f"sqlite:///{self.path}"

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            yield connection
        finally:
            connection.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connect() as connection:
            return connection.execute(sql.replace("%s", "?"), tuple(params)).fetchall()


@dataclass
class PostgresDatabase(Database):
    server_url: str
    name: str

    @property
    def url(self) -> str:  # type: ignore[override]
        return _with_database(self.server_url, self.name)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(_libpq(self.url), autocommit=True) as connection:
            return connection.execute(sql, tuple(params)).fetchall()  # type: ignore[arg-type,unused-ignore]


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _libpq(url: str) -> str:
    # dj-database-url accepts postgres:// and postgresql://; libpq wants the latter.
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql://", url)


def _subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # The browser tests allow async-unsafe ORM calls for their own process; a server must not.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


class DatabaseMaker:
    """One prepared database per session; a fresh copy of it (and of its media) per test."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.server_url = os.environ.get("LOA_DATABASE_URL") or ""
        self.is_postgres = self.server_url.startswith(("postgres://", "postgresql://", "postgis://"))
        self.tag = f"{os.getpid()}_{secrets.token_hex(3)}"
        self.created: list[str] = []
        self.template_media = workdir / "media"
        self.template: Database | None = None
        self.info: dict[str, Any] = {}

    def _pg_admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(_libpq(self.server_url), autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type,unused-ignore]

    def _new_empty(self, name: str) -> Database:
        if self.is_postgres:
            self._pg_admin(f'CREATE DATABASE "{name}"')
            self.created.append(name)
            return PostgresDatabase(self.server_url, name)
        return SqliteDatabase(self.workdir / f"{name}.sqlite3")

    def prepare(self, seed: Path) -> None:
        """Migrate the template database and fill it (`tests.ops_crash.prepare`)."""
        self.template = self._new_empty(f"loa_crash_tpl_{self.tag}")
        self.template_media.mkdir(parents=True, exist_ok=True)
        env = _subprocess_env(
            LOA_DATABASE_URL=self.template.url,
            LOA_CRASH_MEDIA=str(self.template_media),
            LOA_CRASH_SEED=str(seed),
            TMPDIR=str(self.workdir),
        )
        done = subprocess.run(
            [PYTHON, "-m", "tests.ops_crash.prepare"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            raise HarnessError(f"preparing the database failed:\n{done.stdout}\n{done.stderr}")
        self.info = json.loads(done.stdout.strip().splitlines()[-1])

    def copy(self, media: Path) -> Database:
        """A fresh copy of the template database, its uploaded files copied into `media`."""
        assert self.template is not None, "prepare() first"
        shutil.copytree(self.template_media, media, dirs_exist_ok=True)
        name = f"loa_crash_{self.tag}_{len(self.created)}_{secrets.token_hex(2)}"
        if self.is_postgres:
            assert isinstance(self.template, PostgresDatabase)
            self._pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template.name}"')
            self.created.append(name)
            return PostgresDatabase(self.server_url, name)
        assert isinstance(self.template, SqliteDatabase)
        target = media.parent / f"{name}.sqlite3"
        shutil.copyfile(self.template.path, target)
        return SqliteDatabase(target)

    def drop(self, database: Database) -> None:
        if isinstance(database, PostgresDatabase) and database.name in self.created:
            self._pg_admin(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
            self.created.remove(database.name)

    def close(self) -> None:
        for name in reversed(self.created):
            with contextlib.suppress(Exception):
                self._pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


# ---------------------------------------------------------------- processes


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid …": comm may hold spaces and parentheses.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children[ppid].append(int(entry))
    return children


def descendants(pid: int) -> list[int]:
    children = _children_map()
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def kill_tree(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL a process started with its own session, its group and every descendant.

    Descendants are listed before the kill (once their parent dies they are re-parented
    and the link is lost); LibreOffice runs in a session of its own, so its group is
    killed by its id too. Only processes this harness started are touched.
    """
    if process.poll() is not None:
        return
    tree = descendants(process.pid)
    own_group = os.getpgrp()
    groups = {process.pid}
    for pid in tree:
        with contextlib.suppress(OSError):
            groups.add(os.getpgid(pid))
    for group in groups - {own_group}:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)
    for pid in tree:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    process.wait(timeout=10)
    deadline = time.monotonic() + 10
    for pid in tree:
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)


@dataclass
class Service:
    """One server process (and its children), its output appended to a log file."""

    name: str
    argv: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None
    _offset: int = 0

    def start(self) -> None:
        assert self.process is None or self.process.poll() is not None, f"{self.name} is running"
        self._offset = self.log.stat().st_size if self.log.exists() else 0
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def output(self) -> str:
        with self.log.open("rb") as handle:
            handle.seek(self._offset)
            return handle.read().decode("utf-8", "replace")

    def wait_for(self, pattern: str, timeout: float = START_TIMEOUT) -> re.Match[str]:
        """The first match of `pattern` in what this start of the service printed."""
        deadline = time.monotonic() + timeout
        while True:
            match = re.search(pattern, self.output())
            if match:
                return match
            assert self.process is not None
            if self.process.poll() is not None:
                raise HarnessError(
                    f"{self.name} exited ({self.process.returncode}):\n{self.output()[-3000:]}"
                )
            if time.monotonic() > deadline:
                raise HarnessError(
                    f"{self.name} did not print {pattern!r} in {timeout:g} s:\n{self.output()[-3000:]}"
                )
            time.sleep(0.02)

    def kill(self) -> None:
        if self.process is not None:
            kill_tree(self.process)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Site:
    """gunicorn and the db_worker of one database and one media folder."""

    database: Database
    media: Path
    workdir: Path
    info: dict[str, Any]
    stalled_seconds: float = 3.0  # LOA_JOB_STALLED_SECONDS of the servers
    base_url: str = ""
    timings: list[tuple[str, float]] = field(default_factory=list)  # (what, seconds to ready) per start
    _launched: float = 0.0
    env: dict[str, str] = field(init=False)
    web: Service = field(init=False)
    worker: Service = field(init=False)

    def __post_init__(self) -> None:
        tmp = self.workdir / "tmp"  # LibreOffice's and Django's temporary files stay in the test's folder
        tmp.mkdir(parents=True, exist_ok=True)
        # One environment for both services, completed at each launch (`stalled_seconds`).
        self.env = env = _subprocess_env(
            LOA_DATABASE_URL=self.database.url, LOA_CRASH_MEDIA=str(self.media), TMPDIR=str(tmp)
        )
        self.web = Service(
            "gunicorn",
            [
                PYTHON, "-m", "gunicorn", "loa.config.wsgi:application",
                "--workers", "1", "--bind", "127.0.0.1:0", "--timeout", "60",
                "--no-control-socket", "--log-level", "info",
            ],
            env,
            self.workdir / "gunicorn.log",
        )  # fmt: skip
        self.worker = Service(
            "db_worker",
            [
                PYTHON, "-m", "loa.cli", "db_worker",
                "--interval", "0.05", "--no-startup-delay", "--skip-checks", "-v", "1",
            ],
            env,
            self.workdir / "worker.log",
        )  # fmt: skip

    def start(self, *, web: bool = True, worker: bool = True) -> None:
        """Start the services asked for and wait until each is ready for work."""
        self.launch(web=web, worker=worker)
        self.wait_ready(web=web, worker=worker)

    def launch(self, *, web: bool = True, worker: bool = True) -> None:
        """Start the services asked for; `wait_ready` waits for them (check data meanwhile)."""
        self.env["LOA_CRASH_STALLED_SECONDS"] = str(self.stalled_seconds)
        self._launched = time.monotonic()
        if web:
            self.web.start()
        if worker:
            self.worker.start()

    def wait_ready(self, *, web: bool = True, worker: bool = True) -> None:
        self._wait_ready(web=web, worker=worker)
        took = round(time.monotonic() - self._launched, 2)
        self.timings.append(("web" * web + "+" * (web and worker) + "worker" * worker, took))

    def _wait_ready(self, *, web: bool, worker: bool) -> None:
        if web:
            port = self.web.wait_for(r"Listening at: http://127\.0\.0\.1:(\d+)").group(1)
            self.base_url = f"http://127.0.0.1:{port}"
            self._wait_for_http()
        if worker:
            self.worker.wait_for(r"Starting worker")

    def _wait_for_http(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                http_session().get(self.base_url + "/suc-khoe/", timeout=5)
            except requests.RequestException:
                if not self.web.running:
                    raise HarnessError(f"gunicorn exited:\n{self.web.output()[-3000:]}") from None
                if time.monotonic() > deadline:
                    raise HarnessError(f"gunicorn did not answer:\n{self.web.output()[-3000:]}") from None
                time.sleep(0.02)
            else:
                return

    def kill(self, *, web: bool = True, worker: bool = True) -> None:
        """SIGKILL: no signal handler, no cleanup, as a power cut or the OOM killer does it."""
        if worker:
            self.worker.kill()
        if web:
            self.web.kill()

    def restart(self, **which: bool) -> None:
        self.kill(**which)
        self.start(**which)

    def url(self, path: str) -> str:
        return self.base_url + path

    def media_files(self, under: str) -> list[Path]:
        return sorted(p for p in (self.media / under).rglob("*") if p.is_file())


def assert_no_task_left_running(site: Site, *, any_lost: bool) -> None:
    """No task of a dead worker is still recorded as running: they were closed as lost."""
    rows = site.database.rows("SELECT status, exception_class_path FROM django_tasks_database_dbtaskresult")
    assert not [row for row in rows if row[0] == "RUNNING"], (
        "tasks of dead workers are still recorded as running"
    )
    if any_lost:
        assert ("FAILED", "loa.ops.jobs.WorkerLost") in rows, rows


# ---------------------------------------------------------------- HTTP


class _FormParser(HTMLParser):
    """The fields of each <form> as a browser submits them (inputs, textareas, selects)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._in_form = False
        self._textarea: tuple[str, list[str]] | None = None
        self._select: tuple[str, list[tuple[str, bool]], bool] | None = None
        self._option: list[str] | None = None
        self._option_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._in_form = True
            self.forms.append([])
        elif not self._in_form:
            return
        elif tag == "input":
            name, kind = a.get("name"), (a.get("type") or "text").lower()
            if not name or kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.forms[-1].append((name, a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = (str(a["name"]), [])
        elif tag == "select" and a.get("name"):
            self._select = (str(a["name"]), [], "multiple" in a)
        elif tag == "option" and self._select is not None:
            self._option, self._option_attrs = [], a

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._textarea[1])
            self.forms[-1].append((self._textarea[0], text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value = self._option_attrs.get("value")
            label = "".join(self._option).strip()
            self._select[1].append((label if value is None else value, "selected" in self._option_attrs))
            self._option = None
        elif tag == "select" and self._select is not None:
            name, options, multiple = self._select
            chosen = [v for v, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]
            self.forms[-1].extend((name, v) for v in chosen)
            self._select = None


def form_fields(html: str, having: str) -> list[tuple[str, str]]:
    """The fields of the page's first form that has a field named `having`."""
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        if any(name == having for name, _value in form):
            return form
    raise HarnessError(f"no form with a field {having!r} on the page")


class Browser:
    """A client of the site: a requests session, Django's CSRF token taken from a form page."""

    def __init__(self, site: Site, *, form_page: str, session: str = "") -> None:
        self.site = site
        self.form_page = form_page
        self.session = http_session()
        if session:  # signed in: the session cookie the sign-in page would have set
            self.session.cookies.set("sessionid", session, domain="127.0.0.1", path="/")

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return self.session.get(self.site.url(path), **kwargs)

    def post(self, path: str, data: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        token = self.token()
        data = (
            {**data, "csrfmiddlewaretoken": token}
            if isinstance(data, dict)
            else [*data, ("csrfmiddlewaretoken", token)]
        )
        return self.session.post(self.site.url(path), data=data, **kwargs)

    def token(self) -> str:
        token = self.session.cookies.get("csrftoken")
        if not token:
            self.get(self.form_page)
            token = self.session.cookies.get("csrftoken")
        if not token:
            raise HarnessError(f"no CSRF cookie from {self.form_page}")
        return str(token)


def http_session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # straight to 127.0.0.1, whatever proxy the machine is told to use
    return session


def poll(check: Callable[[], Any], *, timeout: float, interval: float = 0.02, what: str = "") -> Any:
    """Call `check` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise HarnessError(f"timed out after {timeout:g} s waiting for {what or check}")
        time.sleep(interval)
