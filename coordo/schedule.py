"""Daily jobs: the one small scheduler, on the `django.tasks` worker Coordo already runs.

`DAILY_JOBS` names the functions (no argument) to run once a day; add a line for a new
one (retention purge, escalation timers…). The task `run_daily_jobs` runs each of them —
one that fails is logged and does not stop the others — then enqueues itself for the
next day at `RUN_AT`, local time, with `run_after`.

`ensure_scheduled()` enqueues a run now unless one is already waiting, so starting the
worker twice never schedules the jobs twice: `rundemo` calls it as it starts the demo's
worker, and a production deployment runs `coordo manage schedule_daily` beside its worker
(docs/production.md). `ensure_waiting` does the same for any task that queues itself
again (the worker's heartbeat, coordo/operations/heartbeat.py).
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import Any

from django.db import connection, transaction
from django.tasks import Task, TaskResultStatus, task
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("coordo.schedule")

DAILY_JOBS: tuple[str, ...] = (
    # Before the heads are logged, so that the heads logged hold the rows it writes.
    "coordo.incidents.actions.register.write_pending_audit_rows",
    "coordo.access.audit_chain.log_chain_heads",
    "coordo.operations.retention.daily",
)
RUN_AT = time(3, 0)
LOCK_KEY = 0x5343_4844  # "SCHD": the class of PostgreSQL's advisory locks of `ensure_waiting`


def next_run(now: datetime) -> datetime:
    """The first `RUN_AT` (local time) strictly after `now`."""
    local = timezone.localtime(now)
    candidate = timezone.make_aware(datetime.combine(local.date(), RUN_AT))
    if candidate <= local:
        candidate = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), RUN_AT))
    return candidate


@task()
def run_daily_jobs() -> list[str]:
    """Run every daily job, then the next day's run; returns the jobs that failed."""
    failed = []
    for path in DAILY_JOBS:
        try:
            import_string(path)()
        except Exception:
            logger.exception("daily job %s failed", path)
            failed.append(path)
    ensure_scheduled(run_after=next_run(timezone.now()))
    return failed


def ensure_scheduled(run_after: datetime | None = None) -> bool:
    """Enqueue `run_daily_jobs` (at `run_after`, else now) unless a run is already waiting."""
    return ensure_waiting(run_daily_jobs, run_after=run_after)


def ensure_waiting(queued: Task[..., Any], *, run_after: datetime | None = None) -> bool:
    """Enqueue `queued` (at `run_after`, else now) unless a run of it is already waiting.

    The check and the enqueue run under one lock: PostgreSQL's advisory lock (one per
    task), SQLite's IMMEDIATE transaction. Returns whether it enqueued.
    """
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [LOCK_KEY, queued.module_path]
                )
        waiting = DBTaskResult.objects.filter(
            task_path=queued.module_path, status=TaskResultStatus.READY
        )
        if waiting.exists():
            return False
        (queued.using(run_after=run_after) if run_after else queued).enqueue()
    return True
