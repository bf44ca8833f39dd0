"""A plain CP-SAT model of the same rules, to measure what the solver's work buys.

Written as a first model would be: a Boolean for every (person, shift), those that
are not eligible set to 0 by a constraint; overlaps as one at-most-one per person
and start time; rest as pairwise constraints; |10·n − t| by AddAbsEquality; split
days by the same clause as the solver (the rule needs it) but with every pair and
every bridge; the on-call rotas in the same model; CP-SAT's default portfolio, no
hint, no presolve of its own, no decomposition, no symmetry breaking.

It reuses the solver's reading of the rules (eligibility, targets, costs), so the
two models differ only in how they are built and searched.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model

from coordo.planning.solver import Instance
from coordo.planning.solver.rules import derive, touched


def solve_baseline(instance: Instance, time_limit: float, workers: int) -> dict[str, Any]:
    """Solves and returns the solution document plus `first_solution_seconds`."""
    started = time.monotonic()
    f = derive(instance)
    w = f.weights
    people, shifts = instance.people, instance.shifts
    m = cp_model.CpModel()
    x = [[m.new_bool_var(f"x{p}_{s}") for s in range(len(shifts))] for p in range(len(people))]
    eligible = {(p, s) for s, ok in enumerate(f.eligible) for p in ok}
    terms: list[Any] = []
    for p in range(len(people)):
        by_day: dict[int, list[int]] = defaultdict(list)
        by_month: dict[tuple[int, int], list[int]] = defaultdict(list)
        for s in range(len(shifts)):
            if (p, s) not in eligible:
                m.add(x[p][s] == 0)
            else:
                terms.append(f.pair_cost[p, s] * x[p][s])
            by_day[f.day[s]].append(s)
            by_month[f.month[s]].append(s)
        for day, todays in by_day.items():
            for s in todays:
                m.add_at_most_one(x[p][t] for t in todays if f.start[t] <= f.start[s] < f.end[t])
            m.add(sum(f.minutes(s) * x[p][s] for s in todays) <= f.day_limit)
            for a in todays:
                for b in by_day.get(day + 1, ()):
                    if f.start[b] - f.end[a] < f.rest:
                        m.add(x[p][a] + x[p][b] <= 1)
            if w["split_day"]:
                terms.append(w["split_day"] * _split(m, x[p], todays, f))
        for mine in by_month.values():
            m.add(sum(x[p][s] for s in mine) <= people[p].max_shifts_per_month)
        n = sum(x[p])
        dev = m.new_int_var(0, 10 * len(shifts) + f.targets[p], f"dev{p}")
        m.add_abs_equality(dev, 10 * n - f.targets[p])
        terms.append(w["fairness"] * dev)
        for s in f.replannable[p]:
            terms.append(w["change"] * (1 - x[p][s]))
    for s, shift in enumerate(shifts):
        m.add(sum(x[p][s] for p in range(len(people))) == shift.required)
        if shift.languages_any is not None:
            m.add(
                sum(
                    x[p][s]
                    for p in range(len(people))
                    if not people[p].languages.isdisjoint(shift.languages_any)
                )
                >= 1
            )
    for p, s in f.fixed:
        m.add(x[p][s] == 1)
    for s in f.frozen:
        for p in range(len(people)):
            m.add(x[p][s] == int(p in f.previous[s]))
    holders = _rotas(m, instance, terms, w)
    m.minimize(sum(terms))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    first: list[float] = []
    callback = _First(first, started)
    status = solver.solve(m, callback)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {
        "format": "coordo.roster-solution/1",
        "instance": instance.name,
        "status": {
            cp_model.OPTIMAL: "optimal",
            cp_model.FEASIBLE: "feasible",
            cp_model.INFEASIBLE: "infeasible",
        }.get(status, "unknown"),
        "objective": round(solver.objective_value) if found else None,
        "bound": round(solver.best_objective_bound) if found else None,
        "solve_seconds": round(time.monotonic() - started, 3),
        "assignments": [
            {
                "shift": shift.id,
                "people": [
                    people[p].id
                    for p in range(len(people))
                    if found and solver.boolean_value(x[p][s])
                ],
            }
            for s, shift in enumerate(shifts)
        ],
        "oncall": [
            {"period": g, "person": c}
            for (g, c), v in holders.items()
            if found and solver.boolean_value(v)
        ],
        "first_solution_seconds": round(first[0], 3) if first else None,
    }


def _split(m: cp_model.CpModel, x: list, todays: list[int], f: Any) -> cp_model.IntVar:
    split = m.new_bool_var("")
    ordered = sorted(todays, key=lambda s: (f.start[s], f.end[s]))
    for j, b in enumerate(ordered):
        for a in ordered[:j]:
            if f.start[b] - f.end[a] >= f.split_gap:
                bridges = [
                    x[c] for c in ordered[:j] if c != a and f.end[c] > f.start[b] - f.split_gap
                ]
                m.add_bool_or([~x[a], ~x[b], split, *bridges])
    return split


def _rotas(m: cp_model.CpModel, instance: Instance, terms: list, w: Any) -> dict:
    holders = {}
    for rota in instance.rotas:
        y = {(g.id, c.id): m.new_bool_var("") for g in rota.periods for c in rota.members}
        holders.update(y)
        for g in rota.periods:
            m.add_exactly_one(y[g.id, c.id] for c in rota.members)
            for c in rota.members:
                if any(c.is_absent(d) for d in touched(g)):
                    m.add(y[g.id, c.id] == 0)
        for a, b in zip(rota.periods, rota.periods[1:], strict=False):
            for c in rota.members:
                m.add(y[a.id, c.id] + y[b.id, c.id] <= 1)
        size = len(rota.members)
        total_days = sum(len(touched(g)) for g in rota.periods)
        weekends = sum(g.weekend for g in rota.periods)
        for c in rota.members:
            for weight, amount, total in (
                ("oncall_balance", lambda g: len(touched(g)), total_days),
                ("oncall_weekend_balance", lambda g: int(g.weekend), weekends),
            ):
                held = sum(amount(g) * y[g.id, c.id] for g in rota.periods)
                gap = m.new_int_var(0, size * total + total, "")
                m.add_abs_equality(gap, size * held - total)
                terms.append(w[weight] * gap)
    return holders


class _First(cp_model.CpSolverSolutionCallback):
    def __init__(self, first: list[float], started: float) -> None:
        super().__init__()
        self.first, self.started = first, started

    def on_solution_callback(self) -> None:
        if not self.first:
            self.first.append(time.monotonic() - self.started)
