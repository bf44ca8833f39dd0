"""The dispatch rules, exactly as `formats/dispatch_rules.py` states them.

One household and one unit at a time (D2-D7, D9), the capacity of today (D2, D3,
D8), the penalty terms of Q, and the score and hard-rule check of a whole plan.
Every other module asks these functions, so there is one reading of each rule.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .model import Centre, Household, Instance, Penalty, Score, Unit, Weights

# The order in which the reference lists a unit's broken rules; the first one is
# the reason an explanation gives for excluding that unit.
STRUCTURAL_CODES = ("D2", "D3", "D4", "D5", "D6", "D7", "D9")

# A plan: household id -> unit id, for placed households only.
Plan = Mapping[str, str]


def structural_violations(household: Household, centre: Centre, unit: Unit) -> tuple[str, ...]:
    """Codes among D2-D7 and D9 that placing `household` alone in `unit` breaks,
    capacity aside (`free` and `daily_intake` ignored, as D10 requires)."""
    return type_violations(household, unit) + (
        ("D9",) if centre.id in household.exclude_centres else ()
    )


def type_violations(household: Household, unit: Unit) -> tuple[str, ...]:
    """D2-D7 only: these depend on the household's size, needs and members, not on
    which centre it is, so households alike share the answer."""
    codes: list[str] = []
    size = household.size
    if unit.kind == "private" and size > unit.beds:
        codes.append("D2")
    if unit.kind == "shared" and size != 1:
        codes.append("D3")
    needs = household.needs
    if (needs.medical and not unit.medical) or (needs.accessible and not unit.accessible):
        codes.append("D4")
    if needs.women_only and not (unit.women_only or unit.kind == "private"):
        codes.append("D5")
    if unit.women_only and household.has_adult_male:
        codes.append("D6")
    if household.unaccompanied_minor != unit.minors:
        codes.append("D7")
    return tuple(codes)


def has_room_today(household: Household, centre: Centre, unit: Unit) -> bool:
    """The capacity part of D2, D3 and D8 for this household alone."""
    return household.size <= centre.daily_intake and unit.has_room


def fits_today(household: Household, centre: Centre, unit: Unit) -> bool:
    """Could this household be placed in this unit if it were the only one today?"""
    return has_room_today(household, centre, unit) and not structural_violations(
        household, centre, unit
    )


def penalty_terms(weights: Weights, household: Household, centre: Centre) -> Penalty:
    """This household's contribution to Q if placed in `centre`, term by term."""
    languages = sum(
        1
        for m in household.members
        if m.school_language is not None and m.school_language != centre.language
    )
    family = household.family_centre is not None and household.family_centre != centre.id
    region = household.region is not None and household.region != centre.region
    return Penalty(
        school_language=weights.school_language * languages,
        family_link=weights.family_link * int(family),
        region=weights.region * int(region),
    )


def score(instance: Instance, plan: Plan) -> Score:
    """(V, P, W, Q) of a plan, whatever its feasibility."""
    where = unit_locations(instance)
    households = {h.id: h for h in instance.households}
    v = p = w = q = 0
    for household_id, unit_id in plan.items():
        h = households[household_id]
        centre, _unit = where[unit_id]
        v += h.size if h.vulnerable else 0
        p += h.size
        w += instance.waiting_days(h) * h.size
        q += penalty_terms(instance.weights, h, centre).total
    return Score(v, p, w, q)


def violations(instance: Instance, plan: Plan) -> list[str]:
    """The hard rules D2-D9 a plan breaks, one 'code: what' each (empty if none).

    D1 and D10 hold by construction of a `Plan` (one unit per household, every
    other household listed as unplaced)."""
    where = unit_locations(instance)
    households = {h.id: h for h in instance.households}
    found: list[str] = []
    guests: dict[str, list[Household]] = defaultdict(list)
    persons: Counter[str] = Counter()
    for household_id, unit_id in plan.items():
        h = households[household_id]
        centre, unit = where[unit_id]
        found += [f"{c}: {h.id} in {unit.id}" for c in structural_violations(h, centre, unit)]
        guests[unit_id].append(h)
        persons[centre.id] += h.size
    for unit_id, placed in guests.items():
        unit = where[unit_id][1]
        if unit.kind == "private" and (unit.free != unit.beds or len(placed) > 1):
            found.append(f"D2: {unit.id} takes {len(placed)} household(s), {unit.free} free")
        if unit.kind == "shared" and len(placed) > unit.free:
            found.append(f"D3: {unit.id} takes {len(placed)} persons, {unit.free} free")
    for centre in instance.centres:
        if persons[centre.id] > centre.daily_intake:
            found.append(f"D8: {centre.id} takes {persons[centre.id]} > {centre.daily_intake}")
    return found


def unit_locations(instance: Instance) -> dict[str, tuple[Centre, Unit]]:
    return {u.id: (c, u) for c in instance.centres for u in c.units}


@dataclass(frozen=True)
class Fit:
    """Could one household go to `unit`, the plan's other households staying where they are?

    `free` is the beds left once those others are in; `problems` the rule codes
    the move would break (D2-D7, D9) and, for today's capacity, "full" (no room
    in the snapshot), "taken" (another household of the plan has the room) and
    "intake" (the centre's intake left is below the household's size). Empty
    `problems`: `violations` finds nothing wrong with the move."""

    unit: str
    centre: str
    beds: int
    free: int
    problems: tuple[str, ...]


def fits_in_plan(instance: Instance, plan: Plan, household_id: str) -> list[Fit]:
    """Every unit of the network, in instance order, for `household_id` (moved or added)."""
    where = unit_locations(instance)
    households = {h.id: h for h in instance.households}
    household = households[household_id]
    guests: Counter[str] = Counter()
    persons: Counter[str] = Counter()
    for other, unit_id in plan.items():
        if other != household_id:
            guests[unit_id] += 1
            persons[where[unit_id][0].id] += households[other].size
    fits = []
    for centre in instance.centres:
        for unit in centre.units:
            codes = list(structural_violations(household, centre, unit))
            taken = guests[unit.id]
            free = (0 if taken else unit.free) if unit.kind == "private" else unit.free - taken
            if not unit.has_room:
                codes.append("full")
            elif (unit.kind == "private" and taken) or free < 1:
                codes.append("taken")
            if persons[centre.id] + household.size > centre.daily_intake:
                codes.append("intake")
            fits.append(Fit(unit.id, centre.id, unit.beds, max(free, 0), tuple(codes)))
    return fits
