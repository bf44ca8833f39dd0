"""The CP-SAT model of one part of the shift problem.

Variables exist only for free (person, shift) pairs; forced pairs are constants.
The same builder serves explanations: with `explain=True` it adds no objective and
guards each hard-rule group (one shift's staffing, one person's month…) with an
assumption literal, so CP-SAT can name a conflicting set of groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ortools.sat.python import cp_model

from .problem import Part, Problem
from .rules import is_split

Key = tuple[Any, ...]  # ("H1", shift), ("H6", person, month)…


class Groups:
    """Hard-rule groups; with `explain`, each one is switched on by an assumption literal."""

    def __init__(self, model: cp_model.CpModel, explain: bool) -> None:
        self.model, self.explain = model, explain
        self.literals: dict[Key, cp_model.IntVar] = {}

    def add(self, key: Key, constraint: cp_model.Constraint) -> None:
        if self.explain:
            if key not in self.literals:
                self.literals[key] = self.model.new_bool_var(repr(key))
            constraint.only_enforce_if(self.literals[key])

    def assume(self) -> None:
        self.model.add_assumptions(list(self.literals.values()))

    def keys_of(self, indices: Sequence[int]) -> list[Key]:
        by_index = {lit.index: key for key, lit in self.literals.items()}
        return [by_index[i] for i in indices if i in by_index]


class PartModel:
    def __init__(self, problem: Problem, part: Part, *, explain: bool = False) -> None:
        self.problem, self.part = problem, part
        self.facts = problem.facts
        self.model = m = cp_model.CpModel()
        self.groups = Groups(m, explain)
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.free: dict[int, list[int]] = defaultdict(list)  # person -> free shifts
        for s in part.shifts:
            for p in problem.candidates[s]:
                self.x[p, s] = m.new_bool_var(f"x{p}_{s}")
                self.free[p].append(s)
        for s in part.shifts:
            self._staff(s)
        if explain:
            self._pin()
        self.n: dict[int, cp_model.IntVar] = {}
        self.d: dict[int, cp_model.IntVar] = {}
        self.split: dict[tuple[int, int], cp_model.IntVar] = {}
        self.twins: list[list[int]] = []  # groups of interchangeable people
        self.offset = 0
        terms: list[cp_model.LinearExprT] = []
        for p in part.people:
            self._limits(p)
            if not explain:
                terms += self._costs(p)
        if explain:
            self.groups.assume()
        else:
            self._break_symmetry()
            m.minimize(sum(terms) + self.offset)

    def _staff(self, s: int) -> None:
        """H1 (exactly the people still needed) and H7 (a speaker when none is forced)."""
        cands = self.problem.candidates[s]
        team = [self.x[p, s] for p in cands]
        self.groups.add(("H1", s), self.model.add(sum(team) == self.problem.need[s]))
        speakers = self.facts.speakers[s]
        if speakers is not None and self.problem.needs_speaker(s):
            them = [self.x[p, s] for p in cands if p in speakers]
            self.groups.add(("H7", s), self.model.add_bool_or(them))

    def _pin(self) -> None:
        """H8 and H9 as constraints, for explanations (a solve makes them constants)."""
        f, x = self.facts, self.x
        for p, s in f.fixed:
            if (p, s) in x:
                self.groups.add(("H8", s, p), self.model.add(x[p, s] == 1))
        for s in f.frozen:
            for p in self.problem.candidates[s]:
                self.groups.add(("H9", s), self.model.add(x[p, s] == int(p in f.previous[s])))

    def _limits(self, p: int) -> None:
        """H3 (overlaps), H4 (hours a day), H5 (overnight rest) and H6 (monthly cap)."""
        f, m, x = self.facts, self.model, self.x
        forced = self.problem.forced[p]
        days: dict[int, list[int]] = defaultdict(list)
        months: dict[tuple[int, int], list[int]] = defaultdict(list)
        for s in self.free[p]:
            days[f.day[s]].append(s)
            months[f.month[s]].append(s)
        for day, todays in days.items():
            todays.sort(key=lambda s: f.start[s])
            # The maximal sets of mutually overlapping shifts are those covering a start.
            for s in todays:
                clique = [x[p, t] for t in todays if f.start[t] <= f.start[s] < f.end[t]]
                if len(clique) > 1:
                    m.add_at_most_one(clique)
            left = f.day_limit - sum(f.minutes(t) for t in forced if f.day[t] == day)
            if sum(f.minutes(s) for s in todays) > left:
                hours = sum(f.minutes(s) * x[p, s] for s in todays)
                self.groups.add(("H4", p, day), m.add(hours <= left))
            for a in todays:
                for b in days.get(day + 1, ()):
                    if f.start[b] - f.end[a] < f.rest:
                        self.groups.add(("H5", p, day), m.add_bool_or([~x[p, a], ~x[p, b]]))
        cap = f.instance.people[p].max_shifts_per_month
        for month, mine in months.items():
            left = cap - sum(1 for t in forced if f.month[t] == month)
            if len(mine) > left:
                self.groups.add(("H6", p, month), m.add(sum(x[p, s] for s in mine) <= left))

    def _costs(self, p: int) -> list[cp_model.LinearExprT]:
        """Person p's whole share of the objective; constants go to `offset`."""
        f, m, x, w = self.facts, self.model, self.x, self.facts.weights
        forced, free = self.problem.forced[p], self.free[p]
        kept = f.replannable[p]
        self.offset += self.problem.constant_cost(p)
        terms: list[cp_model.LinearExprT] = [
            (f.pair_cost[p, s] - w["change"] * (s in kept)) * x[p, s] for s in free
        ]
        n = self.n[p] = m.new_int_var(len(forced), len(forced) + len(free), f"n{p}")
        m.add(n == len(forced) + sum(x[p, s] for s in free))
        if w["fairness"]:
            t = f.targets[p]
            worst = max(abs(10 * len(forced) - t), abs(10 * (len(forced) + len(free)) - t))
            d = self.d[p] = m.new_int_var(0, worst, f"d{p}")
            m.add(d >= 10 * n - t)
            m.add(d >= t - 10 * n)
            q, r = divmod(t, 10)
            if r:
                # The chord between n = q and n = q + 1: with the two lines above it is
                # the convex hull of |10·n − t| over integers, a much tighter LP bound.
                m.add(d >= r + (10 - 2 * r) * (n - q))
            terms.append(w["fairness"] * d)
        if w["split_day"]:
            terms += [w["split_day"] * v for v in self._split_days(p)]
        return terms

    def _split_days(self, p: int) -> list[cp_model.IntVar]:
        """One literal per date that is split whenever the chosen shifts make it so.

        A date is split iff some chosen b follows a chosen a (in start order) with
        every chosen shift before b ending at least `split_gap` before b starts. So for
        each such pair (a, b): a ∧ b ∧ no "bridge" c (before b, ending later) ⇒ split.
        """
        f = self.facts
        forced = self.problem.forced[p]
        free = set(self.free[p])
        days: dict[int, list[int]] = defaultdict(list)
        for s in free | forced:
            days[f.day[s]].append(s)
        out = []
        for day, todays in days.items():
            if not free.intersection(todays):
                # Forced shifts alone: the day is split or not whatever the plan.
                spans = [(f.start[s], f.end[s]) for s in todays]
                self.offset += f.weights["split_day"] * is_split(spans, f.split_gap)
                continue
            todays.sort(key=lambda s: (f.start[s], f.end[s]))
            left = f.day_limit - sum(f.minutes(s) for s in forced if f.day[s] == day)
            clauses = self._split_clauses(p, todays, left)
            if clauses:
                v = self.split[p, day] = self.model.new_bool_var(f"split{p}_{day}")
                for clause in clauses:
                    self.model.add_bool_or([*clause, v])
                out.append(v)
        return out

    def _split_clauses(self, p: int, todays: list[int], left: int) -> list[list]:
        """The clauses a ∧ b ∧ ¬bridges ⇒ split for one date's shifts, in start order;
        `left` is the time the forced shifts leave in the day."""
        f, x = self.facts, self.x
        forced = self.problem.forced[p]

        def fit(*shifts: int) -> bool:
            return sum(f.minutes(s) for s in shifts if s not in forced) <= left

        clauses = []
        for j, b in enumerate(todays):
            for a in todays[:j]:
                if f.start[b] - f.end[a] < f.split_gap or not fit(a, b):
                    continue
                # A bridge that cannot fit in the day beside a and b bridges nothing.
                bridges = [
                    c
                    for c in todays[:j]
                    if c != a and f.end[c] > f.start[b] - f.split_gap and fit(a, b, c)
                ]
                if not any(c in forced for c in bridges):
                    chosen = [~x[p, s] for s in (a, b) if s not in forced]
                    clauses.append(chosen + [x[p, c] for c in bridges])
        return clauses

    def _break_symmetry(self) -> None:
        """Interchangeable people (same free shifts, costs, speaking, cap, target) are
        ordered by their number of shifts: any plan can be permuted into that order."""
        f, prob = self.facts, self.problem
        groups: dict[tuple, list[int]] = defaultdict(list)
        for p in self.part.people:
            if prob.forced[p] or f.replannable[p]:
                continue
            shifts = tuple(
                (s, f.pair_cost[p, s], p in (f.speakers[s] or ())) for s in sorted(self.free[p])
            )
            person = f.instance.people[p]
            groups[shifts, person.max_shifts_per_month, f.targets[p]].append(p)
        self.twins = [same for same in groups.values() if len(same) > 1]
        for same in self.twins:
            for a, b in zip(same, same[1:], strict=False):
                self.model.add(self.n[a] >= self.n[b])

    def hint(self, plan: Mapping[int, Sequence[int]]) -> None:
        """Hints a plan (shift -> people) and every variable derived from it."""
        f, m, forced = self.facts, self.model, self.problem.forced
        mine: dict[int, set[int]] = defaultdict(set)
        for s in self.part.shifts:
            for p in plan.get(s, ()):
                if (p, s) in self.x:
                    mine[p].add(s)
        # Interchangeable people swap whole schedules so the hint keeps their order.
        for same in self.twins:
            ordered = sorted((mine[p] for p in same), key=len, reverse=True)
            mine.update(zip(same, ordered, strict=True))
        for (p, s), var in self.x.items():
            m.add_hint(var, s in mine[p])
        for p, n in self.n.items():
            total = len(forced[p]) + len(mine[p])
            m.add_hint(n, total)
            if p in self.d:
                m.add_hint(self.d[p], abs(10 * total - f.targets[p]))
        for (p, day), var in self.split.items():
            spans = [(f.start[s], f.end[s]) for s in mine[p] | forced[p] if f.day[s] == day]
            m.add_hint(var, is_split(spans, f.split_gap))

    def decode(self, value: Callable[[cp_model.IntVar], int]) -> dict[int, list[int]]:
        """The part's shifts with their people (forced and chosen)."""
        plan: dict[int, list[int]] = {s: [] for s in self.part.shifts}
        for p in self.part.people:
            for s in self.problem.forced[p]:
                if s in plan:
                    plan[s].append(p)
        for (p, s), var in self.x.items():
            if value(var):
                plan[s].append(p)
        return plan


# The full-problem workers, best first. `max_lp` puts every constraint (the language
# clauses, the rest pairs, the split-day clauses) in the LP from the start: on these
# models it proves optimality where the default worker's bound stalls far below.
FULL_WORKERS = ("max_lp", "default_lp", "core", "quick_restart", "no_lp")


def make_solver(seconds: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, seconds)
    solver.parameters.num_workers = workers
    # With two workers CP-SAT runs one full worker and interleaves its LNS on the other.
    solver.parameters.subsolvers.extend(FULL_WORKERS[: max(1, workers - 1)])
    return solver
