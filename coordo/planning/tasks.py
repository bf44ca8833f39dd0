"""Solving a draft in the background: fetch the month, solve it, save the plan.

States, progress, the best plan so far, heartbeat, cancel and failures are the one
lifecycle's (`coordo.background`); this module says only how a planning run works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.tasks import task
from django.utils.translation import gettext_noop

from coordo import background
from coordo.background import RunFailed, RunStatus
from coordo.planning.actions import save_solution
from coordo.planning.fetch import build_instance
from coordo.planning.models import PlanningRun
from coordo.planning.solver import (
    Instance,
    InstanceError,
    Progress,
    Solution,
    parse_instance,
    solve,
)

UNREADABLE_DRAFT = gettext_noop(
    "The solver could not read this draft's data, so nothing was changed. Tell your administrator."
)
NO_PLAN_IN_TIME = gettext_noop(
    "The solver found no plan in the time given. Try again with more time."
)


def _fetch(run: PlanningRun) -> Instance:
    try:
        return parse_instance(build_instance(run.planning))
    except InstanceError as error:
        raise RunFailed(UNREADABLE_DRAFT, details=error.errors) from error


def _solve(
    run: PlanningRun,
    instance: Instance,
    on_progress: Callable[[Progress], None],
    should_stop: Callable[[], bool],
) -> Solution:
    return solve(
        instance,
        time_limit=run.time_limit,
        workers=2,
        on_progress=on_progress,
        should_stop=should_stop,
    )


def _save(run: PlanningRun, solution: Solution) -> str:
    save_solution(run.planning, solution)
    run.result = _result(solution)
    run.save(update_fields=["result"])
    if solution.status == "infeasible":
        return RunStatus.INFEASIBLE
    if solution.status == "unknown":
        run.error_message = NO_PLAN_IN_TIME
        return RunStatus.FAILED
    return RunStatus.DONE


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


PLANNING_RUN = background.Pipeline(
    model=PlanningRun,
    fetch=_fetch,
    solve=_solve,
    progress_as_dict=_progress_as_dict,
    save=_save,
)


@task()
def solve_planning(run_id: int) -> str:
    return PLANNING_RUN.execute(run_id)


background.register(PlanningRun, solve_planning)
