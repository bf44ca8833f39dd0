"""The best plan found so far, judged by the reference rules' score."""

from __future__ import annotations

from .aggregate import Aggregation, IndexPlan, canonical, plan_ids
from .model import Score, Stage
from .rules import score, violations


class Incumbent:
    """Every candidate plan (heuristic, CP-SAT stage, neighbourhood) is checked
    against the hard rules and scored by `rules.score`, so the plan returned is
    feasible and its score is the validator's."""

    def __init__(self, agg: Aggregation) -> None:
        self.agg = agg
        self.plan: IndexPlan = {}
        self.score = Score()
        self._started = False

    def offer(self, plan: IndexPlan) -> Score:
        """Keep `plan` if it is better; return its score."""
        plan = canonical(self.agg, plan)
        ids = plan_ids(self.agg, plan)
        broken = violations(self.agg.instance, ids)
        if broken:
            raise RuntimeError(f"dispatch optimiser produced an infeasible plan: {broken[:5]}")
        found = score(self.agg.instance, ids)
        if found.key > self.score.key or not self._started:
            self.plan, self.score, self._started = plan, found, True
        return found

    def value(self, stage: Stage) -> int:
        return int(getattr(self.score, stage))

    def reaches(self, stage: Stage, bound: int | None) -> bool:
        """Does the plan meet a proven bound of `stage` (Q is minimised)?"""
        if bound is None:
            return False
        value = self.value(stage)
        return value <= bound if stage == "Q" else value >= bound
