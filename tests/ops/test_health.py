"""GET /suc-khoe/: database, task queue and disk, without sign-in and without personal data."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import namedtuple
from typing import Any

import pytest
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from loa.web import health

pytestmark = pytest.mark.django_db

DiskUsage = namedtuple("DiskUsage", "total used free")


def waiting_task(enqueued_ago: dt.timedelta, **fields: Any) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        status=fields.pop("status", TaskResultStatus.READY),
        args_kwargs={"args": [], "kwargs": {}},
        task_path="loa.reports.tasks.render_report",
        backend_name="default",
        run_after=timezone.now(),
        **fields,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - enqueued_ago)
    return task


def test_a_healthy_site_answers_ok_without_sign_in(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda path: DiskUsage(10 * 1024**3, 0, 5 * 1024**3))

    response = client.get("/suc-khoe/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": True,
        "task_queue": {"waiting": 0, "oldest_waiting_seconds": 0},
        "disk_free_bytes": 5 * 1024**3,
        "disk_ok": True,
    }
    assert "no-cache" in response["Cache-Control"]


def test_the_queue_counts_only_tasks_not_yet_started(client: Client) -> None:
    waiting_task(dt.timedelta(minutes=10))
    waiting_task(dt.timedelta(minutes=2))
    waiting_task(dt.timedelta(hours=5), status=TaskResultStatus.RUNNING, started_at=timezone.now())
    waiting_task(dt.timedelta(hours=9), status=TaskResultStatus.SUCCESSFUL, started_at=timezone.now())

    queue = client.get("/suc-khoe/").json()["task_queue"]

    assert queue["waiting"] == 2
    assert 600 <= queue["oldest_waiting_seconds"] < 660


def test_little_free_disk_is_degraded(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda path: DiskUsage(10 * 1024**3, 0, 512 * 1024**2))

    response = client.get("/suc-khoe/")

    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["disk_ok"] is False


def test_an_unreachable_database_is_degraded(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "database_ok", lambda: False)

    response = client.get("/suc-khoe/")

    assert response.status_code == 503
    assert response.json()["database"] is False
    assert response.json()["task_queue"] is None


def test_a_failing_queue_query_is_degraded(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise DatabaseError("no such table")

    monkeypatch.setattr(health, "task_queue", broken)

    response = client.get("/suc-khoe/")

    assert response.status_code == 503
    assert response.json()["database"] is False


def test_only_get_is_allowed(client: Client) -> None:
    assert client.post("/suc-khoe/").status_code == 405
