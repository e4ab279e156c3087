"""GET /suc-khoe/: is the database reachable, is the task queue draining, is there disk.

For the load balancer and monitoring: no sign-in, no personal data, only counts.
"""

from __future__ import annotations

import shutil
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

MIN_FREE_BYTES = 1024**3  # below 1 GB uploads and generated files start failing


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            row = cursor.fetchone()
    except DatabaseError:
        return False
    return row is not None and tuple(row) == (1,)


def task_queue() -> dict[str, Any]:
    """Tasks waiting to start: READY and never started, and how long the oldest has waited."""
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, started_at__isnull=True)
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    oldest_seconds = round((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {"waiting": waiting.count(), "oldest_waiting_seconds": oldest_seconds}


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    db_ok = database_ok()
    queue: dict[str, Any] | None = None
    if db_ok:
        try:
            queue = task_queue()
        except DatabaseError:
            db_ok = False
    try:
        free = shutil.disk_usage(settings.VAR_DIR).free
    except OSError:  # the files folder is missing or unreadable: as bad as a full disk
        free = 0
    disk_ok = free > MIN_FREE_BYTES
    ok = db_ok and disk_ok
    body = {
        "status": "ok" if ok else "degraded",
        "database": db_ok,
        "task_queue": queue,
        "disk_free_bytes": free,
        "disk_ok": disk_ok,
    }
    return JsonResponse(body, status=200 if ok else 503)
