"""Jobs whose worker died: told apart from jobs waiting or running, then marked failed.

The crash tests kill real workers; these pin the rule itself on the queue's rows
(`loa.ops.jobs`): a build or an import still queued or running, older than
LOA_JOB_STALLED_SECONDS, with no task for it waiting or started within that time, has
lost its worker. Its page then says so, and asking again makes a new build.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from loa.plans.choices import ImportStatus
from loa.plans.importing import fail_if_lost, fail_lost_imports
from loa.plans.models import PlanImport
from loa.plans.tasks import extract_plan_import
from loa.reports.builds import fail_lost_builds, request_build
from loa.reports.choices import BuildStatus
from loa.reports.models import DocumentBuild
from loa.reports.tasks import build_document
from tests.activities import issued_plan, member_of
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db

STALLED = 60  # seconds


@pytest.fixture(autouse=True)
def stalled_after(settings: Any, tmp_path: Any) -> None:
    settings.LOA_JOB_STALLED_SECONDS = STALLED
    settings.MEDIA_ROOT = tmp_path / "media"


def ago(seconds: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=seconds)


def task_row(task: Any, object_id: int, status: str, started: dt.datetime | None = None) -> Any:
    """The queue's row of `task(object_id)`, as django-tasks' database backend writes it."""
    return DBTaskResult.objects.create(
        args_kwargs={"args": [object_id], "kwargs": {}},
        task_path=task.module_path,
        backend_name="default",
        run_after=get_date_max(),
        status=status,
        started_at=started,
        worker_ids=["a-worker"] if started else [],
    )


@pytest.fixture
def scene() -> dict[str, Any]:
    commune = UnitFactory()
    editor = member_of(commune)
    return {"unit": commune, "editor": editor, "plan": issued_plan(commune, editor)}


def build_of(scene: dict[str, Any], status: str, created: dt.datetime) -> DocumentBuild:
    plan = scene["plan"]
    build = DocumentBuild.objects.create(
        unit=plan.unit,
        plan=plan,
        format="pdf",
        status=status,
        source_updated_at=plan.updated_at,
        file_name="kh.pdf",
    )
    DocumentBuild.objects.filter(pk=build.pk).update(created_at=created)
    return build


def test_a_build_whose_worker_died_is_failed_and_asking_again_builds_anew(scene: dict[str, Any]) -> None:
    # given a build left running by a worker killed two minutes ago
    dead = build_of(scene, BuildStatus.RUNNING, ago(2 * STALLED))
    task = task_row(build_document, dead.pk, TaskResultStatus.RUNNING, started=ago(2 * STALLED))
    # when the same file is asked for again
    again = request_build(scene["plan"], "pdf", actor=scene["editor"])
    # then a new build is queued, and the dead one and its task say they failed
    assert again.pk != dead.pk
    assert again.status == BuildStatus.QUEUED
    dead.refresh_from_db()
    assert dead.status == BuildStatus.FAILED
    assert "gián đoạn" in dead.error_message
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.finished_at is not None


def test_the_build_page_shows_that_the_build_was_interrupted(scene: dict[str, Any]) -> None:
    dead = build_of(scene, BuildStatus.RUNNING, ago(2 * STALLED))
    task_row(build_document, dead.pk, TaskResultStatus.RUNNING, started=ago(2 * STALLED))
    client = Client()
    client.force_login(scene["editor"])
    page = client.get(f"/bao-cao/van-ban/{dead.pk}/", HTTP_HX_REQUEST="true")
    assert "gián đoạn" in page.content.decode()
    assert "hx-get" not in page.content.decode()  # the page stops polling


@pytest.mark.parametrize(
    ("status", "task_status", "started_ago"),
    [
        (BuildStatus.QUEUED, TaskResultStatus.READY, None),  # waiting for a worker, however long
        (BuildStatus.RUNNING, TaskResultStatus.RUNNING, STALLED / 2),  # a worker took it lately
        (BuildStatus.QUEUED, TaskResultStatus.RUNNING, STALLED / 2),  # taken, not yet begun
    ],
)
def test_a_build_waiting_or_running_is_left_alone(
    scene: dict[str, Any], status: str, task_status: str, started_ago: float | None
) -> None:
    build = build_of(scene, status, ago(10 * STALLED))
    task_row(build_document, build.pk, task_status, started=ago(started_ago) if started_ago else None)
    assert fail_lost_builds() == 0
    assert request_build(scene["plan"], "pdf", actor=scene["editor"]).pk == build.pk


def test_a_build_queued_without_its_task_is_lost_only_once_stalled(scene: dict[str, Any]) -> None:
    # a build committed while its task was being queued is not lost yet …
    fresh = build_of(scene, BuildStatus.QUEUED, ago(1))
    assert fail_lost_builds() == 0
    # … one whose task never came (the process died between the two) is
    DocumentBuild.objects.filter(pk=fresh.pk).update(created_at=ago(2 * STALLED))
    assert fail_lost_builds() == 1
    fresh.refresh_from_db()
    assert fresh.status == BuildStatus.FAILED


def test_an_import_whose_worker_died_is_failed_with_a_message_on_its_page(scene: dict[str, Any]) -> None:
    plan_import = PlanImport(
        unit=scene["unit"],
        uploaded_by=scene["editor"],
        original_name="kh.txt",
        size=3,
        status=ImportStatus.RUNNING,
    )
    plan_import.file.save("kh.txt", ContentFile(b"abc"), save=False)
    plan_import.save()
    PlanImport.objects.filter(pk=plan_import.pk).update(created_at=ago(2 * STALLED))
    task_row(extract_plan_import, plan_import.pk, TaskResultStatus.RUNNING, started=ago(2 * STALLED))
    other = task_row(
        extract_plan_import, plan_import.pk + 1, TaskResultStatus.RUNNING, started=ago(2 * STALLED)
    )

    client = Client()
    client.force_login(scene["editor"])
    page = client.get(f"/ke-hoach/nhap/{plan_import.pk}/").content.decode()

    assert "gián đoạn" in page
    assert 'role="alert"' in page
    plan_import.refresh_from_db()
    assert (plan_import.status, plan_import.error_code) == (ImportStatus.FAILED, "interrupted")
    other.refresh_from_db()
    assert other.status == TaskResultStatus.RUNNING  # another object's task is not touched
    assert fail_lost_imports() == 0
    assert fail_if_lost(plan_import).status == ImportStatus.FAILED
