"""The task worker's heartbeat: a task that records that it ran, then queues itself again.

It goes through the task queue on purpose: a fresh beat proves the worker takes tasks,
not only that its process lives. The health endpoint and `coordo check` read the record;
a worker silent for COORDO_WORKER_STALE_AFTER_SECONDS is dead, stuck or not started. One
task holds a worker for at most a solver run (two minutes), below the default staleness.

`ensure_beating()` starts the chain (`coordo manage schedule_daily`, `rundemo`); a beat
that finds one already waiting queues nothing, so two workers never double it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.db import connection
from django.tasks import TaskContext, TaskResultStatus, task
from django.utils import timezone

from coordo.checks import deploy_check
from coordo.operations.models import WorkerHeartbeat
from coordo.schedule import ensure_waiting

KEEP_RESULTS = timedelta(hours=1)  # a beat's own finished rows, kept to see it work


@task(takes_context=True)
def beat(context: TaskContext) -> None:
    now = timezone.now()
    # The next one first: whatever fails below, the chain goes on.
    ensure_beating(run_after=now + timedelta(seconds=settings.COORDO_WORKER_HEARTBEAT_SECONDS))
    worker_ids = context.task_result.worker_ids
    WorkerHeartbeat.objects.update_or_create(
        pk=WorkerHeartbeat.ROW,
        defaults={"beat_at": now, "worker_id": worker_ids[-1] if worker_ids else ""},
    )
    _prune(now)


def ensure_beating(run_after: datetime | None = None) -> bool:
    """Queue a beat unless one is already waiting; returns whether it queued one."""
    return ensure_waiting(beat, run_after=run_after)


def record_beat(at: datetime | None = None) -> None:
    """What a beat writes, without a worker: for tests and the demo's fixtures."""
    WorkerHeartbeat.objects.update_or_create(
        pk=WorkerHeartbeat.ROW, defaults={"beat_at": at or timezone.now()}
    )


def last_beat() -> datetime | None:
    return (
        WorkerHeartbeat.objects.filter(pk=WorkerHeartbeat.ROW)
        .values_list("beat_at", flat=True)
        .first()
    )


def worker_seen(now: datetime | None = None) -> bool:
    """Whether a worker ran a beat within COORDO_WORKER_STALE_AFTER_SECONDS."""
    beat_at = last_beat()
    stale_after = timedelta(seconds=settings.COORDO_WORKER_STALE_AFTER_SECONDS)
    return beat_at is not None and (now or timezone.now()) - beat_at <= stale_after


def _prune(now: datetime) -> None:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        task_path=beat.module_path,
        status=TaskResultStatus.SUCCESSFUL,
        finished_at__lt=now - KEEP_RESULTS,
    ).delete()


@deploy_check(database=True)
def worker_alive(databases: list[str] | None = None, **kwargs: Any) -> list[CheckMessage]:
    if not databases or "default" not in databases:
        return []
    if WorkerHeartbeat._meta.db_table not in connection.introspection.table_names():
        return []  # not migrated: coordo.E003 says so
    if worker_seen():
        return []
    beat_at = last_beat()
    seen = f"last seen {timezone.localtime(beat_at):%Y-%m-%d %H:%M:%S}" if beat_at else "never seen"
    return [
        Error(
            f"The task worker is not running ({seen}).",
            hint="Start `coordo manage worker` (deploy/systemd/coordo-worker.service) and run "
            "`coordo manage schedule_daily` once beside it: it starts the worker's heartbeat.",
            id="coordo.E009",
        )
    ]
