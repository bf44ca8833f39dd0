"""Why each household got its unit, as facts (`Explanation`) and as words.

The facts are computed per group, not per household: the counts of units each
rule excluded, the eligible units (dispatch.md: units with room today passing
D2-D7 and D9 in a centre whose daily intake is at least the household's size)
and the lowest penalty the household could have had today.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

from .aggregate import Aggregation, IndexPlan
from .messages import catalogue, flag_label, region_label
from .model import Explanation, Household, Need, Profile, Refusal
from .rules import STRUCTURAL_CODES, type_violations

_REASON_ORDER = (*STRUCTURAL_CODES, "intake", "full")
_UNIT_FLAGS = ("women_only", "medical", "accessible", "minors")
MAX_REASONS = 3
MAX_CLOSEST = 3
MAX_CENTRES = 3  # centres a refusal names, best match first
ALL_CENTRES = -1


@dataclass(frozen=True)
class _GroupFacts:
    eligible_units: int
    excluded: tuple[tuple[str, int], ...]
    best_penalty: int
    best_centre: str | None


class _TypeFacts:
    """Unit counts per exclusion reason for one household type, D9 aside."""

    def __init__(self, agg: Aggregation, t: int) -> None:
        rep = agg.types[t].household
        self.counts: Counter[str] = Counter()
        self.by_centre: dict[int, Counter[str]] = {}  # units that pass D2-D7, per centre
        for cls in agg.classes:
            codes = type_violations(rep, cls.unit)
            if codes:
                self.counts[codes[0]] += len(cls.units)
                continue
            here = self.by_centre.setdefault(cls.centre, Counter())
            if agg.instance.centres[cls.centre].daily_intake < rep.size:
                here["intake"] += len(cls.units)
            else:
                here["full"] += len(cls.units) - len(cls.with_room)
                here["eligible"] += len(cls.with_room)


def explain_plan(agg: Aggregation, plan: IndexPlan) -> dict[int, Explanation]:
    """household index -> Explanation, for every placed household."""
    capacity = [cls.capacity for cls in agg.classes]
    intake = [centre.daily_intake for centre in agg.instance.centres]
    for i, u in plan.items():
        capacity[agg.class_of[u]] -= 1
        intake[agg.units[u][0]] -= agg.instance.households[i].size
    type_facts: dict[int, _TypeFacts] = {}
    group_facts: dict[int, _GroupFacts] = {}
    result: dict[int, Explanation] = {}
    for i, u in sorted(plan.items()):
        g = agg.group_of[i]
        if g not in group_facts:
            t = agg.groups[g].type
            if t not in type_facts:
                type_facts[t] = _TypeFacts(agg, t)
            group_facts[g] = _group_facts(agg, g, type_facts[t])
        facts = group_facts[g]
        c = agg.units[u][0]
        penalty = agg.penalty(g, c)
        size = agg.groups[g].size
        better_left_free = penalty.total > facts.best_penalty and any(
            agg.penalty(g, agg.classes[k].centre).total < penalty.total
            and capacity[k] > 0
            and intake[agg.classes[k].centre] >= size
            for k in agg.usable_classes(g)
        )
        result[i] = _explanation(agg, i, u, facts, better_left_free)
    return result


def _group_facts(agg: Aggregation, g: int, facts: _TypeFacts) -> _GroupFacts:
    group = agg.groups[g]
    counts = Counter(facts.counts)
    eligible = 0
    for c, here in facts.by_centre.items():
        if c in group.excluded:
            counts["D9"] += sum(here.values())
        else:
            eligible += here["eligible"]
            counts["intake"] += here["intake"]
            counts["full"] += here["full"]
    reasons = sorted(
        ((code, n) for code, n in counts.items() if n > 0),
        key=lambda item: (-item[1], _REASON_ORDER.index(item[0])),
    )
    usable = agg.usable_classes(g)
    best_centre: str | None = None
    best_penalty = 0
    if usable:
        best = min(usable, key=lambda k: (agg.penalty(g, agg.classes[k].centre).total, k))
        best_penalty = agg.penalty(g, agg.classes[best].centre).total
        best_centre = agg.instance.centres[agg.classes[best].centre].id
    return _GroupFacts(eligible, tuple(reasons), best_penalty, best_centre)


def _explanation(
    agg: Aggregation, i: int, u: int, facts: _GroupFacts, better_left_free: bool
) -> Explanation:
    household = agg.instance.households[i]
    c, unit = agg.units[u]
    centre = agg.instance.centres[c]
    profile: Profile
    if household.size > 1:
        profile = "minors" if household.unaccompanied_minor else "family"
    elif household.unaccompanied_minor:
        profile = "minor"
    else:
        sex = household.members[0].sex
        profile = "single_man" if sex == "M" else "single_woman" if sex == "F" else "single_person"
    return Explanation(
        penalty=agg.penalty(agg.group_of[i], c),
        eligible_units=facts.eligible_units,
        total_units=len(agg.units),
        excluded=facts.excluded,
        best_penalty=facts.best_penalty,
        best_centre=facts.best_centre,
        better_left_free=better_left_free,
        profile=profile,
        size=household.size,
        age=max(m.age for m in household.members),
        vulnerable=household.vulnerable,
        flags=household.flags,
        unit=unit.id,
        unit_kind=unit.kind,
        beds=unit.beds,
        unit_flags=tuple(f for f in _UNIT_FLAGS if getattr(unit, f)),
        centre=centre.id,
        centre_region=centre.region,
        centre_language=centre.language,
        other_school_languages=tuple(
            sorted(
                {
                    m.school_language
                    for m in household.members
                    if m.school_language is not None and m.school_language != centre.language
                }
            )
        ),
        family_centre=household.family_centre,
        region=household.region,
        needs=needs_of(household),
        school_languages=tuple(
            sorted({m.school_language for m in household.members if m.school_language})
        ),
    )


def needs_of(household: Household) -> tuple[Need, ...]:
    needs: list[Need] = []
    if household.needs.medical:
        needs.append("medical")
    if household.needs.accessible:
        needs.append("accessible")
    if household.needs.women_only:
        needs.append("women_only")
    if household.unaccompanied_minor:
        needs.append("minor")
    return tuple(needs)


def explain_unplaced(agg: Aggregation, plan: IndexPlan) -> dict[int, Refusal]:
    """household index -> Refusal, for every household the plan leaves out.

    Counted per group and unit class, like the placements' facts: households of a
    group are refused for the same reasons."""
    capacity = [cls.capacity for cls in agg.classes]
    intake = [centre.daily_intake for centre in agg.instance.centres]
    for i, u in plan.items():
        capacity[agg.class_of[u]] -= 1
        intake[agg.units[u][0]] -= agg.instance.households[i].size
    by_type: dict[int, dict[int, Counter[str]]] = {}
    facts: dict[int, Refusal] = {}
    result: dict[int, Refusal] = {}
    for i in range(len(agg.instance.households)):
        if i in plan:
            continue
        g = agg.group_of[i]
        if g not in facts:
            t = agg.groups[g].type
            if not agg.has_eligible_unit(g):
                facts[g] = _no_unit_refusal(agg, g)
            else:
                if t not in by_type:
                    by_type[t] = _room_by_centre(agg, t, capacity, intake)
                facts[g] = _capacity_refusal(agg, g, by_type[t])
        result[i] = facts[g]
    return result


def _room_by_centre(
    agg: Aggregation, t: int, capacity: list[int], intake_left: list[int]
) -> dict[int, Counter[str]]:
    """Per centre, what became of the units passing D2-D7 for household type `t`; the
    network's sum under `ALL_CENTRES`."""
    size = agg.types[t].size
    by_centre: dict[int, Counter[str]] = {}
    for k in agg.types[t].classes:
        cls = agg.classes[k]
        counts = by_centre.setdefault(cls.centre, Counter())
        room = len(cls.with_room)
        counts["suitable"] += len(cls.units)
        counts["full"] += len(cls.units) - room
        if agg.instance.centres[cls.centre].daily_intake < size:
            counts["intake"] += room
        elif capacity[k] <= 0:
            counts["taken"] += room
        elif intake_left[cls.centre] < size:
            counts["intake"] += room
        else:
            counts["left"] += room
    total: Counter[str] = Counter()
    for here in by_centre.values():
        total.update(here)
    by_centre[ALL_CENTRES] = total
    return by_centre


def _capacity_refusal(agg: Aggregation, g: int, by_centre: dict[int, Counter[str]]) -> Refusal:
    group = agg.groups[g]
    counts = Counter(by_centre[ALL_CENTRES])
    for c in group.excluded:
        counts.subtract(by_centre.get(c, Counter()))
    centres = [c for c in by_centre if c not in group.excluded and c != ALL_CENTRES]
    best = heapq.nsmallest(
        MAX_CENTRES, centres, key=lambda c: (agg.penalty(g, c).total, agg.instance.centres[c].id)
    )
    return Refusal(
        reason="capacity",
        size=group.size,
        needs=needs_of(group.household),
        suitable_units=counts["suitable"],
        full=counts["full"],
        intake=counts["intake"],
        taken=counts["taken"],
        left=counts["left"],
        centres=tuple(agg.instance.centres[c].id for c in best),
        centre_count=len(centres),
    )


def _no_unit_refusal(agg: Aggregation, g: int) -> Refusal:
    group = agg.groups[g]
    rep = group.household
    broken: Counter[tuple[str, ...]] = Counter()
    largest: dict[tuple[str, ...], int] = {}
    for cls in agg.classes:
        codes = type_violations(rep, cls.unit) + (("D9",) if cls.centre in group.excluded else ())
        broken[codes] += len(cls.units)
        if cls.unit.kind == "private":
            largest[codes] = max(largest.get(codes, 0), cls.unit.beds)
    closest: list[tuple[str, ...]] = []
    if broken:
        fewest = min(len(codes) for codes in broken)
        closest = sorted(
            (codes for codes in broken if len(codes) == fewest),
            key=lambda codes: (-broken[codes], codes),
        )[:MAX_CLOSEST]
    return Refusal(
        reason="no_eligible_unit",
        size=group.size,
        needs=needs_of(rep),
        closest=tuple(closest),
        largest_beds=largest.get(("D2",)),
    )


def render(explanation: Explanation, language: str = "en") -> str:
    """One or two sentences for the dispatcher, in "en", "fr" or "nl"."""
    m = catalogue(language)
    e = explanation
    who = m[f"who.{e.profile}"].format(age=e.age, size=e.size)
    if e.vulnerable:
        flags = ", ".join(flag_label(f, language) for f in e.flags)
        who = m["who.vulnerable_flags" if flags else "who.vulnerable"].format(who=who, flags=flags)
    unit_desc = m["unit.private_one" if e.beds == 1 else "unit.private"].format(beds=e.beds)
    if e.unit_kind == "shared":
        unit_desc = m["unit.shared"]
    unit_desc = ", ".join([unit_desc, *(m[f"flag.{f}"] for f in e.unit_flags)])
    if e.eligible_units == 1:
        eligibility = m["eligible.one"]
    else:
        eligibility = m["eligible.many"].format(count=e.eligible_units, total=e.total_units)
    others = ""
    if e.excluded:
        reasons = [
            m[_reason_key(code, e.profile)].format(n=n) for code, n in e.excluded[:MAX_REASONS]
        ]
        others = m["others"].format(reasons=", ".join(reasons))
    first = m["placed"].format(
        who=who,
        unit_desc=unit_desc,
        unit=e.unit,
        centre=e.centre,
        region=region_label(e.centre_region, language),
        language=e.centre_language,
        eligibility=eligibility,
        others=others,
    )
    return f"{first} {_penalty_sentence(e, language)}"


def _reason_key(code: str, profile: str) -> str:
    if code == "D7" and profile not in ("minor", "minors"):
        return "reason.D7_reserved"
    return f"reason.{code}"


def _penalty_sentence(e: Explanation, language: str) -> str:
    m = catalogue(language)
    parts = []
    if e.penalty.school_language:
        parts.append(
            m["penalty.school_language"].format(
                languages=", ".join(e.other_school_languages),
                language=e.centre_language,
                points=e.penalty.school_language,
            )
        )
    if e.penalty.family_link:
        parts.append(
            m["penalty.family_link"].format(
                family_centre=e.family_centre, points=e.penalty.family_link
            )
        )
    if e.penalty.region:
        parts.append(
            m["penalty.region"].format(
                region=region_label(e.region or "", language),
                centre_region=region_label(e.centre_region, language),
                points=e.penalty.region,
            )
        )
    if not parts:
        parts.append(m["penalty.none"])
    if e.penalty.total > e.best_penalty:
        key = "tradeoff.left_free" if e.better_left_free else "tradeoff.taken"
        parts.append(m[key].format(best=e.best_penalty, best_centre=e.best_centre))
    elif e.penalty.total > 0:
        parts.append(m["tradeoff.lowest"])
    text = m["join"].join(parts)
    return text[0].upper() + text[1:] + "."
