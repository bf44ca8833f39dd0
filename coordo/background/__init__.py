"""The one lifecycle of background runs (solver runs today): states, progress, heartbeat,
cancel, failures and stale workers, in one place rather than in each task.

- `runs`: the states, the columns every run table shares (`BackgroundRun`), and the
  queries that cancel a run or retire one whose worker died;
- `pipeline`: one run inside its task, fetch -> solve -> save, and queueing it;
- `progress`: a solver's progress and heartbeat written from the task's thread.
"""

from coordo.background.pipeline import Pipeline, RunFailed, enqueue, register
from coordo.background.progress import LatestProgress, ProgressDict, run_with_progress
from coordo.background.runs import (
    ACTIVE,
    UNEXPECTED_ERROR,
    WORKER_STOPPED,
    BackgroundRun,
    RunStatus,
    any_active,
    fail_stale,
    request_cancel,
)

__all__ = [
    "ACTIVE",
    "UNEXPECTED_ERROR",
    "WORKER_STOPPED",
    "BackgroundRun",
    "LatestProgress",
    "Pipeline",
    "ProgressDict",
    "RunFailed",
    "RunStatus",
    "any_active",
    "enqueue",
    "fail_stale",
    "register",
    "request_cancel",
    "run_with_progress",
]
