"""Fairness indicators: each person's shifts against their fair share, and preferred slots."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coordo.planning.fetch import build_instance, shift_id, worker_id
from coordo.planning.models import Planning, Worker
from coordo.planning.solver import parse_instance
from coordo.planning.solver.rules import derive, holds


@dataclass(frozen=True)
class Share:
    name: str
    shifts: int
    target: float  # the fair share the solver aims at (its `fairness` term)
    cap: int
    preferred: int  # of `shifts`, how many lie in a preferred window

    @property
    def preferred_percent(self) -> int | None:
        return round(100 * self.preferred / self.shifts) if self.shifts else None


def shares(planning: Planning, plan: Mapping[int, Sequence[int]]) -> list[Share]:
    facts = derive(parse_instance(build_instance(planning)))
    names = dict(
        Worker.objects.filter(organisation_id=planning.organisation_id).values_list("pk", "name")
    )
    mine: dict[str, list[int]] = {}
    for shift_pk, people in plan.items():
        s = facts.shift_index.get(shift_id(shift_pk))
        if s is None:  # a shift outside the month: not this planning's
            continue
        for worker_pk in people:
            mine.setdefault(worker_id(worker_pk), []).append(s)
    rows = []
    for p, person in enumerate(facts.instance.people):
        taken = mine.get(person.id, [])
        rows.append(
            Share(
                name=names[int(person.id[1:])],
                shifts=len(taken),
                target=facts.targets[p] / 10,
                cap=person.max_shifts_per_month,
                preferred=sum(holds(person.preferred, facts.slot[s]) for s in taken),
            )
        )
    return sorted(rows, key=lambda row: row.name)
