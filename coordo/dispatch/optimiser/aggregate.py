"""Interchangeable units and households, so that models never see one pair each.

- A *unit class* gathers the units of one centre that the rules cannot tell
  apart (kind, beds for a private unit, the four flags) — the reference's
  `unit_classes`. Today it can take `capacity` households: one per empty private
  unit, one per free dorm bed (D2, D3).
- A *household type* gathers households that D2-D7 cannot tell apart (size,
  needs, an adult man, unaccompanied minor): they fit the same classes.
- A *group* gathers households of one type that V, P, D9 and Q cannot tell apart
  either (vulnerable, school languages, region, family centre, exclusions). They
  differ only by waiting days, so if n of them are placed, the n who waited
  longest are; `households` is sorted that way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Household, Instance, Penalty, Unit
from .rules import penalty_terms, type_violations

# A plan inside the optimiser: household index -> unit index (placed ones only).
IndexPlan = dict[int, int]


@dataclass(frozen=True)
class UnitClass:
    centre: int
    unit: Unit  # a representative: every unit of the class answers the rules alike
    units: tuple[int, ...]  # indices into Aggregation.units, all of them
    with_room: tuple[int, ...]  # those that could take a household today
    capacity: int


@dataclass(frozen=True)
class HouseholdType:
    size: int
    household: Household  # a representative
    classes: tuple[int, ...]  # classes passing D2-D7, full or not
    usable: tuple[int, ...]  # of those, classes with room in a centre whose intake >= size


@dataclass(frozen=True)
class Group:
    type: int
    household: Household  # a representative
    size: int
    vulnerable: bool
    households: tuple[int, ...]  # indices into instance.households, longest wait first
    waits: tuple[int, ...]  # waiting days, same order
    excluded: frozenset[int]  # centre indices (D9)
    family_centre: int | None


@dataclass(frozen=True, eq=False)
class Aggregation:
    instance: Instance
    units: tuple[tuple[int, Unit], ...]  # (centre index, unit) in instance order
    unit_index: dict[str, int]
    classes: tuple[UnitClass, ...]
    types: tuple[HouseholdType, ...]
    groups: tuple[Group, ...]
    group_of: tuple[int, ...]  # household index -> group index
    zone_of: tuple[int, ...]  # centre index -> zone (language, region) index
    zone_count: int
    class_of: tuple[int, ...]  # unit index -> class index
    _penalties: dict[tuple[int, int], Penalty] = field(default_factory=dict)

    def penalty(self, group: int, centre: int) -> Penalty:
        """Q terms for any household of `group` placed in `centre` (memoised)."""
        key = (group, centre)
        found = self._penalties.get(key)
        if found is None:
            g = self.groups[group]
            found = penalty_terms(self.instance.weights, g.household, self.instance.centres[centre])
            self._penalties[key] = found
        return found

    def usable_classes(self, group: int) -> list[int]:
        """Classes any household of `group` could enter today, D9 included."""
        g = self.groups[group]
        return [k for k in self.types[g.type].usable if self.classes[k].centre not in g.excluded]

    def has_eligible_unit(self, group: int) -> bool:
        """D10: does any unit in the network pass D2-D7 and D9, capacity aside?"""
        g = self.groups[group]
        return any(self.classes[k].centre not in g.excluded for k in self.types[g.type].classes)


def aggregate(instance: Instance) -> Aggregation:
    units: list[tuple[int, Unit]] = []
    class_members: dict[tuple, list[int]] = {}
    for c, centre in enumerate(instance.centres):
        for unit in centre.units:
            key = (
                c,
                unit.kind,
                unit.beds if unit.kind == "private" else 0,
                unit.women_only,
                unit.medical,
                unit.accessible,
                unit.minors,
            )
            class_members.setdefault(key, []).append(len(units))
            units.append((c, unit))
    classes = tuple(_unit_class(units, members) for members in class_members.values())
    class_of = [0] * len(units)
    for k, cls in enumerate(classes):
        for i in cls.units:
            class_of[i] = k

    centre_index = {centre.id: c for c, centre in enumerate(instance.centres)}
    type_keys: dict[tuple, int] = {}
    type_reps: list[Household] = []
    group_keys: dict[tuple, list[int]] = {}
    for i, h in enumerate(instance.households):
        tkey = (
            h.size,
            h.needs.medical,
            h.needs.accessible,
            h.needs.women_only,
            h.has_adult_male,
            h.unaccompanied_minor,
        )
        t = type_keys.setdefault(tkey, len(type_keys))
        if t == len(type_reps):
            type_reps.append(h)
        gkey = (
            t,
            h.vulnerable,
            tuple(sorted(m.school_language for m in h.members if m.school_language is not None)),
            h.region,
            h.family_centre,
            h.exclude_centres,
        )
        group_keys.setdefault(gkey, []).append(i)

    types = tuple(_household_type(instance, classes, rep) for rep in type_reps)
    groups: list[Group] = []
    group_of = [0] * len(instance.households)
    for (t, vulnerable, *_rest), members in group_keys.items():
        waits = {i: instance.waiting_days(instance.households[i]) for i in members}
        # Longest wait first; equal waits keep the instance order (the greedy's order).
        ordered = tuple(sorted(members, key=lambda i: (-waits[i], i)))
        rep = instance.households[ordered[0]]
        for i in ordered:
            group_of[i] = len(groups)
        groups.append(
            Group(
                type=t,
                household=rep,
                size=rep.size,
                vulnerable=vulnerable,
                households=ordered,
                waits=tuple(waits[i] for i in ordered),
                # A sub-batch (lns.py) may leave out centres a household names.
                excluded=frozenset(
                    centre_index[c] for c in rep.exclude_centres if c in centre_index
                ),
                family_centre=(
                    None if rep.family_centre is None else centre_index.get(rep.family_centre)
                ),
            )
        )

    zones: dict[tuple[str, str], int] = {}
    zone_of = tuple(
        zones.setdefault((centre.language, centre.region), len(zones))
        for centre in instance.centres
    )
    return Aggregation(
        instance=instance,
        units=tuple(units),
        unit_index={unit.id: i for i, (_c, unit) in enumerate(units)},
        classes=classes,
        types=types,
        groups=tuple(groups),
        group_of=tuple(group_of),
        zone_of=zone_of,
        zone_count=len(zones),
        class_of=tuple(class_of),
    )


def _unit_class(units: list[tuple[int, Unit]], members: list[int]) -> UnitClass:
    centre, rep = units[members[0]]
    with_room = tuple(i for i in members if units[i][1].has_room)
    # D2: one household per empty private unit; D3: one person per free dorm bed.
    private = rep.kind == "private"
    capacity = len(with_room) if private else sum(units[i][1].free for i in with_room)
    return UnitClass(centre, rep, tuple(members), with_room, capacity)


def _household_type(
    instance: Instance, classes: tuple[UnitClass, ...], rep: Household
) -> HouseholdType:
    passing = tuple(k for k, cls in enumerate(classes) if not type_violations(rep, cls.unit))
    usable = tuple(
        k
        for k in passing
        if classes[k].capacity > 0 and instance.centres[classes[k].centre].daily_intake >= rep.size
    )
    return HouseholdType(rep.size, rep, passing, usable)


class UnitPicker:
    """Hands out the concrete units of a class as households are put into it."""

    def __init__(self, agg: Aggregation) -> None:
        self._agg = agg
        self._next: dict[int, int] = {}  # class -> position in with_room
        self._used: dict[int, int] = {}  # unit -> households put in it

    def take(self, k: int) -> int:
        cls = self._agg.classes[k]
        pos = self._next.get(k, 0)
        while True:
            unit_index = cls.with_room[pos]  # IndexError: more than the capacity
            unit = self._agg.units[unit_index][1]
            room = 1 if unit.kind == "private" else unit.free
            if self._used.get(unit_index, 0) < room:
                break
            pos += 1
        self._next[k] = pos
        self._used[unit_index] = self._used.get(unit_index, 0) + 1
        return unit_index


def plan_ids(agg: Aggregation, plan: IndexPlan) -> dict[str, str]:
    """household id -> unit id, in the instance's household order."""
    households = agg.instance.households
    return {households[i].id: agg.units[plan[i]][1].id for i in sorted(plan)}


def canonical(agg: Aggregation, plan: IndexPlan) -> IndexPlan:
    """The same plan with, in each group, the longest-waiting households placed.

    Households of a group are interchangeable for every rule, so handing their
    units to those who waited longest keeps the plan feasible, V, P and Q equal,
    and W at least as high."""
    units_of: dict[int, list[int]] = {}
    for i in sorted(plan):
        units_of.setdefault(agg.group_of[i], []).append(plan[i])
    result: IndexPlan = {}
    for g, units in units_of.items():
        result.update(zip(agg.groups[g].households, units, strict=False))
    return result
