"""The CP-SAT model, on unit classes and household groups rather than pairs.

Variables (see aggregate.py for classes, types and groups):

- `x[t, k]`: households of type t put in class k. Capacity (D2, D3) is a bound
  per class, the daily intake (D8) a knapsack per centre (with its rounded
  copies, see `_add_intake`), and D2-D7 hold because only the type's usable
  classes get a variable.
- Where each group goes, at the coarsest grain that is still exact. Centres of
  one *zone* (same language and region) cost a group the same penalty, except
  its family centre. So a group gets one count per zone, `zone[g, z]`, plus
  `at[g, c]` for its family centre; in a zone holding a centre it excludes (D9)
  it gets `at[g, c]` for each allowed centre instead.
- Linking, per type: at each centre the type's flow covers its `at` counts, and
  per zone the rest of the flow equals the `zone` counts. Any such split can be
  realised, because every household of a type fits every class the type fits.
- Per group whose waits differ, one count per distinct waiting time, summing
  to the group's count: W.

A household counted in `zone[g, z]` may land in its family centre when the plan
is decoded; it then costs less than the model says, never more.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .aggregate import Aggregation, IndexPlan, UnitPicker, canonical
from .lpbound import relaxation_bound, rounded_bound
from .model import STAGES, Score, Stage, StageResult

Var = cp_model.IntVar
# With 2 workers, CP-SAT's default portfolio (default_lp + interleaved LNS) took
# up to a minute to prove the lower levels of some daily batches; an LP-heavy
# pair proves all of ten daily batches in 0.6-1.8 s. More workers: the default.
SUBSOLVERS: tuple[str, ...] = ("max_lp", "reduced_costs")


class DispatchModel:
    def __init__(self, agg: Aggregation) -> None:
        self.agg = agg
        self.model = cp_model.CpModel()
        self.flows: dict[tuple[int, int], list[tuple[int, Var]]] = defaultdict(list)
        self.x: dict[tuple[int, int], Var] = {}
        self.zone: dict[tuple[int, int], Var] = {}
        self.at: dict[tuple[int, int], Var] = {}
        self.runs: dict[int, list[tuple[int, Var]]] = {}  # (households, count placed)
        self._floors: dict[Stage, int] = {}
        self._build_flows()
        self._build_groups()
        self._build_links()

    def _build_flows(self) -> None:
        agg, m = self.agg, self.model
        households_of_type = Counter[int]()
        for g in agg.groups:
            households_of_type[g.type] += len(g.households)
        per_class: dict[int, list[Var]] = defaultdict(list)
        per_centre: dict[int, list[tuple[int, int, Var]]] = defaultdict(list)
        for t, htype in enumerate(agg.types):
            for k in htype.usable:
                cls = agg.classes[k]
                intake = agg.instance.centres[cls.centre].daily_intake
                bound = min(cls.capacity, households_of_type[t], intake // htype.size)
                var = m.new_int_var(0, bound, f"x_{t}_{k}")
                self.x[t, k] = var
                self.flows[t, cls.centre].append((k, var))
                per_class[k].append(var)
                per_centre[cls.centre].append((htype.size, bound, var))
        for k, variables in per_class.items():
            if len(variables) > 1:
                m.add(sum(variables) <= agg.classes[k].capacity)
        for c, terms in per_centre.items():
            self._add_intake(agg.instance.centres[c].daily_intake, terms)

    def _add_intake(self, intake: int, terms: list[tuple[int, int, Var]]) -> None:
        """D8 for one centre, plus its rounded copies: for each d, households of
        d persons or more number at most intake // d (more generally, the sum of
        size // d). Valid for whole households only, they cut off the LP's
        fractional families, which otherwise make the lower levels' bounds weak
        (daily batch, Q: LP bound 49 -> 62 for an optimum of 105, proof 60 s -> 11 s)."""
        for d in range(1, max(size for size, _b, _v in terms) + 1):
            row = [(size // d, bound, var) for size, bound, var in terms if size >= d]
            if sum(a * bound for a, bound, _var in row) > intake // d:
                self.model.add(sum(a * var for a, _bound, var in row) <= intake // d)

    def _build_groups(self) -> None:
        agg, m = self.agg, self.model
        self.zone_centres: dict[tuple[int, int], list[int]] = defaultdict(list)
        for t, c in self.flows:
            self.zone_centres[t, agg.zone_of[c]].append(c)
        family_weight = agg.instance.weights.family_link
        v_terms, p_terms, w_terms, q_terms = [], [], [], []
        for g, group in enumerate(agg.groups):
            n = len(group.households)
            placed: list[Var] = []
            for (t, z), centres in self.zone_centres.items():
                if t != group.type:
                    continue
                allowed = [c for c in centres if c not in group.excluded]
                if len(allowed) < len(centres):
                    targets = allowed
                else:
                    fc = group.family_centre
                    special = fc is not None and family_weight > 0 and fc in centres
                    targets = [fc] if special and fc is not None else []
                    others = [c for c in centres if c != fc]
                    if others:
                        var = m.new_int_var(0, n, f"zone_{g}_{z}")
                        self.zone[g, z] = var
                        placed.append(var)
                        q_terms.append(agg.penalty(g, others[0]).total * var)
                for c in targets:
                    var = m.new_int_var(0, n, f"at_{g}_{c}")
                    self.at[g, c] = var
                    placed.append(var)
                    q_terms.append(agg.penalty(g, c).total * var)
            if not placed:
                continue
            count = sum(placed)
            m.add(count <= n)
            v_terms.append(group.size * count if group.vulnerable else 0)
            p_terms.append(group.size * count)
            runs = Counter(group.waits)
            if len(runs) == 1:
                w_terms.append(group.waits[0] * group.size * count)
                continue
            # How many of those who waited w days are placed, per distinct w. No
            # order between them is needed: maximising W takes the longest waits,
            # and decoding places the longest-waiting households anyway.
            self.runs[g] = [
                (n_w, m.new_int_var(0, n_w, f"wait_{g}_{w}")) for w, n_w in runs.items()
            ]
            m.add(sum(var for _n, var in self.runs[g]) == count)
            w_terms.append(
                sum(w * group.size * var for w, (_n, var) in zip(runs, self.runs[g], strict=True))
            )
        self.levels: dict[Stage, cp_model.LinearExprT] = {
            "V": sum(v_terms),
            "P": sum(p_terms),
            "W": sum(w_terms),
            "Q": sum(q_terms),
        }

    def _build_links(self) -> None:
        agg, m = self.agg, self.model
        explicit: dict[tuple[int, int], list[Var]] = defaultdict(list)
        for (g, c), var in self.at.items():
            explicit[agg.groups[g].type, c].append(var)
        zoned: dict[tuple[int, int], list[Var]] = defaultdict(list)
        for (g, z), var in self.zone.items():
            zoned[agg.groups[g].type, z].append(var)
        for (t, c), flow in self.flows.items():
            if explicit.get((t, c)):
                m.add(sum(var for _k, var in flow) >= sum(explicit[t, c]))
        for (t, z), centres in self.zone_centres.items():
            rest = [var for c in centres for _k, var in self.flows[t, c]]
            taken = [var for c in centres for var in explicit.get((t, c), [])]
            m.add(sum(rest) - sum(taken) == sum(zoned.get((t, z), [])))

    # ---------------------------------------------------------------- plans

    def hint(self, plan: IndexPlan) -> None:
        """Give CP-SAT a complete, feasible starting point."""
        agg = self.agg
        plan = canonical(agg, plan)
        counts: Counter[int] = Counter()
        placed_in_group: Counter[int] = Counter()
        for i, u in plan.items():
            g = agg.group_of[i]
            k = agg.class_of[u]
            c = agg.classes[k].centre
            counts[self.x[agg.groups[g].type, k].index] += 1
            target = self.at[g, c] if (g, c) in self.at else self.zone[g, agg.zone_of[c]]
            counts[target.index] += 1
            placed_in_group[g] += 1
        m = self.model
        m.clear_hints()
        for var in (*self.x.values(), *self.zone.values(), *self.at.values()):
            m.add_hint(var, counts[var.index])
        for g, runs in self.runs.items():
            left = placed_in_group[g]  # the longest waits first, as `canonical` places them
            for n_w, var in runs:
                m.add_hint(var, min(left, n_w))
                left -= min(left, n_w)

    def decode(self, value: Callable[[Var], int]) -> IndexPlan:
        """Turn counts back into households in units."""
        agg = self.agg
        at_centre: dict[tuple[int, int], list[int]] = defaultdict(list)
        pool: dict[tuple[int, int], list[int]] = defaultdict(list)
        cursor = Counter[int]()
        for counts, target in ((self.at, at_centre), (self.zone, pool)):
            for (g, where), var in counts.items():
                n = value(var)
                if n > 0:
                    group = agg.groups[g]
                    target[group.type, where].extend(group.households[cursor[g] : cursor[g] + n])
                    cursor[g] += n
        picker = UnitPicker(agg)
        plan: IndexPlan = {}
        households = agg.instance.households
        for (t, c), flow in self.flows.items():
            here = at_centre.pop((t, c), [])
            need = sum(value(var) for _k, var in flow) - len(here)
            if need > 0:
                waiting = pool[t, agg.zone_of[c]]
                # Households whose family is here come first: it only lowers Q.
                centre_id = agg.instance.centres[c].id
                waiting.sort(key=lambda i: households[i].family_centre != centre_id)
                here.extend(waiting[:need])
                del waiting[:need]
            for k, var in flow:
                for _ in range(value(var)):
                    plan[here.pop()] = picker.take(k)
        if at_centre or any(pool.values()):
            raise RuntimeError("dispatch model: counts do not add up (a bug)")
        return plan

    # --------------------------------------------------------------- stages

    def floor(self, stage: Stage, value: int) -> None:
        """Keep `stage` at least as good as `value` from now on."""
        if self._floors.get(stage) == value:
            return
        self._floors[stage] = value
        expr = self.levels[stage]
        self.model.add(expr <= value if stage == "Q" else expr >= value)


@dataclass
class StageRun:
    result: StageResult
    plan: IndexPlan | None
    cancelled: bool


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, levels: dict[Stage, cp_model.LinearExprT], report: Callable) -> None:
        super().__init__()
        self._levels = levels
        self._report = report

    def on_solution_callback(self) -> None:
        self._report(Score(*(int(self.value(self._levels[s])) for s in STAGES)))


def solve_stage(
    dm: DispatchModel,
    stage: Stage,
    *,
    best_value: int,
    time_limit: float,
    workers: int,
    on_solution: Callable[[Score], None],
    should_stop: Callable[[], bool] | None,
) -> StageRun:
    """Optimise one level from a plan worth `best_value` there (already hinted);
    earlier levels must already be floored."""
    started = time.perf_counter()
    expr = dm.levels[stage]
    maximise = stage != "Q"
    if maximise:
        dm.model.maximize(expr)
    else:
        dm.model.minimize(expr)
    relaxation = relaxation_bound(dm.model)
    limit = None if relaxation is None else rounded_bound(relaxation, maximise=maximise)
    if limit is not None and (limit <= best_value if maximise else limit >= best_value):
        # The best plan meets the LP bound: proven without a search. (A bound
        # beyond the plan would be GLOP's rounding error: then trust CP-SAT.)
        proven = limit == best_value
        if proven:
            seconds = time.perf_counter() - started
            return StageRun(StageResult(stage, best_value, limit, True, seconds), None, False)
        limit = None
    # The LP bound is not added as a constraint: a bound on the objective
    # expression slows CP-SAT's own proof down (daily batch: 0.2 s -> 5 s).
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit - (time.perf_counter() - started), 0.01)
    solver.parameters.num_workers = workers
    if workers <= len(SUBSOLVERS):
        solver.parameters.subsolvers.extend(SUBSOLVERS[:workers])
    finished = threading.Event()
    cancelled = threading.Event()

    def watch() -> None:
        while not finished.wait(0.05):
            if should_stop is not None and should_stop():
                cancelled.set()
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        status = solver.solve(dm.model, _Reporter(dm.levels, on_solution))
    finally:
        finished.set()
        watcher.join()
    if status in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        raise RuntimeError(f"dispatch model stage {stage}: {solver.status_name(status)} (a bug)")
    has_plan = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    plan = dm.decode(lambda var: int(solver.value(var))) if has_plan else None
    # Without a solution (time out in presolve) CP-SAT's bound means nothing.
    bounds = [int(round(solver.best_objective_bound))] if has_plan else []
    bounds += [] if limit is None else [limit]
    bound = (min(bounds) if maximise else max(bounds)) if bounds else None
    result = StageResult(
        stage=stage,
        value=int(solver.objective_value) if has_plan else best_value,
        bound=bound,
        proven=status == cp_model.OPTIMAL,
        seconds=time.perf_counter() - started,
    )
    return StageRun(result, plan, cancelled.is_set())
