"""Running a solver inside a background task: progress and heartbeat to a row, cancel from a flag.

Solvers report progress and poll for a stop from their own threads (CP-SAT's
callbacks). Those threads touch only memory; the task's thread writes the latest
progress and a heartbeat to the run's row and reads its cancel flag, so the database is
used from one thread and one connection. The row is a `BackgroundRun`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from coordo.background.runs import ACTIVE

ProgressDict = dict[str, Any]
PROGRESS_EVERY = 0.5  # seconds between two writes of the progress row


class LatestProgress[P]:
    """The last progress a solver reported, handed from its threads to the task's."""

    def __init__(self, as_dict: Callable[[P], ProgressDict]) -> None:
        self._lock = threading.Lock()
        self._progress: P | None = None
        self._as_dict = as_dict

    def __call__(self, progress: P) -> None:
        with self._lock:
            self._progress = progress

    def as_dict(self) -> ProgressDict | None:
        with self._lock:
            progress = self._progress
        return None if progress is None else self._as_dict(progress)


def run_with_progress[P, S](
    solve: Callable[[Callable[[P], None], Callable[[], bool]], S],
    *,
    row: QuerySet[Any],
    progress_as_dict: Callable[[P], ProgressDict],
    cancelled: bool = False,
) -> tuple[S, ProgressDict | None]:
    """Call `solve(on_progress, should_stop)` in a worker thread while this thread keeps
    `row` (a one-row queryset) up to date; returns the solution and the last progress.

    The solver is stopped when the cancel flag is set, and when the row is no longer
    queued or running: it was found stale and marked failed, or deleted.
    """
    latest: LatestProgress[P] = LatestProgress(progress_as_dict)
    stop = threading.Event()
    if cancelled:  # cancelled while queued: the solver returns its first plan at once
        stop.set()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(solve, latest, stop.is_set)
        while True:
            try:
                return future.result(timeout=PROGRESS_EVERY), latest.as_dict()
            except FutureTimeout:
                beat: dict[str, Any] = {"heartbeat_at": timezone.now()}
                progress = latest.as_dict()
                if progress is not None:
                    beat["progress"] = progress
                still_ours = row.filter(status__in=ACTIVE).update(**beat)
                if not still_ours or row.filter(cancel_requested=True).exists():
                    stop.set()
