"""Running a solver inside a background task: progress to a row, cancel from a flag.

Solvers report progress and poll for a stop from their own threads (CP-SAT's
callbacks). Those threads touch only memory; the task's thread writes the latest
progress to the run's row and reads its cancel flag, so the database is used from
one thread and one connection. The row needs `progress` (JSON) and `cancel_requested`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from django.db.models import QuerySet

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
    `row` (a one-row queryset) up to date; returns the solution and the last progress."""
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
                progress = latest.as_dict()
                if progress is not None:
                    row.update(progress=progress)
                if row.filter(cancel_requested=True).exists():
                    stop.set()
