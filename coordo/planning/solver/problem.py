"""Presolve and decomposition of the shift problem before any model is built.

Pairs that must hold (`fixed`, and the people of shifts frozen by `previous`) become
constants, and every free pair they rule out (an overlap, too little rest, a full day
or month) is dropped, so the model only holds real choices. The remaining
(person, shift) pairs split into independent parts: the objective is a sum over
people, so parts that share no person can be solved one after the other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .rules import Facts


@dataclass(frozen=True)
class Problem:
    """What is still to decide. Forced pairs are constants; for explanations nothing is
    forced and the model states H8/H9 as constraints an assumption can switch off."""

    facts: Facts
    forced: tuple[frozenset[int], ...]  # per person: shifts they surely work
    candidates: tuple[tuple[int, ...], ...]  # per shift: people who may still be added
    need: tuple[int, ...]  # per shift: people still to add

    def needs_speaker(self, s: int) -> bool:
        speakers = self.facts.speakers[s]
        return speakers is not None and not any(s in self.forced[p] for p in speakers)

    def constant_cost(self, p: int) -> int:
        """Costs of person p that no free choice changes: preferences on forced shifts and
        previous pairs that can no longer be kept (days split by forced shifts alone are
        counted where days are known, in the model)."""
        f = self.facts
        forced = self.forced[p]
        dropped = f.replannable[p] - forced
        return sum(f.pair_cost[p, s] for s in forced) + f.weights["change"] * len(dropped)

    def short(self) -> list[int]:
        """Shifts that presolve already proved impossible to staff."""
        return [
            s
            for s, cands in enumerate(self.candidates)
            if len(cands) < self.need[s]
            or (self.need[s] and self.needs_speaker(s) and self.facts.speakers[s].isdisjoint(cands))  # type: ignore[union-attr]
        ]


@dataclass(frozen=True)
class Part:
    """People and shifts linked by free pairs; no person of a part is in another."""

    people: tuple[int, ...]
    shifts: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.people) * len(self.shifts)


def build_problem(facts: Facts, *, pinned: bool = True) -> Problem:
    """The problem to solve; with `pinned` false, nothing forced (for explanations)."""
    if not pinned:
        return Problem(
            facts,
            tuple(frozenset() for _ in facts.instance.people),
            facts.eligible,
            tuple(s.required for s in facts.instance.shifts),
        )
    forced: list[set[int]] = [set() for _ in facts.instance.people]
    for p, s in facts.fixed:
        forced[p].add(s)
    for s in facts.frozen:
        for p in facts.previous[s]:
            forced[p].add(s)
    return _forcing(facts, forced, set(range(len(facts.instance.shifts))) - facts.frozen)


def restrict(
    problem: Problem,
    plan: Mapping[int, Iterable[int]],
    shifts: Collection[int],
    people: Collection[int] | None = None,
) -> Problem:
    """A neighbourhood of `plan`: only the pairs of these shifts (and of these people,
    if given) may change; every other pair of the plan is forced."""
    forced = [set(mine) for mine in problem.forced]
    for s, team in plan.items():
        for p in team:
            if s not in shifts or (people is not None and p not in people):
                forced[p].add(s)
    return _forcing(problem.facts, forced, shifts, people)


def _forcing(
    facts: Facts,
    forced: list[set[int]],
    open_shifts: Collection[int],
    open_people: Collection[int] | None = None,
) -> Problem:
    """Forced pairs as constants; the free pairs of `open_shifts` (and `open_people`)
    that they leave possible."""
    on_shift: dict[int, set[int]] = defaultdict(set)
    for p, mine in enumerate(forced):
        for s in mine:
            on_shift[s].add(p)
    shifts = facts.instance.shifts
    need = [max(0, shift.required - len(on_shift[s])) for s, shift in enumerate(shifts)]
    ledger = Ledger(facts, forced)
    candidates = tuple(
        tuple(
            p
            for p in facts.eligible[s]
            if (open_people is None or p in open_people)
            and p not in on_shift[s]
            and ledger.fits(p, s)
        )
        if s in open_shifts and need[s]
        else ()
        for s in range(len(shifts))
    )
    return Problem(
        facts=facts,
        forced=tuple(frozenset(f) for f in forced),
        candidates=candidates,
        need=tuple(need),
    )


class Ledger:
    """Each person's shifts so far, to ask whether one more breaks H3–H6."""

    def __init__(self, facts: Facts, taken: Sequence[Iterable[int]]) -> None:
        self.facts = facts
        self.by_day: list[dict[int, list[int]]] = [defaultdict(list) for _ in taken]
        self.by_month: list[dict[tuple[int, int], int]] = [defaultdict(int) for _ in taken]
        self.count = [0 for _ in taken]
        for p, mine in enumerate(taken):
            for s in mine:
                self.add(p, s)

    def add(self, p: int, s: int) -> None:
        self.by_day[p][self.facts.day[s]].append(s)
        self.by_month[p][self.facts.month[s]] += 1
        self.count[p] += 1

    def remove(self, p: int, s: int) -> None:
        self.by_day[p][self.facts.day[s]].remove(s)
        self.by_month[p][self.facts.month[s]] -= 1
        self.count[p] -= 1

    def fits(self, p: int, s: int) -> bool:
        f, day, days = self.facts, self.facts.day[s], self.by_day[p]
        if self.by_month[p].get(f.month[s], 0) >= f.instance.people[p].max_shifts_per_month:
            return False
        same = days.get(day, ())
        if any(f.start[t] < f.end[s] and f.start[s] < f.end[t] for t in same):
            return False
        if sum(f.minutes(t) for t in same) + f.minutes(s) > f.day_limit:
            return False
        if any(f.start[s] - f.end[t] < f.rest for t in days.get(day - 1, ())):
            return False
        return not any(f.start[t] - f.end[s] < f.rest for t in days.get(day + 1, ()))


def split_parts(problem: Problem) -> list[Part]:
    """The connected parts of the free pairs, largest first."""
    n_people = len(problem.forced)
    parent = list(range(n_people + len(problem.candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for s, cands in enumerate(problem.candidates):
        for p in cands:
            a, b = root(p), root(n_people + s)
            if a != b:
                parent[a] = b
    people: dict[int, list[int]] = defaultdict(list)
    shifts: dict[int, list[int]] = defaultdict(list)
    for s, cands in enumerate(problem.candidates):
        if cands:
            shifts[root(n_people + s)].append(s)
    for p in range(n_people):
        r = root(p)
        if r in shifts:
            people[r].append(p)
    parts = [Part(tuple(people[r]), tuple(shifts[r])) for r in shifts]
    return sorted(parts, key=lambda part: -part.size)
