"""Background jobs whose worker is gone: telling them apart from jobs still waiting or running.

`loa db_worker` (django-tasks' database backend) marks a task RUNNING when it takes it and
finished when the task returns or raises, and keeps no heartbeat. A worker killed in the
middle of a job (SIGKILL, the OOM killer, a power cut, a deploy that does not wait) leaves
its task RUNNING for ever and never runs it again, and the job's own row (a `PlanImport`,
a `DocumentBuild`) stays "queued" or "running", so the page polling it spins for ever and,
for a build, every new request is handed the dead one.

A job is *lost* when its row is still queued or running, is older than
`LOA_JOB_STALLED_SECONDS` (setting; ten minutes unless set), and no task for it is waiting
in the queue or was started within that time. A job waiting for a worker that is down is
therefore never lost, however long it waits; a job taken by a worker is, once it has run
longer than any of Loa's jobs does (they take seconds; LibreOffice is stopped after 120 s).
The same holds for a row whose task never reached the queue (the process died between the
commit and `on_commit`). The services that own the rows (`plans.importing`,
`reports.builds`) mark a lost job failed with a message the user sees, when its page is
looked at or the user asks again, and close its task here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

DEFAULT_STALLED_SECONDS = 600.0


def stalled_cutoff() -> dt.datetime:
    """Rows and tasks older than this, with no sign of life since, have lost their worker."""
    seconds = float(getattr(settings, "LOA_JOB_STALLED_SECONDS", DEFAULT_STALLED_SECONDS))
    return timezone.now() - dt.timedelta(seconds=seconds)


def _tasks_for(task_path: str, object_id: int) -> Q:
    # Loa's tasks take the row's id as their only argument.
    return Q(task_path=task_path, args_kwargs__args__0=object_id)


def is_lost(task_path: str, object_id: int, cutoff: dt.datetime) -> bool:
    """Whether no task `task_path(object_id)` is waiting or was started after `cutoff`."""
    alive = DBTaskResult.objects.filter(_tasks_for(task_path, object_id)).filter(
        Q(status=TaskResultStatus.READY) | Q(status=TaskResultStatus.RUNNING, started_at__gte=cutoff)
    )
    return not alive.exists()


def close_lost_tasks(task_path: str, object_id: int, cutoff: dt.datetime) -> None:
    """Record in the queue too that the tasks of a lost job will not finish."""
    DBTaskResult.objects.filter(
        _tasks_for(task_path, object_id), status=TaskResultStatus.RUNNING, started_at__lt=cutoff
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="loa.ops.jobs.WorkerLost",
        traceback="The worker running this task stopped before it finished (killed or crashed).",
    )


def fail_lost_jobs(
    jobs: QuerySet[Any], *, task_path: str, active: Collection[str], failed: dict[str, Any]
) -> int:
    """Set `failed` (field values) on the jobs of `jobs` still `active` whose worker is gone.

    Each job's task is `task_path(job id)`; returns how many jobs were marked.
    """
    cutoff = stalled_cutoff()
    marked = 0
    for job_id in jobs.filter(status__in=active, created_at__lt=cutoff).values_list("pk", flat=True):
        if is_lost(task_path, job_id, cutoff):
            close_lost_tasks(task_path, job_id, cutoff)
            marked += jobs.model.objects.filter(pk=job_id, status__in=active).update(**failed)
    return marked
