"""Local moves that polish a plan between CP-SAT stages.

On large batches CP-SAT's neighbourhood search is slow to find moves that
change which households of equal size are placed, or which of two households
gets which centre. These moves keep V and P and improve W, then Q; the result
only ever serves as a better hint (solve.py keeps the best plan by score).
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from .aggregate import Aggregation, IndexPlan, UnitPicker


class _Moves:
    def __init__(self, agg: Aggregation, plan: IndexPlan) -> None:
        self.agg = agg
        instance = agg.instance
        self.wait = [instance.waiting_days(h) for h in instance.households]
        # Units of a class are interchangeable: work on classes, pick units at the end.
        self.cls = {i: agg.class_of[u] for i, u in plan.items()}
        self._usable: dict[int, frozenset[int]] = {}

    def usable(self, i: int) -> frozenset[int]:
        g = self.agg.group_of[i]
        found = self._usable.get(g)
        if found is None:
            found = self._usable[g] = frozenset(self.agg.usable_classes(g))
        return found

    def penalty(self, i: int, k: int) -> int:
        return self.agg.penalty(self.agg.group_of[i], self.agg.classes[k].centre).total

    def size(self, i: int) -> int:
        return self.agg.groups[self.agg.group_of[i]].size

    def plan(self) -> IndexPlan:
        picker = UnitPicker(self.agg)
        return {i: picker.take(k) for i, k in sorted(self.cls.items())}

    def raise_waits(self) -> None:
        """Hand a placed household's unit to an unplaced one of the same size and
        vulnerability who waited longer (V, P and capacity unchanged, W up)."""
        households = self.agg.instance.households
        waiting: dict[tuple[int, bool], list[tuple[int, int]]] = defaultdict(list)
        for i, h in enumerate(households):
            if i not in self.cls:
                waiting[h.size, h.vulnerable].append((-self.wait[i], i))
        for queue in waiting.values():
            queue.sort()
        for i in sorted(self.cls, key=lambda i: (self.wait[i], i)):
            h = households[i]
            queue = waiting[h.size, h.vulnerable]
            k = self.cls[i]
            for pos, (neg_wait, j) in enumerate(queue):
                if -neg_wait <= self.wait[i]:
                    break
                if k in self.usable(j):
                    del queue[pos]
                    bisect.insort(queue, (-self.wait[i], i))
                    self.cls[j] = self.cls.pop(i)
                    break

    def lower_penalties(self) -> None:
        """Move households to free places with a lower penalty, and swap the places
        of two households of the same size when that lowers their total penalty."""
        agg = self.agg
        capacity = [cls.capacity for cls in agg.classes]
        intake = [centre.daily_intake for centre in agg.instance.centres]
        for i, k in self.cls.items():
            capacity[k] -= 1
            intake[agg.classes[k].centre] -= self.size(i)
        improved = True
        while improved:
            improved = False
            for i in sorted(self.cls, key=lambda i: -self.penalty(i, self.cls[i])):
                k, size = self.cls[i], self.size(i)
                centre = agg.classes[k].centre
                current = self.penalty(i, k)
                if current == 0:
                    continue
                better = [
                    t
                    for t in self.usable(i)
                    if capacity[t] > 0
                    and self.penalty(i, t) < current
                    and (agg.classes[t].centre == centre or intake[agg.classes[t].centre] >= size)
                ]
                if better:
                    t = min(better, key=lambda t: (self.penalty(i, t), t))
                    capacity[k] += 1
                    capacity[t] -= 1
                    intake[centre] += size
                    intake[agg.classes[t].centre] -= size
                    self.cls[i] = t
                    improved = True
            improved = self._swap_places() or improved

    def _swap_places(self) -> bool:
        agg = self.agg
        by_size: dict[int, list[int]] = defaultdict(list)
        for i in self.cls:
            by_size[self.size(i)].append(i)
        swapped = False
        for i in sorted(self.cls):
            ki = self.cls[i]
            current_i = self.penalty(i, ki)
            if current_i == 0:
                continue
            for j in by_size[self.size(i)]:
                kj = self.cls[j]
                if agg.classes[kj].centre == agg.classes[ki].centre:
                    continue
                gain = current_i + self.penalty(j, kj) - self.penalty(i, kj) - self.penalty(j, ki)
                if gain > 0 and kj in self.usable(i) and ki in self.usable(j):
                    self.cls[i], self.cls[j] = kj, ki
                    swapped = True
                    ki, current_i = kj, self.penalty(i, kj)
                    if current_i == 0:
                        break
        return swapped


def polish(agg: Aggregation, plan: IndexPlan) -> IndexPlan:
    """The plan after wait-raising swaps, then penalty-lowering moves."""
    moves = _Moves(agg, plan)
    moves.raise_waits()
    moves.lower_penalties()
    return moves.plan()
