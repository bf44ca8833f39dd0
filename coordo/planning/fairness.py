"""How good a plan is, in a coordinator's words: each person's share, and what the solver's
penalty is made of (shifts outside preferred hours, unfair shares, split days…)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from coordo.planning.fetch import build_instance, shift_id, worker_id
from coordo.planning.models import Planning, RotaPeriod, Worker
from coordo.planning.solver import parse_instance
from coordo.planning.solver.rules import Facts, derive, holds, oncall_terms, person_terms


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


@dataclass(frozen=True)
class PlanReport:
    shares: list[Share]
    shortfalls: list[str]  # what the penalty is made of, one plain phrase per kind


def _taken(facts: Facts, plan: Mapping[int, Sequence[int]]) -> dict[str, list[int]]:
    """Person id -> the month's shifts (as indices) the plan gives them."""
    taken: dict[str, list[int]] = {}
    for shift_pk, people in plan.items():
        s = facts.shift_index.get(shift_id(shift_pk))
        if s is None:  # a shift outside the month: not this planning's
            continue
        for worker_pk in people:
            taken.setdefault(worker_id(worker_pk), []).append(s)
    return taken


def _shortfalls(facts: Facts, taken: Mapping[str, list[int]], planning: Planning) -> list[str]:
    raw: Counter[str] = Counter()
    away_from_share = 0
    for p, person in enumerate(facts.instance.people):
        mine = taken.get(person.id, [])
        terms = person_terms(facts, p, mine)
        if not person.preferred:  # no preference stated: no shift is outside it
            terms["not_preferred"] = 0
        raw.update(terms)
        away_from_share += abs(10 * len(mine) - facts.targets[p]) >= 10  # a whole shift or more
    holders = {
        f"g{pk}": worker_id(holder)
        for pk, holder in RotaPeriod.objects.filter(
            rota__site_id=planning.site_id, holder__isnull=False
        ).values_list("pk", "holder_id")
    }
    raw.update(oncall_terms(facts, holders))
    phrases = [
        (
            raw["not_preferred"],
            ngettext(
                "%(count)d shift outside preferred hours",
                "%(count)d shifts outside preferred hours",
                raw["not_preferred"],
            ),
        ),
        (
            raw["undesired"],
            ngettext(
                "%(count)d shift in hours someone would rather not work",
                "%(count)d shifts in hours someone would rather not work",
                raw["undesired"],
            ),
        ),
        (
            away_from_share,
            ngettext(
                "%(count)d person a whole shift or more away from their fair share",
                "%(count)d people a whole shift or more away from their fair share",
                away_from_share,
            ),
        ),
        (
            raw["split_day"],
            ngettext(
                "%(count)d split day (two shifts with a long gap between them)",
                "%(count)d split days (two shifts with a long gap between them)",
                raw["split_day"],
            ),
        ),
        (
            raw["change"],
            ngettext(
                "%(count)d shift taken from the person who had it in the published version",
                "%(count)d shifts taken from the people who had them in the published version",
                raw["change"],
            ),
        ),
    ]
    words = [text % {"count": count} for count, text in phrases if count]
    if raw["oncall_balance"] or raw["oncall_weekend_balance"]:
        words.append(gettext("on-call duty shared unevenly"))
    return words


def plan_report(planning: Planning, plan: Mapping[int, Sequence[int]]) -> PlanReport:
    facts = derive(parse_instance(build_instance(planning)))
    names = dict(
        Worker.objects.filter(organisation_id=planning.organisation_id).values_list("pk", "name")
    )
    taken = _taken(facts, plan)
    rows = []
    for p, person in enumerate(facts.instance.people):
        mine = taken.get(person.id, [])
        rows.append(
            Share(
                name=names[int(person.id[1:])],
                shifts=len(mine),
                target=facts.targets[p] / 10,
                cap=person.max_shifts_per_month,
                preferred=sum(holds(person.preferred, facts.slot[s]) for s in mine),
            )
        )
    shares = sorted(rows, key=lambda row: row.name)
    return PlanReport(shares, _shortfalls(facts, taken, planning))
