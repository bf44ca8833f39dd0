"""One run, fetch -> solve -> save, inside a task; and queueing it from an action.

An app's `tasks.py` declares its `Pipeline` (the three steps and how progress reads),
a `django.tasks` task that calls `pipeline.execute(run_id)`, and `register`s that task
for its run model. An action creates the run row and calls `enqueue(run)`: the task is
queued once the action's transaction commits. So actions never import tasks, and tasks
call actions (the save step) without a cycle; each app's `AppConfig.ready()` imports its
tasks module so the registration is there in every process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet
from django.tasks import Task
from django.utils import timezone

from coordo.background.progress import ProgressDict, run_with_progress
from coordo.background.runs import (
    ACTIVE,
    UNEXPECTED_ERROR,
    WORKER_STOPPED,
    BackgroundRun,
    RunStatus,
)

logger = logging.getLogger("coordo.background")

_TASKS: dict[type[BackgroundRun], Task[..., Any]] = {}
# What `execute` writes to the row when the save step is done; the save step writes its own.
LIFECYCLE_FIELDS = ["status", "progress", "heartbeat_at", "error_message", "finished_at"]


class RunFailed(Exception):
    """A failure the user can understand: the run fails with `message` (a msgid, shown
    translated) and `details` go to the log, without a traceback."""

    def __init__(self, message: str, *, details: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)


@dataclass(frozen=True)
class Pipeline[R: BackgroundRun, I, P, S]:
    """How one kind of run works: `fetch` reads its input (an instance for the solver),
    `solve` runs the solver on it with progress and a stop flag, `save` writes the
    solution and returns the run's final status (done, infeasible, cancelled…)."""

    model: type[R]
    fetch: Callable[[R], I]
    solve: Callable[[R, I, Callable[[P], None], Callable[[], bool]], S]
    progress_as_dict: Callable[[P], ProgressDict]
    save: Callable[[R, S], str]

    def execute(self, run_id: int) -> str:
        """Runs the queued run `run_id`; returns its status when done.

        Whatever goes wrong leaves it failed with a plain message and the traceback in the
        log. A run no longer queued (done, failed, deleted, or taken by another worker) is
        left as it is.
        """
        rows = self._row(run_id)
        now = timezone.now()
        claimed = rows.filter(status=RunStatus.QUEUED).update(
            status=RunStatus.RUNNING, started_at=now, heartbeat_at=now
        )
        if not claimed:
            return self._status(rows)
        run = rows.get()
        try:
            solution, progress = self.solve_with_progress(run, self.fetch(run))
            return self._save(run_id, solution, progress)
        except RunFailed as failure:
            logger.warning("%s %s failed: %s %s", self._label, run_id, failure, failure.details)
            return self._fail(rows, failure.message)
        except Exception:
            logger.exception("%s %s failed", self._label, run_id)
            return self._fail(rows, UNEXPECTED_ERROR)
        except BaseException:
            # The worker is being stopped (SIGTERM, Ctrl-C): say so now, not once stale.
            self._fail(rows, WORKER_STOPPED)
            raise

    def solve_with_progress(self, run: R, instance: I) -> tuple[S, ProgressDict | None]:
        """The solver on `instance`, progress and heartbeat written to the run's row, the
        cancel flag read from it."""
        return run_with_progress(
            partial(self.solve, run, instance),
            row=self._row(run.pk),
            progress_as_dict=self.progress_as_dict,
            cancelled=run.cancel_requested,
        )

    @property
    def _label(self) -> str:
        return self.model._meta.label

    def _row(self, run_id: int) -> QuerySet[R]:
        return self.model._default_manager.filter(pk=run_id)

    def _status(self, rows: QuerySet[R]) -> str:
        return rows.values_list("status", flat=True).first() or ""

    def _save(self, run_id: int, solution: S, progress: ProgressDict | None) -> str:
        rows = self._row(run_id)
        with transaction.atomic():
            run = rows.select_for_update().filter(status=RunStatus.RUNNING).first()
            if run is None:
                # Marked failed as stale, or deleted, while the solver worked.
                logger.warning("%s %s is no longer running: result dropped", self._label, run_id)
                return self._status(rows)
            if progress is not None:
                run.progress = progress
            run.status = self.save(run, solution)
            run.finished_at = run.heartbeat_at = timezone.now()
            run.save(update_fields=LIFECYCLE_FIELDS)
        return run.status

    def _fail(self, rows: QuerySet[R], message: str) -> str:
        now = timezone.now()
        rows.filter(status__in=ACTIVE).update(
            status=RunStatus.FAILED, error_message=message, finished_at=now, heartbeat_at=now
        )
        return RunStatus.FAILED


def register(model: type[BackgroundRun], task: Task[..., Any]) -> None:
    """`task(run_id)` runs the rows of `model`: `enqueue` queues it for them."""
    _TASKS[model] = task


def enqueue(run: BackgroundRun) -> None:
    """Queues the task of `run`'s model for it once the current transaction commits."""
    task = _TASKS.get(type(run))
    if task is None:
        raise ImproperlyConfigured(
            f"No task runs {type(run)._meta.label}: register one in its app's tasks module,"
            " imported by the app's AppConfig.ready()."
        )
    transaction.on_commit(partial(task.enqueue, run.pk))
