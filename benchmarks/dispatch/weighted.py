"""The textbook alternative: one CP-SAT model, one boolean per eligible
(household, unit) pair, and big-M weights standing in for the lexicographic order.

    maximise  M_V·V + M_P·P + M_W·W − Q
    M_W = Qmax + 1,  M_P = M_W·(Wmax + 1),  M_V = M_P·(Pmax + 1)

so that one more unit of a higher level outweighs any change below it. The pairs
are listed through the optimiser's unit classes (the same pairs `fits_today`
accepts, without testing 22 million of them one by one in Python).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from coordo.dispatch.optimiser.aggregate import aggregate
from coordo.dispatch.optimiser.model import Instance

INT64_SAFE = 2**62  # CP-SAT rejects objectives whose extreme values overflow int64


@dataclass(frozen=True)
class WeightedRun:
    plan: dict[str, str]
    status: str  # "optimal", "feasible", "no solution" or "model invalid: …"
    pairs: int
    build_seconds: float
    solve_seconds: float


def solve_weighted(instance: Instance, *, time_limit: float, workers: int = 2) -> WeightedRun:
    started = time.perf_counter()
    agg = aggregate(instance)
    model = cp_model.CpModel()
    households = instance.households
    per_household: list[list[tuple[int, cp_model.IntVar]]] = []
    per_unit: dict[int, list[cp_model.IntVar]] = {}
    per_centre: dict[int, list[tuple[int, cp_model.IntVar]]] = {}
    # var and what placing that pair adds to V, P, W and Q
    terms: list[tuple[cp_model.IntVar, int, int, int, int]] = []
    q_max = w_max = p_max = 0
    for i, h in enumerate(households):
        g = agg.group_of[i]
        pairs = []
        worst = 0
        for k in agg.usable_classes(g):
            centre = agg.classes[k].centre
            penalty = agg.penalty(g, centre).total
            worst = max(worst, penalty)
            for u in agg.classes[k].with_room:
                var = model.new_bool_var(f"h{i}_u{u}")
                pairs.append((u, var))
                per_unit.setdefault(u, []).append(var)
                per_centre.setdefault(centre, []).append((h.size, var))
                v = h.size if h.vulnerable else 0
                terms.append((var, v, h.size, instance.waiting_days(h) * h.size, penalty))
        per_household.append(pairs)
        if pairs:
            model.add_at_most_one(var for _u, var in pairs)
        q_max += worst
        w_max += instance.waiting_days(h) * h.size
        p_max += h.size
    for u, variables in per_unit.items():
        unit = agg.units[u][1]
        model.add(
            cp_model.LinearExpr.sum(variables) <= (1 if unit.kind == "private" else unit.free)
        )
    for c, sized in per_centre.items():
        expr = cp_model.LinearExpr.weighted_sum([v for _s, v in sized], [s for s, _v in sized])
        model.add(expr <= instance.centres[c].daily_intake)

    m_w = q_max + 1
    m_p = m_w * (w_max + 1)
    m_v = m_p * (p_max + 1)
    coefficients = [m_v * v + m_p * p + m_w * w - q for _var, v, p, w, q in terms]
    build = time.perf_counter() - started
    if m_v * (p_max + 1) >= INT64_SAFE or sum(abs(c) for c in coefficients) >= INT64_SAFE:
        return WeightedRun(
            {}, f"model invalid: big-M weight {m_v} overflows int64", len(terms), build, 0.0
        )
    model.maximize(cp_model.LinearExpr.weighted_sum([t[0] for t in terms], coefficients))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    solve = time.perf_counter() - started - build
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        name = "no solution" if status == cp_model.UNKNOWN else solver.status_name(status).lower()
        return WeightedRun({}, name, len(terms), build, solve)
    plan = {
        households[i].id: agg.units[u][1].id
        for i, pairs in enumerate(per_household)
        for u, var in pairs
        if solver.boolean_value(var)
    }
    return WeightedRun(
        plan, "optimal" if status == cp_model.OPTIMAL else "feasible", len(terms), build, solve
    )
