"""The batch run, as a background task: the optimiser on the frozen snapshot, then proposals.

States, progress, heartbeat, cancel and failures are the one lifecycle's
(`coordo.background`); this module says only how a batch runs.
"""

from __future__ import annotations

from collections.abc import Callable

from django.tasks import task
from django.utils.translation import gettext_noop

from coordo import background
from coordo.background import ProgressDict, RunFailed
from coordo.dispatch.actions.batches import save_solution
from coordo.dispatch.models import Batch, BatchStatus
from coordo.dispatch.optimiser import (
    Instance,
    InstanceError,
    Progress,
    Solution,
    optimise,
    parse_instance,
)

UNREADABLE_SNAPSHOT = gettext_noop(
    "The optimiser could not read this batch's snapshot, so nothing was proposed. Tell your"
    " administrator."
)


def _fetch(batch: Batch) -> Instance:
    try:
        return parse_instance(batch.snapshot)
    except InstanceError as error:
        raise RunFailed(UNREADABLE_SNAPSHOT, details=error.errors) from error


def _optimise(
    batch: Batch,
    instance: Instance,
    on_progress: Callable[[Progress], None],
    should_stop: Callable[[], bool],
) -> Solution:
    return optimise(
        instance,
        time_limit=batch.time_limit,
        workers=2,
        on_progress=on_progress,
        should_stop=should_stop,
    )


def _save(batch: Batch, solution: Solution) -> str:
    save_solution(batch, solution)
    return BatchStatus.CANCELLED if solution.cancelled else BatchStatus.DONE


def _progress_as_dict(progress: Progress) -> ProgressDict:
    return {
        "stage": progress.stage,
        "elapsed": round(progress.elapsed, 1),
        "score": progress.score.as_dict(),
    }


BATCH_RUN = background.Pipeline(
    model=Batch,
    fetch=_fetch,
    solve=_optimise,
    progress_as_dict=_progress_as_dict,
    save=_save,
)


@task()
def run_batch(batch_id: int) -> str:
    return BATCH_RUN.execute(batch_id)


background.register(Batch, run_batch)


def solve_with_progress(batch: Batch, instance: Instance) -> tuple[Solution, ProgressDict | None]:
    """The optimiser on `instance`, progress and heartbeat written to the batch row, cancel
    read from it."""
    return BATCH_RUN.solve_with_progress(batch, instance)
