"""Large neighbourhood search: a few centres at a time, solved exactly by CP-SAT.

On a surge batch (1,500 households, 150 centres) the whole model is too large
for CP-SAT to improve a good plan within seconds. So: free the households placed
in k random centres and every unplaced household, keep every other placement,
and solve that sub-batch with the same model, the earlier levels floored at
their current values. Scores add up across centres, so a better sub-batch is a
better batch. k grows while sub-batches are solved to optimality and shrinks
when they time out.
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable

from .aggregate import Aggregation, aggregate, plan_ids
from .cpsat import DispatchModel, solve_stage
from .incumbent import Incumbent
from .model import STAGES, Score, Stage
from .rules import score

START_CENTRES = 12
MIN_CENTRES = 4
STEP = 2
SUB_TIME_LIMIT = 1.0  # seconds per sub-batch
MIN_SECONDS = 0.2  # not worth building a sub-batch for less


def search_neighbourhoods(
    agg: Aggregation,
    incumbent: Incumbent,
    stage: Stage,
    *,
    deadline: float,
    bound: int | None,
    workers: int,
    should_stop: Callable[[], bool] | None,
    on_improve: Callable[[], None],
) -> bool:
    """Improve `stage` until `deadline` or its `bound`; True if cancelled."""
    instance = agg.instance
    centre_of = {u.id: c.id for c in instance.centres for u in c.units}
    position = {h.id: i for i, h in enumerate(instance.households)}
    rng = random.Random(f"{instance.name}-{stage}")  # noqa: S311 - reproducible, not secret
    size = START_CENTRES
    while (
        size < len(instance.centres)
        and time.perf_counter() < deadline - MIN_SECONDS
        and not incumbent.reaches(stage, bound)
    ):
        if should_stop is not None and should_stop():
            return True
        ids = plan_ids(agg, incumbent.plan)
        chosen = _pick_centres(agg, ids, stage, size, rng)
        sub = dataclasses.replace(
            instance,
            centres=tuple(c for c in instance.centres if c.id in chosen),
            households=tuple(
                h for h in instance.households if h.id not in ids or centre_of[ids[h.id]] in chosen
            ),
        )
        sub_plan = {h: u for h, u in ids.items() if centre_of[u] in chosen}
        sub_agg = aggregate(sub)
        dm = DispatchModel(sub_agg)
        current = score(sub, sub_plan)
        for earlier in STAGES[: STAGES.index(stage) + 1]:
            dm.floor(earlier, getattr(current, earlier))
        sub_position = {h.id: i for i, h in enumerate(sub.households)}
        dm.hint({sub_position[h]: sub_agg.unit_index[u] for h, u in sub_plan.items()})
        run = solve_stage(
            dm,
            stage,
            best_value=getattr(current, stage),
            time_limit=min(SUB_TIME_LIMIT, deadline - time.perf_counter()),
            workers=workers,
            on_solution=_ignore,
            should_stop=should_stop,
        )
        if run.plan is not None:
            merged = {h: u for h, u in ids.items() if centre_of[u] not in chosen}
            merged.update(plan_ids(sub_agg, run.plan))
            before = incumbent.score.key
            incumbent.offer({position[h]: agg.unit_index[u] for h, u in merged.items()})
            if incumbent.score.key > before:
                on_improve()
        if run.cancelled:
            return True
        size = size + STEP if run.result.proven else max(MIN_CENTRES, size - STEP)
    return False


def _pick_centres(
    agg: Aggregation, ids: dict[str, str], stage: Stage, size: int, rng: random.Random
) -> set[str]:
    """`size` centres at random; for V and P, centres with intake left weigh more,
    since placing more persons needs exactly that intake."""
    centres = agg.instance.centres
    weight = {c.id: 1.0 for c in centres}
    if stage in ("V", "P"):
        spare = {c.id: c.daily_intake for c in centres}
        households = {h.id: h for h in agg.instance.households}
        for h, u in ids.items():
            spare[agg.instance.centres[agg.units[agg.unit_index[u]][0]].id] -= households[h].size
        weight = {c: 1.0 + 4.0 * min(left, 4) for c, left in spare.items()}
    # Weighted sampling without replacement (Efraimidis-Spirakis keys).
    ranked = sorted(centres, key=lambda c: rng.random() ** (1.0 / weight[c.id]), reverse=True)
    return {c.id for c in ranked[:size]}


def _ignore(_score: Score) -> None:
    """Sub-batch scores are partial; progress is reported on the whole batch."""
