"""A min-cost flow relaxation of the shift problem: a lower bound and a warm start.

Without overlaps, overnight rest and split days, staffing is a transportation
problem that OR-Tools' min-cost flow solves exactly in a fraction of a second:

    source ─(fairness: ≤ 3 arcs, convex)→ person ─(monthly cap)→ person·month
      ─(shifts that fit in a day)→ person·day ─(preference cost)→ person·shift
      ─→ the shift's speaker seat (speakers only) or its other seats ─→ sink

The convex fairness cost |10·n − t| becomes arcs of marginal cost −10, then the
one partial step, then +10. Every plan is such a flow of no greater cost, so the
flow's optimum bounds the part from below at once (`Relaxation.bound`).

For the warm start (`Relaxation.pairs`) a second shift on one date costs half the
split-day weight, since the flow cannot see whether the two would be adjacent (half
did best on the benchmarks); pairs that overlap or break the overnight rest are
banned and the flow solved again, a few rounds. The greedy keeps the pairs that the
rules allow and staffs the rest.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from ortools.graph.python import min_cost_flow

from .problem import Part, Problem

ROUNDS = 4


class Relaxation:
    """The flow network of one part (parts share no person, so neither do networks)."""

    def __init__(self, problem: Problem, part: Part) -> None:
        self.problem, self.part = problem, part
        self._arcs: list[tuple[int, int, int, int]] = []  # tail, head, capacity, cost
        self._nodes: dict[tuple, int] = {}
        self.pair_arcs: dict[tuple[int, int], int] = {}
        self.second_free: list[int] = []  # a second shift on a date at no cost: the bound
        self.second_paid: list[int] = []  # …at half the split weight: the warm start
        self._build()
        tails, heads, caps, costs = np.array(self._arcs, dtype=np.int64).reshape(-1, 4).T
        self.flow = min_cost_flow.SimpleMinCostFlow()
        self.arcs = self.flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
        self.caps = caps
        demand = sum(problem.need[s] for s in part.shifts)
        self.flow.set_node_supply(self._node(("source",)), demand)
        self.flow.set_node_supply(self._node(("sink",)), -demand)

    def _node(self, key: tuple) -> int:
        return self._nodes.setdefault(key, len(self._nodes))

    def _arc(self, tail: tuple, head: tuple, capacity: int, cost: int = 0) -> int:
        self._arcs.append((self._node(tail), self._node(head), capacity, cost))
        return len(self._arcs) - 1

    def _build(self) -> None:
        problem, f = self.problem, self.problem.facts
        w, arc = f.weights, self._arc
        free: dict[int, list[int]] = defaultdict(list)
        for s in self.part.shifts:
            for p in problem.candidates[s]:
                free[p].append(s)
        for p, mine in free.items():
            forced = problem.forced[p]
            person = ("person", p)
            for capacity, cost in _fairness_steps(len(forced), len(mine), f.targets[p]):
                arc(("source",), person, capacity, w["fairness"] * cost)
            cap = f.instance.people[p].max_shifts_per_month
            for month in {f.month[s] for s in mine}:
                arc(person, ("month", p, month), cap - sum(f.month[t] == month for t in forced))
            days: dict[int, list[int]] = defaultdict(list)
            for s in mine:
                days[f.day[s]].append(s)
            for day, todays in days.items():
                budget, here = ("month", p, f.month[todays[0]]), ("day", p, day)
                minutes = f.day_limit - sum(f.minutes(t) for t in forced if f.day[t] == day)
                fit = min(len(todays), minutes // min(f.minutes(s) for s in todays))
                arc(budget, here, min(fit, 1))
                more = max(0, fit - 1)
                self.second_free.append(arc(budget, here, more))
                self.second_paid.append(arc(budget, here, more, w["split_day"] // 2))
                for s in todays:
                    cost = f.pair_cost[p, s] - w["change"] * (s in f.replannable[p])
                    self.pair_arcs[p, s] = arc(("day", p, day), ("pair", p, s), 1, cost)
                    if problem.needs_speaker(s) and p in f.speakers[s]:  # type: ignore[operator]
                        arc(("pair", p, s), ("speaker", s), 1)
                    arc(("pair", p, s), ("seats", s), 1)
        for s in self.part.shifts:
            speaker = problem.needs_speaker(s)
            if speaker:
                arc(("speaker", s), ("sink",), 1)
            arc(("seats", s), ("sink",), problem.need[s] - speaker)

    def _use(self, chosen: Sequence[int], unused: Sequence[int]) -> None:
        for a in chosen:
            self.flow.set_arc_capacity(self.arcs[a], int(self.caps[a]))
        for a in unused:
            self.flow.set_arc_capacity(self.arcs[a], 0)

    def bound(self) -> int | None:
        """A lower bound on the part's objective; None when the flow cannot staff it."""
        self._use(self.second_free, self.second_paid)
        if self.flow.solve() != self.flow.OPTIMAL:
            return None
        f, problem = self.problem.facts, self.problem
        fixed = sum(
            problem.constant_cost(p)
            + f.weights["fairness"] * abs(10 * len(problem.forced[p]) - f.targets[p])
            for p in self.part.people
        )
        return self.flow.optimal_cost() + fixed

    def pairs(self, deadline: float = math.inf) -> list[tuple[int, int]]:
        """(person, shift) pairs of a flow that staffs every seat it can, clashes banned;
        no new round starts after `deadline`."""
        self._use(self.second_paid, self.second_free)
        pairs: list[tuple[int, int]] = []
        for k in range(ROUNDS):
            if k and time.monotonic() > deadline:
                break
            if self.flow.solve() != self.flow.OPTIMAL and (
                self.flow.solve_max_flow_with_min_cost() != self.flow.OPTIMAL
            ):
                return pairs
            used = self.flow.flows(self.arcs)
            pairs = [pair for pair, a in self.pair_arcs.items() if used[a]]
            clashes = _clashes(self.problem, pairs)
            if not clashes:
                break
            self._use((), [self.pair_arcs[pair] for pair in clashes])
        return pairs


def _clashes(problem: Problem, pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """One pair of each overlap (H3) or short overnight rest (H5): the later shift."""
    f = problem.facts
    mine: dict[int, list[int]] = defaultdict(list)
    for p, s in pairs:
        mine[p].append(s)
    out = set()
    for p, shifts in mine.items():
        shifts.sort(key=lambda s: f.start[s])
        for a, b in zip(shifts, shifts[1:], strict=False):
            gap = f.start[b] - f.end[a]
            if gap < 0 or (f.day[b] == f.day[a] + 1 and gap < f.rest):
                out.add((p, b))
    return out


def _fairness_steps(forced: int, free: int, target: int) -> list[tuple[int, int]]:
    """(capacity, unit cost) arcs: the cheapest k cost |10·(forced+k) − t| − |10·forced − t|."""
    steps: list[tuple[int, int]] = []
    for k in range(forced + 1, forced + free + 1):
        cost = abs(10 * k - target) - abs(10 * (k - 1) - target)
        if steps and steps[-1][1] == cost:
            steps[-1] = (steps[-1][0] + 1, cost)
        else:
            steps.append((1, cost))
    return steps
