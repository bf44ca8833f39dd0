"""`optimise`: warm starts, then CP-SAT level by level (V, P, W, Q).

1. Two constructive plans (greedy.py) and local moves (improve.py).
2. Per level, in order: the levels before it are held at their best value, the
   best plan is the hint; the GLOP bound may prove the level at once
   (lpbound.py); else CP-SAT optimises the whole model (cpsat.py) and, if it
   cannot prove the level in its share of time, a neighbourhood search
   re-solves a few centres at a time (lns.py).

Every candidate is checked and scored with the reference rules (incumbent.py),
so the answer is never worse than the greedy at any level, and a cancelled or
timed-out run still returns a feasible plan. `solution_from_plan` explains a plan
made elsewhere (the baseline, a dispatcher's override).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from .aggregate import Aggregation, IndexPlan, aggregate
from .cpsat import DispatchModel, solve_stage
from .explain import explain_plan, explain_unplaced
from .greedy import constrained_first, greedy
from .improve import polish
from .incumbent import Incumbent
from .lns import search_neighbourhoods
from .model import (
    STAGES,
    Instance,
    Placement,
    Progress,
    Score,
    Solution,
    Stage,
    StageResult,
    Unplaced,
)
from .rules import score, violations

PROGRESS_INTERVAL = 0.25  # seconds between two progress reports inside a stage
# Kept back from the solver for polishing, explanations and CP-SAT's own overrun,
# so that the whole call fits in `time_limit`: a share of it plus a constant.
RESERVE_SHARE = 0.03
RESERVE_SECONDS = 0.2
# Share of a stage's time given to CP-SAT on the whole model; neighbourhoods get
# the rest when it cannot prove the level. A large model (the surge: 12,000
# variables, 2 s of presolve alone on 2 cores), or one that already failed to
# prove a level, gets less.
WHOLE_MODEL_SHARE = 0.4
WHOLE_MODEL_SHARE_LARGE = 0.15
LARGE_MODEL_VARIABLES = 5000


class _Reporter:
    def __init__(self, started: float, callback: Callable[[Progress], None] | None) -> None:
        self.started = started
        self.callback = callback
        self.last = 0.0

    def __call__(self, stage: Stage, current: Score, done: bool = False) -> None:
        if self.callback is None:
            return
        now = time.perf_counter()
        if done or now - self.last >= PROGRESS_INTERVAL:
            self.last = now
            self.callback(Progress(stage, now - self.started, current, done))


def optimise(
    instance: Instance,
    *,
    time_limit: float,
    workers: int = 2,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Solution:
    """The best dispatch plan found within `time_limit` seconds.

    `on_progress` receives the stage, the elapsed time and the best score known
    (possibly from a CP-SAT worker thread); `should_stop` is polled and, once it
    answers True, the best feasible plan found so far is returned."""
    started = time.perf_counter()
    deadline = started + time_limit * (1 - RESERVE_SHARE) - RESERVE_SECONDS
    agg = aggregate(instance)
    best = Incumbent(agg)
    greedy_score = best.offer(greedy(agg))
    best.offer(constrained_first(agg))
    best.offer(polish(agg, best.plan))
    report = _Reporter(started, on_progress)
    stages: list[StageResult] = []
    cancelled = should_stop is not None and should_stop()
    if not cancelled:
        dm = DispatchModel(agg)
        large = len(dm.model.proto.variables) > LARGE_MODEL_VARIABLES
        share = WHOLE_MODEL_SHARE_LARGE if large else WHOLE_MODEL_SHARE
        for n, stage in enumerate(STAGES):
            stage_end = time.perf_counter() + (deadline - time.perf_counter()) / (len(STAGES) - n)
            result, cancelled = _stage(
                dm,
                best,
                stage,
                stage_end,
                share=share,
                workers=workers,
                report=report,
                should_stop=should_stop,
            )
            if not result.proven:
                share = WHOLE_MODEL_SHARE_LARGE
            stages.append(result)
            report(stage, best.score, done=True)
            if cancelled:
                break
    proven = len(stages) == len(STAGES) and all(s.proven for s in stages)
    return _solution(
        agg,
        best.plan,
        best.score,
        proven=proven,
        seconds=time.perf_counter() - started,
        stages=tuple(stages),
        greedy_score=greedy_score,
        cancelled=cancelled,
    )


def _stage(
    dm: DispatchModel,
    best: Incumbent,
    stage: Stage,
    stage_end: float,
    *,
    share: float,
    workers: int,
    report: _Reporter,
    should_stop: Callable[[], bool] | None,
) -> tuple[StageResult, bool]:
    """One level: the whole model first, then neighbourhoods if it was not proven."""
    started = time.perf_counter()
    for earlier in STAGES[: STAGES.index(stage) + 1]:
        dm.floor(earlier, best.value(earlier))
    dm.hint(best.plan)
    report(stage, best.score)

    def seen(current: Score) -> None:
        report(stage, current if current.key > best.score.key else best.score)

    run = solve_stage(
        dm,
        stage,
        best_value=best.value(stage),
        time_limit=(stage_end - started) * share,
        workers=workers,
        on_solution=seen,
        should_stop=should_stop,
    )
    if run.plan is not None:
        best.offer(run.plan)
    cancelled, bound = run.cancelled, run.result.bound
    if not run.result.proven and not cancelled:
        best.offer(polish(dm.agg, best.plan))
        cancelled = search_neighbourhoods(
            dm.agg,
            best,
            stage,
            deadline=stage_end,
            bound=bound,
            workers=workers,
            should_stop=should_stop,
            on_improve=lambda: report(stage, best.score),
        )
        best.offer(polish(dm.agg, best.plan))
    result = StageResult(
        stage=stage,
        value=best.value(stage),
        bound=bound,
        # Proven by CP-SAT, or a neighbourhood reached the whole model's bound.
        proven=run.result.proven or best.reaches(stage, bound),
        seconds=time.perf_counter() - started,
    )
    return result, cancelled


def solution_from_plan(
    instance: Instance, plan: Mapping[str, str], *, solve_seconds: float = 0.0
) -> Solution:
    """Check, score and explain a plan made elsewhere: household id -> unit id.

    For the greedy baseline, another solver, or a dispatcher's override. Raises
    ValueError naming the unknown ids or the hard rules the plan breaks."""
    agg = aggregate(instance)
    households = {h.id: i for i, h in enumerate(instance.households)}
    unknown = [f"household {h!r}" for h in plan if h not in households]
    unknown += [f"unit {u!r}" for u in plan.values() if u not in agg.unit_index]
    if unknown:
        raise ValueError(f"unknown {', '.join(unknown)}")
    broken = violations(instance, plan)
    if broken:
        raise ValueError(f"the plan breaks hard rules: {'; '.join(broken)}")
    index_plan = {households[h]: agg.unit_index[u] for h, u in plan.items()}
    return _solution(
        agg,
        index_plan,
        score(instance, plan),
        proven=False,
        seconds=solve_seconds,
        stages=(),
        greedy_score=None,
        cancelled=False,
    )


def _solution(
    agg: Aggregation,
    plan: IndexPlan,
    plan_score: Score,
    *,
    proven: bool,
    seconds: float,
    stages: tuple[StageResult, ...],
    greedy_score: Score | None,
    cancelled: bool,
) -> Solution:
    households = agg.instance.households
    explanations = explain_plan(agg, plan)
    refusals = explain_unplaced(agg, plan)
    placements = tuple(
        Placement(
            household=households[i].id,
            unit=agg.units[u][1].id,
            centre=agg.instance.centres[agg.units[u][0]].id,
            explanation=explanations[i],
        )
        for i, u in sorted(plan.items())
    )
    unplaced = tuple(
        Unplaced(household=h.id, reason=refusals[i].reason, why=refusals[i])
        for i, h in enumerate(households)
        if i not in plan
    )
    return Solution(
        instance=agg.instance.name,
        status="optimal" if proven else "feasible",
        score=plan_score,
        solve_seconds=seconds,
        placements=placements,
        unplaced=unplaced,
        stages=stages,
        greedy_score=greedy_score,
        cancelled=cancelled,
    )
