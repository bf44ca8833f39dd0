"""Constructive plans: the greedy baseline and a most-constrained-first variant.

`greedy` is the baseline the optimiser must never do worse than: households in
priority order — vulnerable first, then longest wait, then larger — each take
their best unit still open: lowest penalty, then the unit that wastes least (a
dorm bed before a private unit, the smallest private unit that fits).

`constrained_first` serves the optimiser as a second warm start: among the
vulnerable, then among the others, households with the fewest kinds of unit
take their place first, and every household takes the least wasteful unit.
On large batches it often places more vulnerable persons than the baseline,
which CP-SAT's neighbourhood search would take long to find.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .aggregate import Aggregation, IndexPlan, UnitPicker, aggregate, plan_ids
from .model import Instance


def greedy_plan(instance: Instance) -> dict[str, str]:
    """The baseline plan, household id -> unit id (see `solve.solution_from_plan`)."""
    agg = aggregate(instance)
    return plan_ids(agg, greedy(agg))


def greedy(agg: Aggregation) -> IndexPlan:
    return _construct(
        agg, priority_order(agg), lambda g, k: (_penalty(agg, g, k), _waste(agg, g, k))
    )


def constrained_first(agg: Aggregation) -> IndexPlan:
    instance = agg.instance
    households = instance.households
    options = [len(agg.usable_classes(g)) for g in range(len(agg.groups))]
    order = sorted(
        range(len(households)),
        key=lambda i: (
            not households[i].vulnerable,
            options[agg.group_of[i]],
            -instance.waiting_days(households[i]),
            -households[i].size,
            i,
        ),
    )
    return _construct(agg, order, lambda g, k: (_waste(agg, g, k), _penalty(agg, g, k)))


def priority_order(agg: Aggregation) -> list[int]:
    """Household indices, most urgent first."""
    instance = agg.instance
    households = instance.households
    return sorted(
        range(len(households)),
        key=lambda i: (
            not households[i].vulnerable,
            -instance.waiting_days(households[i]),
            -households[i].size,
            i,
        ),
    )


def _penalty(agg: Aggregation, g: int, k: int) -> int:
    return agg.penalty(g, agg.classes[k].centre).total


def _waste(agg: Aggregation, g: int, k: int) -> int:
    unit = agg.classes[k].unit
    return 0 if unit.kind == "shared" else 1 + unit.beds - agg.groups[g].size


def _class_key(rank: Callable[[int, int], tuple[int, ...]], g: int, k: int) -> tuple[int, ...]:
    return (*rank(g, k), k)


def _construct(
    agg: Aggregation, order: list[int], rank: Callable[[int, int], tuple[int, ...]]
) -> IndexPlan:
    """Each household in `order` takes the first class by `rank` (group, class)
    that still has room in a centre with intake left."""
    capacity = [cls.capacity for cls in agg.classes]
    intake = [centre.daily_intake for centre in agg.instance.centres]
    # Each group's classes, best first. Capacity and intake only ever shrink, so a
    # class skipped once stays useless for the group: a cursor per group suffices.
    choices: dict[int, list[int]] = {}
    cursor: dict[int, int] = {}
    picker = UnitPicker(agg)
    plan: IndexPlan = {}
    for i in order:
        g = agg.group_of[i]
        if g not in choices:
            choices[g] = sorted(agg.usable_classes(g), key=partial(_class_key, rank, g))
            cursor[g] = 0
        size = agg.groups[g].size
        ranked, pos = choices[g], cursor[g]
        while pos < len(ranked) and not (
            capacity[ranked[pos]] > 0 and intake[agg.classes[ranked[pos]].centre] >= size
        ):
            pos += 1
        cursor[g] = pos
        if pos == len(ranked):
            continue
        k = ranked[pos]
        capacity[k] -= 1
        intake[agg.classes[k].centre] -= size
        plan[i] = picker.take(k)
    return plan
