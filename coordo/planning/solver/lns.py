"""Large-neighbourhood search over one part: small models solved exactly, in turn.

On these models CP-SAT's own LNS spends most of each neighbourhood presolving and
improves slowly. Rostering has natural neighbourhoods instead: a window of days
(everyone's shifts in it may move, everything else stays) and a group of people
(they may swap any of their shifts). Each neighbourhood becomes a `Problem` whose
other pairs are forced, so the same model builder solves it to optimality in about
a second. A sweep that improves nothing widens the windows, which lets
fairness move shifts between weeks.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence

from ortools.sat.python import cp_model

from .cpsat import PartModel, make_solver
from .problem import Part, Problem, restrict, split_parts

Plan = Mapping[int, Sequence[int]]
WINDOW_DAYS = 7
GROUP_SHARE = 0.25  # of the part's people freed together
MAX_SECONDS = 5.0  # per neighbourhood: a slow one is cut off, the plan stays valid


class WindowSearch:
    def __init__(self, problem: Problem, part: Part, seed: int = 0) -> None:
        self.problem, self.part = problem, part
        self.rng = random.Random(seed)  # noqa: S311 (choosing neighbourhoods, not secrets)
        f = problem.facts
        self.days = sorted({f.day[s] for s in part.shifts})
        self.width = WINDOW_DAYS

    def neighbourhoods(self) -> Iterator[tuple[set[int], set[int] | None]]:
        """(shifts, people or None for all) to free; endless, a sweep at a time."""
        f, shifts, people = self.problem.facts, self.part.shifts, list(self.part.people)
        first, last = self.days[0], self.days[-1]
        while True:
            step = max(1, self.width // 2)
            for start in range(first, last + 1, step):
                yield {s for s in shifts if start <= f.day[s] < start + self.width}, None
                size = min(len(people), max(2, int(GROUP_SHARE * len(people))))
                group = set(self.rng.sample(people, size))
                yield set(shifts), group
                if start + self.width > last:
                    break
            yield set(), None  # end of a sweep

    def run(
        self,
        current: Callable[[], Plan],
        offer: Callable[[dict[int, list[int]]], bool],
        deadline: float,
        done: Callable[[], bool],
        workers: int = 1,
    ) -> None:
        """Improves `current()` neighbourhood by neighbourhood, handing each better plan
        to `offer` (which says whether it was kept), until the deadline or `done()`."""
        improved = False
        for shifts, people in self.neighbourhoods():
            left = deadline - time.monotonic()
            if left <= 0.05 or done():
                return
            if not shifts:
                if not improved:
                    if self.width >= len(self.days):
                        return  # the whole part is one window: nothing wider to try
                    self.width = min(len(self.days), self.width * 3 // 2)
                improved = False
                continue
            until = min(deadline, time.monotonic() + MAX_SECONDS)
            plan = self.solve(current(), shifts, people, until, workers)
            if plan is not None:
                improved |= offer(plan)

    def solve(
        self, plan: Plan, shifts: set[int], people: set[int] | None, until: float, workers: int
    ) -> dict[int, list[int]] | None:
        """The best plan that changes only this neighbourhood, or None if nothing moved."""
        sub = restrict(self.problem, plan, shifts, people)
        out = {s: list(plan.get(s, ())) for s in self.part.shifts}
        moved = False
        for part in split_parts(sub):
            model = PartModel(sub, part)
            model.hint(plan)
            # The limit is taken now, after building, so the deadline holds.
            solver = make_solver(until - time.monotonic(), workers)
            if solver.solve(model.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                continue
            chosen = model.decode(solver.boolean_value)
            for s in part.shifts:
                team = [p for p in out[s] if s in sub.forced[p]] + chosen[s]
                moved |= set(team) != set(out[s])
                out[s] = team
        return out if moved else None
