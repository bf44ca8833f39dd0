"""Solving a draft in the background, with progress, the best plan so far, and a cancel flag.

Progress and cancellation go through `coordo.background.run_with_progress`.
"""

from __future__ import annotations

from typing import Any

from django.tasks import task
from django.utils import timezone

from coordo.background import run_with_progress
from coordo.planning.actions import save_solution
from coordo.planning.fetch import build_instance
from coordo.planning.models import PlanningRun, RunStatus
from coordo.planning.solver import (
    Conflict,
    InstanceError,
    Progress,
    Solution,
    parse_instance,
    render_conflict,
    solve,
)


def _progress_as_dict(progress: Progress) -> dict[str, Any]:
    return {
        "elapsed": round(progress.elapsed, 1),
        "objective": progress.objective,
        "bound": progress.bound,
        # The best plan so far, shown while the search goes on.
        "assignments": {a.shift: list(a.people) for a in progress.assignments},
    }


def _result(solution: Solution) -> dict[str, Any]:
    return {
        "status": solution.status,
        "objective": solution.objective,
        "bound": solution.bound,
        "seconds": round(solution.solve_seconds, 1),
        # Kept as data: the page renders them in the reader's language.
        "conflicts": [
            {"code": c.code, "rules": list(c.rules), "params": dict(c.params)}
            for c in solution.conflicts
        ],
    }


@task()
def solve_planning(run_id: int) -> str:
    run = PlanningRun.objects.select_related("planning").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run.status
    try:
        instance = parse_instance(build_instance(run.planning))
    except InstanceError as error:
        PlanningRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            result={"errors": list(error.errors)},
            finished_at=timezone.now(),
        )
        return RunStatus.FAILED
    PlanningRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    solution, last_progress = run_with_progress(
        lambda on_progress, should_stop: solve(
            instance,
            time_limit=run.time_limit,
            workers=2,
            on_progress=on_progress,
            should_stop=should_stop,
        ),  # fmt: skip
        row=PlanningRun.objects.filter(pk=run.pk),
        progress_as_dict=_progress_as_dict,
        cancelled=run.cancel_requested,
    )
    save_solution(run.planning, solution)
    status = RunStatus.INFEASIBLE if solution.status == "infeasible" else RunStatus.DONE
    if solution.status == "unknown":
        status = RunStatus.FAILED
    PlanningRun.objects.filter(pk=run.pk).update(
        status=status,
        progress=last_progress or run.progress,
        result=_result(solution),
        finished_at=timezone.now(),
    )
    return status


def conflict_lines(run: PlanningRun, language: str) -> list[str]:
    return [
        render_conflict(Conflict(c["code"], tuple(c["rules"]), c["params"]), language)
        for c in run.result.get("conflicts", [])
    ]
