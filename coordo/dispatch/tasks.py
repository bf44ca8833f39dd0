"""The batch run, as a background task: the optimiser on the frozen snapshot, with progress.

Progress and cancellation go through `coordo.background.run_with_progress`.
"""

from __future__ import annotations

from django.tasks import task
from django.utils import timezone

from coordo.background import run_with_progress
from coordo.dispatch.batches import save_solution
from coordo.dispatch.models import Batch, BatchStatus
from coordo.dispatch.optimiser import (
    Instance,
    InstanceError,
    Progress,
    Solution,
    optimise,
    parse_instance,
)


def _progress_as_dict(progress: Progress) -> dict[str, object]:
    return {
        "stage": progress.stage,
        "elapsed": round(progress.elapsed, 1),
        "score": progress.score.as_dict(),
    }


@task()
def run_batch(batch_id: int) -> str:
    batch = Batch.objects.get(pk=batch_id)
    if batch.status != BatchStatus.QUEUED:
        return batch.status
    try:
        instance = parse_instance(batch.snapshot)
    except InstanceError as error:
        Batch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED, error="\n".join(error.errors), finished_at=timezone.now()
        )
        return BatchStatus.FAILED
    Batch.objects.filter(pk=batch.pk).update(status=BatchStatus.RUNNING)
    try:
        solution, last_progress = solve_with_progress(batch, instance)
    except Exception as error:
        # A failed run must not leave the site's batch open for ever.
        Batch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED, error=type(error).__name__, finished_at=timezone.now()
        )
        raise
    batch.refresh_from_db()
    batch.progress = last_progress or batch.progress
    batch.save(update_fields=["progress"])
    save_solution(batch, solution)
    return batch.status


def solve_with_progress(batch: Batch, instance: Instance) -> tuple[Solution, dict | None]:
    """The optimiser on `instance`, progress written to the batch row, cancel read from it."""
    return run_with_progress(
        lambda on_progress, should_stop: optimise(
            instance,
            time_limit=batch.time_limit,
            workers=2,
            on_progress=on_progress,
            should_stop=should_stop,
        ),  # fmt: skip
        row=Batch.objects.filter(pk=batch.pk),
        progress_as_dict=_progress_as_dict,
        cancelled=batch.cancel_requested,
    )
