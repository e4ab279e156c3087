"""One-file backups of a Loa installation and their verified restore.

The archive is a .tar.gz holding::

    manifest.json   Loa version, created_at, database vendor, the latest applied migration
                    per app, row counts per table and the SHA-256 of every other member
    data/db.json    the database as Django's portable dump (`dumpdata`, natural foreign keys)
    media/…         every uploaded file under MEDIA_ROOT, at its path relative to it

and a sidecar `<archive>.sha256` ("<hex>  <name>", as `sha256sum` writes it).

Why `dumpdata` and not `pg_dump`: Loa runs on SQLite (a single office, the tests) and on
PostgreSQL (the province), and one format serves both: a backup taken on either database
restores onto either, so moving from SQLite to PostgreSQL is a backup and a restore. The
primary keys are kept (audit rows and generic relations point at them); only the tables
Django rebuilds itself are left out (content types, permissions, sessions, the admin log),
and references to content types and permissions travel as natural keys.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

MANIFEST = "manifest.json"
DUMP = "data/db.json"
MEDIA_PREFIX = "media/"
FORMAT_VERSION = 1

# Rebuilt by `migrate` itself, or not worth keeping.
EXCLUDED_APPS = ("contenttypes", "sessions")
EXCLUDED_MODELS = ("auth.permission", "admin.logentry")

_CHUNK = 1 << 20
# Django JSON keeping microseconds (see loa.ops.fulljson); read back as plain "json".
DUMP_FORMAT = "loa-json"


class BackupError(Exception):
    """A backup or restore refused; the message says why and what to do."""


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, Any]
    counts: dict[str, int]
    media_files: int


# --- what the database holds ------------------------------------------------------


def _excluded(model: type[Model]) -> bool:
    meta = model._meta
    return meta.app_label in EXCLUDED_APPS or meta.label_lower in EXCLUDED_MODELS


def _tables() -> list[type[Model]]:
    """Every table the dump covers, many-to-many link tables included."""
    models = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or _excluded(model):
            continue
        if meta.auto_created:
            # A link table belongs to the dump when its owner does.
            owner = meta.auto_created
            if not isinstance(owner, type) or _excluded(owner):
                continue
        models.append(model)
    return sorted(models, key=lambda m: m._meta.db_table)


def row_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Rows per table (by table name) of every table the dump covers."""
    return {m._meta.db_table: m._base_manager.using(using).count() for m in _tables()}


def loa_rows(using: str = DEFAULT_DB_ALIAS) -> int:
    """Rows in Loa's own tables (not Django's or libraries'): zero on a fresh database."""
    return sum(
        m._base_manager.using(using).count()
        for m in _tables()
        if apps.get_app_config(m._meta.app_label).name.startswith("loa.")
    )


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """The latest applied migration of each app (migration names sort by their number)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


# --- checksums ----------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def sidecar_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".sha256")


def _media_files(root: Path) -> Iterable[tuple[str, Path]]:
    if not root.is_dir():
        return []
    return sorted(
        (MEDIA_PREFIX + path.relative_to(root).as_posix(), path)
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


# --- backup -------------------------------------------------------------------------


def default_archive_name(now: dt.datetime | None = None) -> Path:
    now = now or dt.datetime.now(dt.UTC)
    return Path(f"loa-backup-{now:%Y%m%d-%H%M%S}.tar.gz")


def create_backup(out: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Write the archive `out` and its sidecar checksum; return the manifest."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    if DUMP_FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(DUMP_FORMAT, "loa.ops.fulljson")
    with tempfile.TemporaryDirectory(prefix="loa-backup-") as work:
        dump = Path(work) / "db.json"
        # One read transaction: the dump and the counts see the same database.
        with transaction.atomic(using=using):
            call_command(
                "dumpdata",
                exclude=[*EXCLUDED_APPS, *EXCLUDED_MODELS],
                natural_foreign=True,
                format=DUMP_FORMAT,
                output=str(dump),
                database=using,
                verbosity=0,
            )
            counts = row_counts(using)
        members: list[tuple[str, Path]] = [(DUMP, dump), *_media_files(media_root)]
        manifest = {
            "format": FORMAT_VERSION,
            "loa_version": importlib.metadata.version("loa"),
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database_vendor": connections[using].vendor,
            "migrations": migration_state(using),
            "row_counts": counts,
            "members": {name: sha256_file(path) for name, path in members},
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST, recursive=False)
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
        partial.replace(out)
    sidecar_path(out).write_text(f"{sha256_file(out)}  {out.name}\n", encoding="utf-8")
    return manifest


# --- restore ------------------------------------------------------------------------


def _check_sidecar(archive: Path) -> None:
    sidecar = sidecar_path(archive)
    if not sidecar.is_file():
        raise BackupError(f"Thiếu tệp kiểm tra {sidecar.name} bên cạnh bản sao lưu.")
    expected = sidecar.read_text(encoding="utf-8").split()[:1]
    if not expected or expected[0].lower() != sha256_file(archive):
        raise BackupError(
            f"Bản sao lưu {archive.name} không khớp mã kiểm tra trong {sidecar.name}: "
            "tệp đã bị hỏng hoặc bị sửa."
        )


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and bool(path.parts)


def _extract(archive: Path, into: Path) -> dict[str, Any]:
    """Unpack the archive and check every member against the manifest."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar.getmembers():
                if not (member.isfile() and _safe_name(member.name)):
                    raise BackupError(f"Bản sao lưu chứa mục không hợp lệ: {member.name}.")
            tar.extractall(into, filter="data")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"Không đọc được bản sao lưu {archive.name}: {error}.") from error
    try:
        manifest: dict[str, Any] = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
        expected: dict[str, str] = manifest["members"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BackupError(f"Bản sao lưu không có {MANIFEST} hợp lệ.") from error
    present = {path.relative_to(into).as_posix() for path in into.rglob("*") if path.is_file()} - {MANIFEST}
    if extra := sorted(present - expected.keys()):
        raise BackupError(f"Tệp {extra[0]} trong bản sao lưu không có trong {MANIFEST}.")
    for name, digest in sorted(expected.items()):
        if name not in present:
            raise BackupError(f"Bản sao lưu thiếu tệp {name} ghi trong {MANIFEST}.")
        if sha256_file(into / name) != digest:
            raise BackupError(f"Tệp {name} trong bản sao lưu không khớp mã SHA-256 ghi trong {MANIFEST}.")
    if DUMP not in expected:
        raise BackupError(f"Bản sao lưu thiếu dữ liệu {DUMP}.")
    return manifest


def _check_migrations(recorded: dict[str, str], using: str) -> None:
    applied = set(MigrationRecorder(connections[using]).applied_migrations())
    missing = [f"{app}.{name}" for app, name in recorded.items() if (app, name) not in applied]
    if missing:
        raise BackupError(
            "Cơ sở dữ liệu đích chưa cập nhật cấu trúc bằng bản sao lưu (thiếu "
            f"{', '.join(missing)}): chạy `loa migrate` rồi khôi phục lại."
        )
    current = migration_state(using)
    newer = [f"{app}.{name}" for app, name in current.items() if recorded.get(app) not in (None, name)]
    if newer:
        raise BackupError(
            "Cơ sở dữ liệu đích có cấu trúc mới hơn bản sao lưu "
            f"({', '.join(newer)}): hãy khôi phục vào phiên bản Loa đã tạo bản sao lưu."
        )


def restore_backup(
    archive: Path,
    *,
    force: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    log: Callable[[str], object] = lambda line: None,
) -> RestoreResult:
    """Check and load `archive`: the database in one transaction, then the uploaded files.

    Refuses (BackupError, nothing changed) on a bad checksum, a migration state other than
    the backup's, or a database that already holds Loa data unless `force` is given; with
    `force` the database is emptied (`flush`) inside the same transaction as the load.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy bản sao lưu {archive}.")
    _check_sidecar(archive)
    with tempfile.TemporaryDirectory(prefix="loa-restore-") as work:
        root = Path(work)
        manifest = _extract(archive, root)
        _check_migrations(manifest.get("migrations", {}), using)
        if not force and (rows := loa_rows(using)):
            raise BackupError(
                f"Cơ sở dữ liệu đích đã có dữ liệu ({rows} dòng trong các bảng của Loa): "
                "chỉ khôi phục vào cơ sở dữ liệu trống, hoặc dùng --force để thay thế toàn bộ."
            )
        log(f"Nạp dữ liệu từ {DUMP}…")
        with transaction.atomic(using=using):
            if force:
                call_command("flush", interactive=False, database=using, verbosity=0)
            call_command("loaddata", str(root / DUMP), database=using, verbosity=0)
        media_root = Path(settings.MEDIA_ROOT)
        media = sorted(p for p in (root / "media").rglob("*") if p.is_file())
        for source in media:
            target = media_root / source.relative_to(root / "media")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        log(f"Chép {len(media)} tệp vào {media_root}.")
    return RestoreResult(manifest=manifest, counts=row_counts(using), media_files=len(media))
