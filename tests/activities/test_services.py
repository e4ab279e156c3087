"""Logging, editing and deleting activities: permissions, refusals, statuses and evidence files."""

from __future__ import annotations

import datetime as dt
import io
import struct
from contextlib import nullcontext
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from loa.accounts.choices import Role
from loa.activities.errors import AttachmentRefused, InvalidActivity
from loa.activities.models import Activity, Attachment
from loa.activities.services import (
    MAX_ATTACHMENTS,
    ActivityInput,
    delete_activity,
    delete_attachment,
    log_activity,
    update_activity,
)
from loa.audit.models import ChangeLogEntry, Verb
from loa.plans.choices import OccurrenceStatus
from loa.plans.models import Task
from loa.units.models import Unit
from tests.activities import freeze_today, issued_plan, log, member_of, task_in
from tests.evidence import PDF_BYTES, png_bytes
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db

D = dt.date
DONE, LATE, MISSED, PENDING = (
    OccurrenceStatus.DONE,
    OccurrenceStatus.LATE,
    OccurrenceStatus.MISSED,
    OccurrenceStatus.PENDING,
)
MONTHLY_RADIO = "Mỗi tháng 01 kỳ, thời lượng tối thiểu 15 phút"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- evidence files, built for real -------------------------------------------------


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Biên bản hội nghị tuyên truyền cải cách hành chính")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Tháng", "Số phút phát thanh"])
    workbook.active.append([1, 20])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_future_zip_version(content: bytes) -> bytes:
    """The archive with its first central-directory entry asking for ZIP version 8.5."""
    version_needed = content.index(b"PK\x01\x02") + 6
    return content[:version_needed] + struct.pack("<H", 85) + content[version_needed + 2 :]


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- a commune with a 2024 monthly radio task --------------------------------------


@pytest.fixture
def commune() -> Unit:
    return UnitFactory()


@pytest.fixture
def editor(commune: Unit) -> Any:
    return member_of(commune)


@pytest.fixture
def radio(commune: Unit, editor: Any) -> Task:
    return task_in(issued_plan(commune, editor), MONTHLY_RADIO, editor, channel="radio")


def status_of(task: Task, label: str) -> tuple[str, dt.date | None]:
    occurrence = task.occurrences.get(label=label)
    return occurrence.status, occurrence.fulfilled_on


def minutes(on: dt.date, quantity: Any, task: Task | None, **fields: Any) -> ActivityInput:
    fields.setdefault("title", "Chuyên mục cải cách hành chính trên đài truyền thanh")
    return ActivityInput(
        happened_on=on, channel="radio", quantity=quantity, measure="minutes", task=task, **fields
    )


# --- statuses through the services -------------------------------------------------


def test_logging_enough_minutes_in_the_month_makes_it_done(commune: Unit, editor: Any, radio: Task) -> None:
    activity = log_activity(commune, minutes(D(2024, 3, 12), 15, radio), actor=editor)
    assert activity.occurrence is not None
    assert activity.occurrence.label == "Tháng 03/2024"
    assert activity.created_by == editor
    assert status_of(radio, "Tháng 03/2024") == (DONE, D(2024, 3, 12))
    assert status_of(radio, "Tháng 02/2024") == (MISSED, None)  # 2024 is long past


def test_evidence_logged_after_the_window_makes_it_late(commune: Unit, editor: Any) -> None:
    task = task_in(issued_plan(commune, editor), "Quý I/2024", editor, channel="conference")
    log(commune, D(2024, 4, 3), editor, task=task, channel="conference", quantity=80, measure="attendees")
    assert status_of(task, "Quý I/2024") == (LATE, D(2024, 4, 3))


def test_editing_the_quantity_below_the_quota_reopens_or_misses_the_period(
    monkeypatch: pytest.MonkeyPatch, commune: Unit, editor: Any, radio: Task
) -> None:
    # given a March seen on 20/03/2024, done with 20 minutes
    freeze_today(monkeypatch, D(2024, 3, 20))
    activity = log_activity(commune, minutes(D(2024, 3, 12), 20, radio), actor=editor)
    assert status_of(radio, "Tháng 03/2024") == (DONE, D(2024, 3, 12))
    # when the quantity is corrected to 10 minutes, the month is open again
    update_activity(activity, minutes(D(2024, 3, 12), 10, radio), actor=editor)
    assert status_of(radio, "Tháng 03/2024") == (PENDING, None)
    # and once March is over, the same correction leaves it missed
    freeze_today(monkeypatch, D(2024, 4, 2))
    update_activity(activity, minutes(D(2024, 3, 12), 20, radio), actor=editor)
    assert status_of(radio, "Tháng 03/2024") == (DONE, D(2024, 3, 12))
    update_activity(activity, minutes(D(2024, 3, 12), "9,5", radio), actor=editor)
    assert status_of(radio, "Tháng 03/2024") == (MISSED, None)
    activity.refresh_from_db()
    assert activity.quantity == Decimal("9.5")


def test_deleting_the_activity_that_met_the_quota_recomputes_the_period(
    commune: Unit, editor: Any, radio: Task
) -> None:
    first = log_activity(commune, minutes(D(2024, 3, 2), 10, radio), actor=editor)
    second = log_activity(commune, minutes(D(2024, 3, 25), 10, radio), actor=editor)
    assert status_of(radio, "Tháng 03/2024") == (DONE, D(2024, 3, 25))
    delete_activity(second, actor=editor)
    assert status_of(radio, "Tháng 03/2024") == (MISSED, None)
    log_activity(commune, minutes(D(2024, 4, 2), 10, radio), actor=editor)  # April does not help March
    assert status_of(radio, "Tháng 03/2024") == (MISSED, None)
    assert Activity.objects.filter(pk=first.pk).exists()


def test_moving_an_activity_to_another_task_updates_both_occurrences(
    commune: Unit, editor: Any, radio: Task
) -> None:
    portal = task_in(radio.plan, "Hằng quý", editor, channel="portal")
    activity = log_activity(commune, minutes(D(2024, 2, 10), 30, radio), actor=editor)
    assert status_of(radio, "Tháng 02/2024") == (DONE, D(2024, 2, 10))
    assert status_of(portal, "Quý I/2024") == (MISSED, None)
    update_activity(activity, minutes(D(2024, 2, 10), 30, portal), actor=editor)
    assert status_of(radio, "Tháng 02/2024") == (MISSED, None)
    assert status_of(portal, "Quý I/2024") == (DONE, D(2024, 2, 10))
    # and unlinking it from any task leaves both unmet
    update_activity(activity, minutes(D(2024, 2, 10), 30, None), actor=editor)
    assert status_of(portal, "Quý I/2024") == (MISSED, None)
    assert Activity.objects.get(pk=activity.pk).occurrence is None


def test_late_evidence_can_be_linked_to_the_period_it_was_for(
    commune: Unit, editor: Any, radio: Task
) -> None:
    january = radio.occurrences.get(label="Tháng 01/2024")
    data = minutes(D(2024, 2, 3), 20, radio)
    data.occurrence = january
    activity = log_activity(commune, data, actor=editor)
    assert activity.occurrence == january
    assert status_of(radio, "Tháng 01/2024") == (LATE, D(2024, 2, 3))
    assert status_of(radio, "Tháng 02/2024") == (MISSED, None)


def test_a_period_of_another_task_or_unit_is_refused(commune: Unit, editor: Any, radio: Task) -> None:
    portal = task_in(radio.plan, "Hằng quý", editor, channel="portal")
    data = minutes(D(2024, 2, 3), 20, radio)
    data.occurrence = portal.occurrences.get(label="Quý I/2024")
    with pytest.raises(InvalidActivity, match="không thuộc nhiệm vụ"):
        log_activity(commune, data, actor=editor)
    other = UnitFactory(parent=commune.parent)
    foreign = task_in(issued_plan(other, member_of(other)), "Hằng tháng", member_of(other))
    data = minutes(D(2024, 2, 3), 20, None)
    data.occurrence = foreign.occurrences.get(label="Tháng 02/2024")
    with pytest.raises(InvalidActivity, match="không thuộc kế hoạch"):
        log_activity(commune, data, actor=editor)
    assert not Activity.objects.exists()


def test_each_write_leaves_exactly_one_change_log_row(commune: Unit, editor: Any, radio: Task) -> None:
    activity = log_activity(commune, minutes(D(2024, 3, 2), 10, radio), actor=editor)
    update_activity(activity, minutes(D(2024, 3, 2), 12, radio), actor=editor)
    delete_activity(activity, actor=editor)
    rows = ChangeLogEntry.objects.filter(target_type="activities.activity", target_id=activity.pk)
    assert sorted(rows.values_list("verb", flat=True)) == sorted(
        [Verb.ACTIVITY_LOGGED, Verb.ACTIVITY_UPDATED, Verb.ACTIVITY_DELETED]
    )
    updated = rows.get(verb=Verb.ACTIVITY_UPDATED)
    assert (updated.before["quantity"], updated.after["quantity"]) == ("10.0", "12.0")
    assert all(row.actor == editor and row.unit == commune for row in rows)


# --- who may log -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("holder", "role", "allowed"),
    [
        ("own", Role.EDITOR, True),
        ("own", Role.REPORTER, True),
        ("own", Role.ADMIN, True),
        ("own", Role.VIEWER, False),
        ("province", Role.EDITOR, True),
        ("province", Role.VIEWER, False),
        ("sibling", Role.EDITOR, False),
    ],
)
def test_log_activity_permission(holder: str, role: Role, allowed: bool) -> None:
    # given
    commune = UnitFactory()
    unit = {"own": commune, "province": commune.parent, "sibling": UnitFactory(parent=commune.parent)}[holder]
    actor = member_of(unit, role)
    data = ActivityInput(happened_on=D(2024, 5, 2), channel="leaflet", title="Phát tờ rơi", quantity=200)
    # when
    with nullcontext() if allowed else pytest.raises(PermissionDenied):
        log_activity(commune, data, actor=actor)
    # then: a refusal leaves no trace
    assert Activity.objects.filter(unit=commune).exists() is allowed
    assert ChangeLogEntry.objects.filter(verb=Verb.ACTIVITY_LOGGED).exists() is allowed


def test_a_viewer_can_neither_edit_nor_delete(commune: Unit, editor: Any, radio: Task) -> None:
    activity = log_activity(commune, minutes(D(2024, 3, 2), 10, radio), actor=editor)
    viewer = member_of(commune, Role.VIEWER)
    with pytest.raises(PermissionDenied):
        update_activity(activity, minutes(D(2024, 3, 2), 99, radio), actor=viewer)
    with pytest.raises(PermissionDenied):
        delete_activity(activity, actor=viewer)
    activity.refresh_from_db()
    assert activity.quantity == Decimal(10)
    assert (
        ChangeLogEntry.objects.filter(target_id=activity.pk, target_type="activities.activity").count() == 1
    )


# --- refused input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"happened_on": D(2024, 6, 2)}, "sau hôm nay"),
        ({"happened_on": D(1999, 12, 31)}, "không hợp lệ"),
        ({"link": "javascript:alert(1)"}, "http://"),
        ({"link": "www.example.vn/bai-viet"}, "http://"),
        ({"quantity": -1}, "không được âm"),
        ({"quantity": "mười"}, "phải là một số"),
        ({"quantity": "NaN"}, "không được âm"),
        ({"cost": "-500000"}, "không được âm"),
        ({"channel": "tiktok"}, "Hình thức không hợp lệ"),
        ({"measure": "kg"}, "Đơn vị tính không hợp lệ"),
        ({"title": "   \n "}, "Cần nhập nội dung"),
    ],
)
def test_refused_input_logs_nothing(
    monkeypatch: pytest.MonkeyPatch,
    commune: Unit,
    editor: Any,
    radio: Task,
    change: dict[str, Any],
    message: str,
) -> None:
    freeze_today(monkeypatch, D(2024, 6, 1))
    data = minutes(D(2024, 3, 12), 20, radio)
    for name, value in change.items():
        setattr(data, name, value)
    before = list(radio.occurrences.values_list("status", "fulfilled_on"))
    with pytest.raises(InvalidActivity, match=message):
        log_activity(commune, data, actor=editor)
    assert not Activity.objects.exists()
    assert not ChangeLogEntry.objects.filter(verb=Verb.ACTIVITY_LOGGED).exists()
    assert list(radio.occurrences.values_list("status", "fulfilled_on")) == before


def test_an_activity_dated_today_is_accepted(
    monkeypatch: pytest.MonkeyPatch, commune: Unit, editor: Any
) -> None:
    freeze_today(monkeypatch, D(2024, 6, 1))
    activity = log(commune, D(2024, 6, 1), editor, link=" https://ubnd.example.vn/tin/1 ")
    assert activity.link == "https://ubnd.example.vn/tin/1"


def test_a_task_of_another_unit_is_refused(commune: Unit, editor: Any) -> None:
    other = UnitFactory(parent=commune.parent)
    other_editor = member_of(other)
    foreign_task = task_in(issued_plan(other, other_editor), "Hằng tháng", other_editor)
    with pytest.raises(InvalidActivity, match="không thuộc kế hoạch"):
        log(commune, D(2024, 2, 1), editor, task=foreign_task)
    assert not Activity.objects.exists()
    assert foreign_task.occurrences.get(label="Tháng 02/2024").status == MISSED


def test_a_quantity_the_database_cannot_hold_is_refused_not_crashed(
    commune: Unit, editor: Any, radio: Task
) -> None:
    # quantity is DECIMAL(10, 1): at most 999 999 999.9; the API and bulk import call the service directly
    with pytest.raises(InvalidActivity):
        log_activity(commune, minutes(D(2024, 3, 2), "5000000000", radio), actor=editor)
    assert not Activity.objects.exists()


def test_update_with_refused_input_changes_nothing(commune: Unit, editor: Any, radio: Task) -> None:
    activity = log_activity(commune, minutes(D(2024, 3, 2), 20, radio, note="Phát 2 lần"), actor=editor)
    with pytest.raises(InvalidActivity):
        update_activity(activity, minutes(D(2024, 4, 2), -3, radio), actor=editor)
    fresh = Activity.objects.get(pk=activity.pk)
    assert (fresh.happened_on, fresh.quantity, fresh.note, fresh.occurrence_id) == (
        D(2024, 3, 2),
        Decimal(20),
        "Phát 2 lần",
        activity.occurrence_id,
    )
    assert status_of(radio, "Tháng 03/2024") == (DONE, D(2024, 3, 2))


# --- evidence files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build", "content_type", "extension"),
    [
        pytest.param("anh-pano.png", png_bytes, "image/png", ".png", id="png"),
        pytest.param("bien-ban.pdf", lambda: PDF_BYTES, "application/pdf", ".pdf", id="pdf"),
        pytest.param("bao-cao.docx", docx_bytes, DOCX_TYPE, ".docx", id="docx"),
        pytest.param("so-lieu.xlsx", xlsx_bytes, XLSX_TYPE, ".xlsx", id="xlsx"),
        pytest.param("anh chụp không đuôi", png_bytes, "image/png", ".png", id="png-without-suffix"),
    ],
)
def test_accepted_files_are_stored_with_the_sniffed_type_under_a_generated_name(
    media: Path, commune: Unit, editor: Any, name: str, build: Any, content_type: str, extension: str
) -> None:
    content = build()
    activity = log(commune, D(2024, 5, 2), editor, files=[upload(name, content, "text/html")])
    attachment = activity.attachments.get()
    assert attachment.content_type == content_type
    assert attachment.original_name == name
    assert attachment.size == len(content)
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(media / "evidence")
    assert stored.suffix == extension
    assert name.split(".")[0] not in stored.name
    assert len(stored.stem) == 32  # a uuid4 hex
    assert stored.read_bytes() == content


HTML = b"<!DOCTYPE html><html><body><script>fetch('/x')</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


REFUSED_KIND = "không thuộc loại được nhận"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("anh.png", HTML, REFUSED_KIND, id="html-named-png"),
        pytest.param("logo.svg", SVG, REFUSED_KIND, id="svg"),
        pytest.param("rong.pdf", b"", "rỗng", id="empty"),
        pytest.param(
            "gia.pdf", b"%PDF<html><script>alert(1)</script></html>", REFUSED_KIND, id="pdf-lookalike"
        ),
        pytest.param("nen.zip", b"PK\x03\x04" + b"\x00" * 40, REFUSED_KIND, id="corrupt-zip"),
        pytest.param(
            "hong.docx", with_future_zip_version(docx_bytes()), REFUSED_KIND, id="docx-newer-zip-version"
        ),
    ],
)
def test_refused_files_leave_no_activity_and_no_file(
    media: Path, commune: Unit, editor: Any, name: str, content: bytes, message: str
) -> None:
    with pytest.raises(AttachmentRefused, match=message):
        log(commune, D(2024, 5, 2), editor, files=[upload(name, content)])
    assert not Activity.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_a_file_over_the_limit_is_refused(settings: Any, media: Path, commune: Unit, editor: Any) -> None:
    settings.LOA_MAX_UPLOAD_BYTES = 100
    small = png_bytes(1, 1)
    big = png_bytes(40, 40)
    assert len(small) <= 100 < len(big)
    with pytest.raises(AttachmentRefused, match="lớn hơn giới hạn"):
        log(commune, D(2024, 5, 2), editor, files=[upload("to.png", big)])
    assert not Activity.objects.exists()
    assert stored_files(media) == []
    activity = log(commune, D(2024, 5, 2), editor, files=[upload("nho.png", small)])
    assert activity.attachments.count() == 1


def test_a_refused_second_file_removes_the_first(
    media: Path, commune: Unit, editor: Any, radio: Task
) -> None:
    files = [upload("anh.png", png_bytes()), upload("trang.html.png", HTML)]
    with pytest.raises(AttachmentRefused, match=r"trang\.html\.png"):
        log_activity(commune, minutes(D(2024, 3, 2), 20, radio, files=files), actor=editor)
    assert not Activity.objects.exists()
    assert not Attachment.objects.exists()
    assert stored_files(media) == []
    assert status_of(radio, "Tháng 03/2024") == (MISSED, None)


def test_at_most_ten_files_per_activity(media: Path, commune: Unit, editor: Any) -> None:
    # eleven files at once: nothing is kept
    eleven = [upload(f"anh-{n}.png", png_bytes()) for n in range(MAX_ATTACHMENTS + 1)]
    with pytest.raises(AttachmentRefused, match="tối đa 10"):
        log(commune, D(2024, 5, 2), editor, files=eleven)
    assert not Activity.objects.exists()
    assert stored_files(media) == []
    # ten, then an eleventh by editing
    ten = [upload(f"anh-{n}.png", png_bytes()) for n in range(MAX_ATTACHMENTS)]
    activity = log(commune, D(2024, 5, 2), editor, files=ten)
    assert len(stored_files(media)) == MAX_ATTACHMENTS
    data = ActivityInput(
        happened_on=D(2024, 5, 2), channel="radio", title="Sửa", files=[upload("them.pdf", PDF_BYTES)]
    )
    with pytest.raises(AttachmentRefused, match="tối đa 10"):
        update_activity(activity, data, actor=editor)
    assert activity.attachments.count() == MAX_ATTACHMENTS
    assert len(stored_files(media)) == MAX_ATTACHMENTS
    assert Activity.objects.get(pk=activity.pk).title != "Sửa"


def test_files_are_removed_from_disk_only_when_the_deletion_commits(
    media: Path, commune: Unit, editor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    activity = log(
        commune,
        D(2024, 5, 2),
        editor,
        files=[upload("a.png", png_bytes()), upload("b.pdf", PDF_BYTES), upload("c.docx", docx_bytes())],
    )
    first, second, third = activity.attachments.order_by("pk")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        delete_attachment(first, actor=editor)
    assert Path(first.file.path).exists()  # not yet: the transaction could still roll back
    for callback in callbacks:
        callback()
    assert not Path(first.file.path).exists()
    assert list(activity.attachments.values_list("pk", flat=True)) == [second.pk, third.pk]
    assert ChangeLogEntry.objects.filter(verb=Verb.ACTIVITY_UPDATED, target_id=activity.pk).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        delete_activity(activity, actor=editor)
    assert stored_files(media) == []
    assert not Attachment.objects.exists()


def test_a_viewer_cannot_delete_a_file(media: Path, commune: Unit, editor: Any) -> None:
    activity = log(commune, D(2024, 5, 2), editor, files=[upload("a.png", png_bytes())])
    with pytest.raises(PermissionDenied):
        delete_attachment(activity.attachments.get(), actor=member_of(commune, Role.VIEWER))
    assert len(stored_files(media)) == 1
    assert activity.attachments.count() == 1
