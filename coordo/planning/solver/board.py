"""The best plan so far of every part and of the rotas, shared by the search threads.

The full CP-SAT model of a part and the window search over it run at the same time;
both hand their plans and bounds to the board, which keeps the best, knows when a
part is proven optimal and tells the caller about progress.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .model import Assignment, OnCallAssignment, Progress
from .problem import Part, Problem
from .rules import person_terms, weighted

PROGRESS_INTERVAL = 0.1  # seconds between two progress reports


@dataclass
class Best:
    plan: Mapping | None = None  # part: shift -> people; rotas: period id -> member
    objective: int = 0
    bound: int = 0
    status: str = "unknown"  # optimal, feasible, infeasible, unknown

    @property
    def settled(self) -> bool:
        return self.status in ("optimal", "infeasible")


class Board:
    def __init__(
        self,
        problem: Problem,
        parts: Sequence[Part],
        started: float,
        on_progress: Callable[[Progress], None] | None,
    ) -> None:
        self.problem, self.parts, self.started = problem, parts, started
        self.on_progress = on_progress
        self.lock = threading.RLock()
        self.best = [Best() for _ in parts]
        self.rotas = Best()
        self.first_seconds: float | None = None
        self.last_report = -math.inf
        f = problem.facts
        in_parts = {p for part in parts for p in part.people}
        # People without a free pair cost the same whatever the plan.
        self.constant = sum(
            weighted(f, person_terms(f, p, problem.forced[p]))
            for p in range(len(problem.forced))
            if p not in in_parts
        )

    def cost(self, i: int, plan: Mapping[int, Sequence[int]]) -> int:
        """Part i's objective under `plan` (its people's whole share)."""
        f, forced = self.problem.facts, self.problem.forced
        mine: dict[int, set[int]] = {p: set(forced[p]) for p in self.parts[i].people}
        for s in self.parts[i].shifts:
            for p in plan.get(s, ()):
                mine[p].add(s)
        return sum(weighted(f, person_terms(f, p, m)) for p, m in mine.items())

    def offer(self, i: int, plan: Mapping[int, Sequence[int]]) -> bool:
        """Keeps `plan` for part i if it beats the best one; True when kept.

        The plan is scored here by the rules, not by the model that found it, so the
        objective shown is always the one the reference rules give."""
        objective = self.cost(i, plan)
        with self.lock:
            best = self.best[i]
            if best.plan is not None and objective >= best.objective:
                return False
            best.plan, best.objective = dict(plan), objective
            best.status = "optimal" if best.bound >= objective else "feasible"
            self.report()
            return True

    def raise_bound(self, i: int, bound: float) -> None:
        if not math.isfinite(bound):
            return
        with self.lock:
            best = self.best[i]
            best.bound = max(best.bound, math.ceil(bound - 1e-6))
            if best.plan is not None and best.bound >= best.objective:
                best.status = "optimal"

    def set_rotas(
        self, plan: Mapping[str, str] | None, objective: int, bound: int, status: str
    ) -> None:
        with self.lock:
            self.rotas = Best(plan, objective, bound, status)
            self.report()

    def complete(self) -> bool:
        return self.rotas.plan is not None and all(b.plan is not None for b in self.best)

    def totals(self) -> tuple[int, int]:
        """The objective and bound of the whole plan."""
        states = [self.rotas, *self.best]
        return (
            self.constant + sum(b.objective for b in states),
            self.constant + sum(min(b.bound, b.objective) for b in states),
        )

    def report(self, *, final: bool = False) -> None:
        """Records the first complete plan and shows the caller the best one (at most
        every PROGRESS_INTERVAL, and always the final one)."""
        if not self.complete():
            return
        now = time.monotonic() - self.started
        if self.first_seconds is None:
            self.first_seconds = now
        if self.on_progress is None or (now - self.last_report < PROGRESS_INTERVAL and not final):
            return
        self.last_report = now
        objective, bound = self.totals()
        assignments, oncall = self.plan()
        self.on_progress(Progress(now, objective, bound, assignments, oncall))

    def plan(self) -> tuple[tuple[Assignment, ...], tuple[OnCallAssignment, ...]]:
        f = self.problem.facts
        teams: list[set[int]] = [set() for _ in f.instance.shifts]
        for p, mine in enumerate(self.problem.forced):
            for s in mine:
                teams[s].add(p)
        with self.lock:
            for best in self.best:
                for s, team in (best.plan or {}).items():
                    teams[s].update(team)
            holders: Mapping[str, str] = self.rotas.plan or {}
        people = f.instance.people
        assignments = tuple(
            Assignment(shift.id, tuple(people[p].id for p in sorted(teams[s])))
            for s, shift in enumerate(f.instance.shifts)
        )
        oncall = tuple(
            OnCallAssignment(g.id, holders[g.id])
            for rota in f.instance.rotas
            for g in rota.periods
            if g.id in holders
        )
        return assignments, oncall
