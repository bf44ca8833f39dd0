"""The reader who tries to undo suppression: a linear programme written apart from
coordo.disclosure, so that a relation the module forgets is one the attacker still uses.

A relation is ("sum", whole, parts): whole = Σ parts, or ("distinct", whole, parts):
max(parts) ≤ whole ≤ Σ parts. Every count is ≥ 0; every published one is fixed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

from ortools.linear_solver import pywraplp

RULE = 5  # DESIGN.md invariant 6, written here and not imported: a lowered threshold fails
CEILING = 1e6  # no count reaches it; it keeps every maximum finite
Relation = tuple[str, Hashable, tuple[Hashable, ...]]


def bounds(
    published: Mapping[Hashable, int], relations: Iterable[Relation], wanted: Iterable[Hashable]
) -> dict[Hashable, tuple[float, float]]:
    """For each wanted unknown, the least and the greatest value the published counts allow."""
    relations = list(relations)
    solver = pywraplp.Solver.CreateSolver("GLOP")
    keys = {key for _kind, whole, parts in relations for key in (whole, *parts)}
    keys |= set(published) | set(wanted)
    x = {key: solver.NumVar(0, CEILING, str(index)) for index, key in enumerate(keys)}
    for key, value in published.items():
        x[key].SetBounds(value, value)
    for kind, whole, parts in relations:
        total = solver.Sum([x[part] for part in parts])
        if kind == "sum":
            solver.Add(x[whole] == total)
        else:
            solver.Add(x[whole] <= total)
            for part in parts:
                solver.Add(x[whole] >= x[part])
    found = {}
    for key in wanted:
        ends = []
        for maximise in (False, True):
            solver.Objective().Clear()
            solver.Objective().SetCoefficient(x[key], 1)
            solver.Objective().SetOptimizationDirection(maximise)
            assert solver.Solve() == pywraplp.Solver.OPTIMAL, (
                f"the published counts contradict {key}"
            )
            ends.append(solver.Objective().Value())
        found[key] = (ends[0], ends[1])
    return found


def uncovered(found: Mapping[Hashable, tuple[float, float]]) -> dict[Hashable, tuple[float, float]]:
    """The cells whose interval does not reach both 0 and RULE: the reader learns they are
    not empty, or that they are small."""
    return {
        key: (low, high) for key, (low, high) in found.items() if low > 1e-6 or high < RULE - 1e-6
    }
