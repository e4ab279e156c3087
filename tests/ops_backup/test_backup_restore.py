"""`loa backup` and `loa restore`: a round trip through a flushed database, and refusals.

The data is built through the services (a plan, tasks, activities with evidence files),
backed up, wiped (`flush` and the media files deleted) and restored; every table's row
count and a sample of rows and file bytes must come back as they were.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from loa.activities.models import Activity, Attachment
from loa.ops.backup import DUMP, MANIFEST, row_counts, sidecar_path
from loa.plans.models import Plan, Task
from tests.activities import issued_plan, log, member_of, task_in
from tests.evidence import PDF_BYTES, png_bytes
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)

D = dt.date


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def loaded(media: Path) -> dict[str, Any]:
    """A commune with an issued plan, two tasks and three activities, two with files."""
    commune = UnitFactory()
    editor = member_of(commune)
    plan = issued_plan(commune, editor)
    radio = task_in(plan, "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút", editor, channel="radio")
    task_in(plan, "Hằng quý", editor, channel="conference")
    log(commune, D(2024, 1, 10), editor, task=radio, quantity=20, measure="minutes")
    log(
        commune,
        D(2024, 2, 12),
        editor,
        task=radio,
        quantity=15,
        measure="minutes",
        files=[SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")],
    )
    log(
        commune,
        D(2024, 3, 5),
        editor,
        files=[SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, content_type="application/pdf")],
    )
    return {"plan": plan.pk, "unit": commune.pk}


def snapshot() -> dict[str, Any]:
    """The rows the round trip must keep, and the uploaded files' bytes."""
    return {
        "counts": row_counts(),
        "plans": list(Plan.objects.order_by("pk").values()),
        "tasks": list(Task.objects.order_by("pk").values()),
        "activities": list(Activity.objects.order_by("pk").values()),
        "files": {a.file.name: a.file.read() for a in Attachment.objects.order_by("pk")},
    }


def backup(tmp_path: Path) -> Path:
    out = tmp_path / "out" / "loa.tar.gz"
    call_command("backup", out=out, stdout=io.StringIO())
    return out


def wipe(media: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    media.mkdir()


def restore(archive: Path, *args: str) -> str:
    stdout = io.StringIO()
    call_command("restore", str(archive), *args, stdout=stdout)
    return stdout.getvalue()


def rebuild_with(archive: Path, name: str, change: Any) -> None:
    """Rewrite `archive` with member `name`'s bytes passed through `change`."""
    with tarfile.open(archive, "r:gz") as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]
    with tarfile.open(archive, "w:gz") as tar:
        for member, content in members:
            content = change(content) if member.name == name else content
            member.size = len(content)
            tar.addfile(member, io.BytesIO(content))


def reseal(archive: Path) -> None:
    """A matching sidecar for the rewritten archive: only the member checks can catch it."""
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    sidecar_path(archive).write_text(f"{digest}  {archive.name}\n")


def test_a_flushed_database_comes_back_whole(loaded: dict[str, Any], media: Path, tmp_path: Path) -> None:
    # Given the data and its backup
    before = snapshot()
    archive = backup(tmp_path)
    assert sidecar_path(archive).is_file()
    # When the database and the files are lost and the backup restored
    wipe(media)
    assert Plan.objects.count() == 0
    assert not any(media.rglob("*.png"))
    output = restore(archive)
    # Then every table has its rows again, and the sample rows and files are identical
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile(MANIFEST))  # type: ignore[arg-type]
    after = snapshot()
    assert manifest["row_counts"] == before["counts"] == after["counts"]
    assert before["counts"]["plans_plan"] == 1
    assert before["counts"]["activities_activity"] == 3
    assert after["plans"] == before["plans"]
    assert after["tasks"] == before["tasks"]
    assert after["activities"] == before["activities"]
    assert after["files"] == before["files"]
    assert len(after["files"]) == 2
    assert png_bytes() in after["files"].values()
    # And the archive holds the manifest, the dump and the files, each with its checksum
    assert names[0] == MANIFEST
    assert DUMP in names
    assert set(manifest["members"]) == set(names) - {MANIFEST}
    assert {n for n in names if n.startswith("media/")} == {f"media/{n}" for n in before["files"]}
    assert manifest["migrations"]["plans"]
    assert manifest["database_vendor"]
    assert "plans_plan" in output
    assert "Đã khôi phục" in output


def test_a_tampered_member_is_refused_by_name(loaded: dict[str, Any], media: Path, tmp_path: Path) -> None:
    archive = backup(tmp_path)
    wipe(media)

    def flip(content: bytes) -> bytes:
        return content[:10] + bytes([content[10] ^ 1]) + content[11:]

    rebuild_with(archive, DUMP, flip)
    reseal(archive)
    with pytest.raises(CommandError, match=r"data/db\.json.*SHA-256"):
        restore(archive)
    assert Plan.objects.count() == 0


def test_an_archive_not_matching_its_sidecar_is_refused(
    loaded: dict[str, Any], media: Path, tmp_path: Path
) -> None:
    archive = backup(tmp_path)
    wipe(media)
    sidecar_path(archive).write_text("0" * 64 + f"  {archive.name}\n")
    with pytest.raises(CommandError, match=r"\.sha256"):
        restore(archive)
    assert Plan.objects.count() == 0
    # A truncated archive fails the sidecar check too
    reseal(archive)
    archive.write_bytes(gzip.compress(b"")[:5])
    with pytest.raises(CommandError, match=r"\.sha256"):
        restore(archive)


def test_a_database_with_data_is_refused_without_force(
    loaded: dict[str, Any], media: Path, tmp_path: Path
) -> None:
    # Given a backup, then more data logged after it
    archive = backup(tmp_path)
    unit = UnitFactory()
    log(unit, D(2024, 4, 1), member_of(unit))
    before = snapshot()
    # When restoring without --force: refused, nothing changed
    with pytest.raises(CommandError, match="--force"):
        restore(archive)
    assert snapshot() == before
    # With --force the database is replaced by the backup's content
    restore(archive, "--force")
    assert Activity.objects.count() == 3
    assert row_counts()["activities_activity"] == 3


def test_a_target_behind_the_backup_must_migrate_first(
    loaded: dict[str, Any], media: Path, tmp_path: Path
) -> None:
    archive = backup(tmp_path)
    wipe(media)

    def newer(content: bytes) -> bytes:
        manifest = json.loads(content)
        manifest["migrations"]["plans"] = "9999_from_the_future"
        return json.dumps(manifest).encode()

    rebuild_with(archive, MANIFEST, newer)
    reseal(archive)
    with pytest.raises(CommandError, match="loa migrate"):
        restore(archive)
    assert Plan.objects.count() == 0
