"""Why no plan exists, as `Conflict` data a coordinator can read once rendered.

`precheck` finds the evident reasons in a few passes over the instance (a shift
with too few available people, a language nobody available speaks, a fixed person
who is away…). When the model is infeasible for a subtler reason, `explain` guards
each hard-rule group with an assumption literal, asks CP-SAT for a conflicting set
of groups and shrinks it by deletion, so that each group left is needed.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from ortools.sat.python import cp_model

from .cpsat import Groups, Key, PartModel
from .model import Conflict
from .oncall import RotaModel, allowed
from .problem import Part, build_problem
from .rules import Facts, ineligibility, person_violations

MAX_CORE_SHRINK = 40  # groups; beyond that the core is shown as CP-SAT gives it


def _time(value: Any) -> str:
    return value.strftime("%Y-%m-%dT%H:%M")


def shift_ref(facts: Facts, s: int) -> dict[str, str]:
    """A shift as conflict data; the site is named only when there are several."""
    shift = facts.instance.shifts[s]
    ref = {"id": shift.id, "start": _time(shift.start), "end": _time(shift.end)}
    if len(facts.instance.sites) > 1:
        ref["site"] = shift.site
    return ref


def _period_ref(facts: Facts, period_id: str) -> dict[str, str]:
    for rota in facts.instance.rotas:
        for g in rota.periods:
            if g.id == period_id:
                return {"id": g.id, "rota": rota.id, "start": _time(g.start), "end": _time(g.end)}
    raise KeyError(period_id)


def _hours(minutes: float) -> float | int:
    hours = minutes / 60
    return int(hours) if hours == int(hours) else hours


def precheck(facts: Facts) -> list[Conflict]:
    """The evident reasons the instance has no plan (each one alone proves it)."""
    found = [*_shift_checks(facts), *_kept_checks(facts)]
    # A shift nobody can staff also shows as a capacity gap: name only the shift.
    found = found or list(_capacity_checks(facts))
    return found + list(_oncall_checks(facts))


def _shift_checks(facts: Facts) -> Iterable[Conflict]:
    people = facts.instance.people
    for s, shift in enumerate(facts.instance.shifts):
        if facts.minutes(s) > facts.day_limit:
            yield Conflict(
                "shift_too_long",
                ("H1", "H4"),
                {"shift": shift_ref(facts, s), "limit_hours": _hours(facts.day_limit)},
            )
        elif len(facts.eligible[s]) < shift.required:
            available = [people[p].id for p in facts.eligible[s]]
            yield Conflict(
                "understaffed",
                ("H1", "H2"),
                {"shift": shift_ref(facts, s), "required": shift.required, "available": available},
            )
        if facts.speakers[s] is not None and not facts.speakers[s]:
            yield Conflict(
                "language_gap",
                ("H2", "H7"),
                {"shift": shift_ref(facts, s), "languages": sorted(shift.languages_any or ())},
            )


def _kept_checks(facts: Facts) -> Iterable[Conflict]:
    """Fixed pairs and frozen shifts that break a rule on their own."""
    inst, people = facts.instance, facts.instance.people
    kept: dict[int, dict[int, str]] = defaultdict(dict)  # shift -> person -> fixed/previous
    for s in facts.frozen:
        for p in facts.previous[s]:
            kept[s][p] = "previous"
    for p, s in sorted(facts.fixed, key=lambda pair: pair[::-1]):
        if s in facts.frozen and p not in facts.previous[s]:
            yield Conflict(
                "fixed_vs_previous",
                ("H8", "H9"),
                {"shift": shift_ref(facts, s), "person": people[p].id},
            )
        kept[s].setdefault(p, "fixed")
    by_person: dict[int, list[int]] = defaultdict(list)
    kinds: dict[int, set[str]] = defaultdict(set)
    for s, team in sorted(kept.items()):
        for p, kind in team.items():
            by_person[p].append(s)
            kinds[p].add("H8" if kind == "fixed" else "H9")
            reason = ineligibility(people[p], inst.shifts[s], facts.site_women_only(s))
            if reason is not None:
                rule = "H8" if kind == "fixed" else "H9"
                params: dict[str, Any] = {
                    "shift": shift_ref(facts, s),
                    "site": inst.shifts[s].site,
                    "person": people[p].id,
                    "kind": kind,
                    "reason": reason,
                }
                yield Conflict("kept_ineligible", (rule, "H2"), params)
        required = inst.shifts[s].required
        if len(team) > required or (s in facts.frozen and len(team) != required):
            rules = ("H1", "H9" if s in facts.frozen else "H8")
            names = [people[p].id for p in sorted(team)]
            params = {"shift": shift_ref(facts, s), "required": required, "people": names}
            yield Conflict("kept_count", rules, params)
    for p, mine in sorted(by_person.items()):
        for rule, involved in person_violations(facts, p, mine):
            limits = {
                "H4": _hours(facts.day_limit),
                "H5": _hours(facts.rest),
                "H6": people[p].max_shifts_per_month,
            }
            params = {
                "person": people[p].id,
                "rule": rule,
                "limit": limits.get(rule, 0),
                "shifts": [shift_ref(facts, s) for s in involved],
            }
            yield Conflict("kept_clash", (rule, *sorted(kinds[p])), params)


def _capacity_checks(facts: Facts) -> Iterable[Conflict]:
    """Per site and month: seats against what the monthly caps let people give, and
    shifts needing a language against what the speakers' caps let them give."""
    inst = facts.instance
    groups: dict[tuple[str, tuple[int, int]], list[int]] = defaultdict(list)
    for s, shift in enumerate(inst.shifts):
        groups[shift.site, facts.month[s]].append(s)
    for (site, month), shifts in sorted(groups.items()):
        label = f"{month[0]:04d}-{month[1]:02d}"
        seats = sum(inst.shifts[s].required for s in shifts)
        capacity = _capacity(facts, ((p, s) for s in shifts for p in facts.eligible[s]))
        if capacity < seats:
            params = {"site": site, "month": label, "demand": seats, "capacity": capacity}
            yield Conflict("monthly_capacity", ("H1", "H6"), params)
        needy = [s for s in shifts if facts.speakers[s]]
        capacity = _capacity(facts, ((p, s) for s in needy for p in facts.speakers[s] or ()))
        if capacity < len(needy):
            langs = sorted({lang for s in needy for lang in inst.shifts[s].languages_any or ()})
            params = {
                "site": site,
                "month": label,
                "demand": len(needy),
                "capacity": capacity,
                "languages": langs,
            }
            yield Conflict("language_capacity", ("H6", "H7"), params)


def _capacity(facts: Facts, pairs: Iterable[tuple[int, int]]) -> int:
    count = Counter(p for p, _ in pairs)
    return sum(min(n, facts.instance.people[p].max_shifts_per_month) for p, n in count.items())


def _oncall_checks(facts: Facts) -> Iterable[Conflict]:
    for rota in facts.instance.rotas:
        ok = allowed(rota)
        for g in rota.periods:
            if not ok[g.id]:
                params: dict[str, Any] = {
                    "period": _period_ref(facts, g.id),
                    "members": [m.id for m in rota.members],
                }
                yield Conflict("oncall_all_absent", ("O1", "O2"), params)
        if len(rota.members) == 1 and len(rota.periods) > 1:
            params = {"rota": rota.id, "member": rota.members[0].id, "count": len(rota.periods)}
            yield Conflict("oncall_alone", ("O1", "O3"), params)


def explain(facts: Facts, seconds: float) -> list[Conflict]:
    """A minimal-ish set of rule groups that cannot hold together, found by CP-SAT."""
    deadline = time.monotonic() + seconds
    problem = build_problem(facts, pinned=False)
    shifts = tuple(s for s, cands in enumerate(problem.candidates) if cands)
    people = tuple(sorted({p for s in shifts for p in problem.candidates[s]}))
    conflicts = []
    for built in (
        RotaModel(facts, explain=True),
        PartModel(problem, Part(people, shifts), explain=True),
    ):
        core = _core(built.model, built.groups, deadline)
        if core:
            conflicts.append(_rule_conflict(facts, core))
    return conflicts or [Conflict("no_plan", (), {})]


def _core(model: cp_model.CpModel, groups: Groups, deadline: float) -> list[Key]:
    """Groups that cannot hold together, shrunk by deletion while time allows."""
    core = _try(model, groups, list(groups.literals), deadline)
    if core is None:
        return []
    if len(core) <= MAX_CORE_SHRINK:
        # Deletion: a group whose removal keeps the rest infeasible is not needed.
        for key in list(core):
            if time.monotonic() >= deadline:
                break
            rest = [k for k in core if k != key]
            smaller = _try(model, groups, rest, deadline)
            if smaller is not None:
                core = smaller or rest
    return core


def _try(
    model: cp_model.CpModel, groups: Groups, keys: list[Key], deadline: float
) -> list[Key] | None:
    """The assumptions CP-SAT blames when only `keys` are assumed; None if not infeasible."""
    model.clear_assumptions()
    model.add_assumptions([groups.literals[k] for k in keys])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, deadline - time.monotonic())
    solver.parameters.num_workers = 1  # the core comes from a single search
    if solver.solve(model) != cp_model.INFEASIBLE:
        return None
    return groups.keys_of(solver.sufficient_assumptions_for_infeasibility())


def _rule_conflict(facts: Facts, core: Sequence[Key]) -> Conflict:
    inst, people = facts.instance, facts.instance.people
    items = []
    for key in sorted(core, key=repr):
        rule = key[0]
        item: dict[str, Any] = {"rule": rule}
        if rule in ("H1", "H7", "H8", "H9"):
            s = key[1]
            item["shift"] = shift_ref(facts, s)
            item["required"] = inst.shifts[s].required
            item["languages"] = sorted(inst.shifts[s].languages_any or ())
            if rule == "H8":
                item["person"] = people[key[2]].id
            if rule == "H9":
                item["people"] = sorted(people[p].id for p in facts.previous[s])
        elif rule in ("H4", "H5", "H6"):
            p = key[1]
            item["person"] = people[p].id
            if rule == "H6":
                item["month"] = f"{key[2][0]:04d}-{key[2][1]:02d}"
                item["limit"] = people[p].max_shifts_per_month
            else:
                item["date"] = (inst.period.first + timedelta(days=key[2])).isoformat()
                minutes = facts.day_limit if rule == "H4" else facts.rest
                item["limit_hours"] = _hours(minutes)
        else:
            item["period"] = _period_ref(facts, key[-1])
        items.append(item)
    rules = tuple(sorted({item["rule"] for item in items}))
    return Conflict("rule_conflict", rules, {"items": items})
