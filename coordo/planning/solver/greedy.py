"""A greedy plan that respects every hard rule, used as CP-SAT's hint.

The shift with the least room left (fitting people beyond those it needs, or
fitting speakers when it needs one) is staffed next, as in DSatur colouring; each
seat goes to the fitting person whose addition costs least. Seats still empty at
the end get one repair attempt: a person kept off by one of their shifts takes the
seat if someone else can take that shift. A plan that stays incomplete is still a
useful partial hint. A complete plan is the first answer the web app can show.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from .problem import Ledger, Problem
from .rules import is_split


class _Greedy:
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.f = f = problem.facts
        self.ledger = Ledger(f, problem.forced)
        self.team: list[list[int]] = [[] for _ in problem.need]  # free people chosen
        self.shifts_of: dict[int, list[int]] = defaultdict(list)
        for s, cands in enumerate(problem.candidates):
            for p in cands:
                self.shifts_of[p].append(s)
        # Empty where a shift needs no language, so sets can be combined freely.
        self.speakers = [sp or frozenset() for sp in f.speakers]
        self.fitting = [
            {p for p in cands if self.ledger.fits(p, s)}
            for s, cands in enumerate(problem.candidates)
        ]

    def cost(self, p: int, s: int) -> tuple[int, int]:
        f, w = self.f, self.f.weights
        n, t = self.ledger.count[p], f.targets[p]
        todays = [(f.start[u], f.end[u]) for u in self.ledger.by_day[p].get(f.day[s], ())]
        split = is_split([*todays, (f.start[s], f.end[s])], f.split_gap) - is_split(
            todays, f.split_gap
        )
        marginal = (
            f.pair_cost[p, s]
            + w["fairness"] * (abs(10 * (n + 1) - t) - abs(10 * n - t))
            + w["split_day"] * split
            - w["change"] * (s in f.replannable[p])
        )
        return marginal, 10 * n - t  # ties go to whoever is furthest below target

    def wants_speaker(self, s: int) -> bool:
        return self.problem.needs_speaker(s) and self.speakers[s].isdisjoint(self.team[s])

    def may_fill(self, p: int, s: int) -> bool:
        """p may take an open seat of s: while s lacks a speaker, only a speaker may."""
        return not self.wants_speaker(s) or p in self.speakers[s]

    def room(self, s: int) -> int:
        spare = len(self.fitting[s]) - (self.problem.need[s] - len(self.team[s]))
        if self.wants_speaker(s):
            spare = min(spare, len(self.fitting[s] & self.speakers[s]) - 1)
        return spare

    def affected(self, p: int, s: int) -> list[int]:
        """p's shifts whose fit a change on s can alter: the day before to the day after,
        and the whole month when p's monthly cap is (or was) reached."""
        f = self.f
        full = (
            self.ledger.by_month[p].get(f.month[s], 0) + 1
            >= f.instance.people[p].max_shifts_per_month
        )
        return [
            t
            for t in self.shifts_of[p]
            if abs(f.day[t] - f.day[s]) <= 1 or (full and f.month[t] == f.month[s])
        ]

    def take(self, p: int, s: int) -> list[int]:
        """Gives s to p; returns the shifts whose room shrank."""
        self.ledger.add(p, s)
        self.team[s].append(p)
        changed = []
        for t in self.affected(p, s):
            if p in self.fitting[t] and (t == s or not self.ledger.fits(p, t)):
                self.fitting[t].discard(p)
                changed.append(t)
        return changed

    def release(self, p: int, s: int) -> None:
        self.ledger.remove(p, s)
        self.team[s].remove(p)
        for t in self.affected(p, s):
            if p not in self.team[t] and self.ledger.fits(p, t):
                self.fitting[t].add(p)

    def freed_by(self, p: int, s: int) -> list[int]:
        """p's shifts whose removal alone would let p take s."""
        out = []
        for t in self.shifts_of[p]:
            if p in self.team[t] and t not in self.problem.forced[p]:
                self.ledger.remove(p, t)
                if self.ledger.fits(p, s):
                    out.append(t)
                self.ledger.add(p, t)
        return out

    def staff(self, s: int) -> list[int]:
        changed = []
        while len(self.team[s]) < self.problem.need[s] and self.fitting[s]:
            pool = self.fitting[s]
            if self.wants_speaker(s):
                pool = pool & self.speakers[s]
                if not pool and len(self.team[s]) + 1 == self.problem.need[s]:
                    break  # the last seat is for a speaker: leave it to the repair
                pool = pool or self.fitting[s]
            changed += self.take(min(pool, key=lambda p: self.cost(p, s)), s)
        return changed

    def seed(self, pairs: list[tuple[int, int]]) -> None:
        """Takes the suggested pairs that still fit, earliest first, speakers first; the
        last open seat of a shift that lacks a speaker waits for one."""
        f = self.f
        for p, s in sorted(
            pairs, key=lambda ps: (f.start[ps[1]], ps[0] not in self.speakers[ps[1]])
        ):
            open_seats = self.problem.need[s] - len(self.team[s])
            if p in self.fitting[s] and open_seats and (open_seats > 1 or self.may_fill(p, s)):
                self.take(p, s)

    def run(self) -> None:
        need = self.problem.need
        heap = [(self.room(s), self.f.start[s], s) for s in range(len(need)) if need[s]]
        heapq.heapify(heap)
        done = set()
        while heap:
            room, _, s = heapq.heappop(heap)
            if s in done or room != self.room(s):
                continue  # a stale entry: the shift was pushed again with less room
            done.add(s)
            for t in set(self.staff(s)):
                if t not in done:
                    heapq.heappush(heap, (self.room(t), self.f.start[t], t))
        for s in range(len(need)):
            while len(self.team[s]) < need[s] and self.repair(s):
                pass

    def repair(self, s: int) -> bool:
        """Moves one shift t of a candidate p of s to another person q, then gives s to p."""
        for p in self.problem.candidates[s]:
            if p in self.team[s] or not self.may_fill(p, s):
                continue
            for t in self.freed_by(p, s):
                self.release(p, t)
                if self.ledger.fits(p, s) and self.may_fill(p, s):
                    self.take(p, s)
                    others = [q for q in self.fitting[t] if self.may_fill(q, t)]
                    if others:
                        self.take(min(others, key=lambda q: self.cost(q, t)), t)
                        return True
                    self.release(p, s)
                self.take(p, t)
        return False


def greedy_plan(problem: Problem, seed: list[tuple[int, int]]) -> dict[int, list[int]]:
    """Shift -> people (forced ones included): first the previous plan's pairs that are
    still possible, then the `seed` pairs that fit, then the greedy; some shifts may
    stay short."""
    greedy = _Greedy(problem)
    f = problem.facts
    greedy.seed(
        [(p, s) for s, team in f.previous.items() for p in team if p in problem.candidates[s]]
    )
    greedy.seed(seed)
    greedy.run()
    plan = {s: list(team) for s, team in enumerate(greedy.team)}
    for p, mine in enumerate(problem.forced):
        for s in mine:
            plan[s].append(p)
    return plan
