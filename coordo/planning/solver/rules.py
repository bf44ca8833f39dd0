"""The rules of `coordo.roster/1`, derived once per instance in integer form.

Eligibility, fairness targets and the soft terms follow the reference scorer
(`formats/roster_rules.py`) exactly; `evaluate` scores a plan the same way, so the
objective a solve reports is the one the reference computes.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .model import DAY_MINUTES, WEIGHT_NAMES, Instance, Period, Person, Shift, Window

# Why a person cannot take a shift; the explanation catalogue has words for each.
NOT_AT_SITE = "site"
WOMEN_ONLY = "women_only"
NOT_AVAILABLE = "unavailable"
ABSENT = "absent"


def minutes(span: Shift | Period) -> int:
    return int((span.end - span.start).total_seconds()) // 60


Slot = tuple[int, int, int]  # weekday, start and end in minutes after midnight


def slot(shift: Shift) -> Slot:
    start = shift.start.hour * 60 + shift.start.minute
    return shift.start.weekday(), start, start + minutes(shift)


def holds(windows: Iterable[Window], at: Slot) -> bool:
    """Some window has the weekday of the shift's start date and holds the shift wholly."""
    weekday, start, end = at
    return any(w.weekday == weekday and w.start <= start and end <= w.end for w in windows)


def ineligibility(
    person: Person, shift: Shift, women_only: bool, at: Slot | None = None
) -> str | None:
    """Why `person` may not take `shift` (one of the reason codes above), or None.

    `women_only` is the flag of the shift's site; `at` its slot, when already known.
    """
    if shift.site not in person.sites:
        return NOT_AT_SITE
    if women_only and not person.female:
        return WOMEN_ONLY
    if not holds(person.available, at or slot(shift)):
        return NOT_AVAILABLE
    if person.is_absent(shift.start.date()):
        return ABSENT
    return None


def touched(period: Period) -> tuple[date, ...]:
    """The dates d with start.date <= d < end.date (a period within one date touches none)."""
    first = period.start.date()
    return tuple(first + timedelta(days=k) for k in range((period.end.date() - first).days))


@dataclass(frozen=True)
class Facts:
    """Integer views of an instance that every solver step reads in its inner loops.

    Shifts and people are referred to by their position in the instance; times are
    minutes after 00:00 of the period's first date; pairs are (person, shift).
    """

    instance: Instance
    weights: Mapping[str, int]
    slot: tuple[Slot, ...]
    start: tuple[int, ...]
    end: tuple[int, ...]
    day: tuple[int, ...]  # days after period.first
    month: tuple[tuple[int, int], ...]
    eligible: tuple[tuple[int, ...], ...]  # per shift, in file order
    speakers: tuple[frozenset[int] | None, ...]  # eligible speakers; None: no language need
    pair_cost: Mapping[tuple[int, int], int]  # eligible pair -> not_preferred + undesired
    targets: tuple[int, ...]
    day_limit: int  # minutes one may work on a date (H4)
    rest: int  # a gap between two dates shorter than this breaks H5
    split_gap: int  # an idle gap this long makes a split day
    fixed: frozenset[tuple[int, int]]
    frozen: frozenset[int]  # shifts starting before previous.from (H9)
    previous: Mapping[int, frozenset[int]]  # shift -> its people in the previous plan
    replannable: tuple[frozenset[int], ...]  # per person: previous shifts not frozen (change)
    women_only: Mapping[str, bool]
    shift_index: Mapping[str, int]
    person_index: Mapping[str, int]

    def minutes(self, s: int) -> int:
        return self.end[s] - self.start[s]

    def site_women_only(self, s: int) -> bool:
        return self.women_only[self.instance.shifts[s].site]


def derive(instance: Instance) -> Facts:
    rules, w = instance.rules, instance.rules.weights
    first = instance.period.first
    women_only = {site.id: site.women_only for site in instance.sites}
    starts, days, months = [], [], []
    for shift in instance.shifts:
        day = (shift.start.date() - first).days
        starts.append(day * DAY_MINUTES + shift.start.hour * 60 + shift.start.minute)
        days.append(day)
        months.append((shift.start.year, shift.start.month))
    by_site: dict[str, list[int]] = defaultdict(list)
    for p, person in enumerate(instance.people):
        for site in person.sites:
            by_site[site].append(p)
    eligible, speakers = [], []
    slots = tuple(slot(shift) for shift in instance.shifts)
    pair_cost: dict[tuple[int, int], int] = {}
    for s, shift in enumerate(instance.shifts):
        at = slots[s]
        ok = tuple(
            p
            for p in sorted(by_site[shift.site])
            if ineligibility(instance.people[p], shift, women_only[shift.site], at) is None
        )
        eligible.append(ok)
        langs = shift.languages_any
        speakers.append(
            None
            if langs is None
            else frozenset(p for p in ok if not instance.people[p].languages.isdisjoint(langs))
        )
        for p in ok:
            person = instance.people[p]
            pair_cost[p, s] = w.not_preferred * (not holds(person.preferred, at)) + (
                w.undesired * holds(person.undesired, at)
            )
    shift_index = {s.id: i for i, s in enumerate(instance.shifts)}
    person_index = {p.id: i for i, p in enumerate(instance.people)}
    previous, frozen = {}, set()
    replannable: list[set[int]] = [set() for _ in instance.people]
    if instance.previous is not None:
        for a in instance.previous.assignments:
            s = shift_index[a.shift]
            previous[s] = frozenset(person_index[pid] for pid in a.people)
            if instance.shifts[s].start < instance.previous.start:
                frozen.add(s)
            else:
                for p in previous[s]:
                    replannable[p].add(s)
    return Facts(
        instance=instance,
        weights={name: getattr(w, name) for name in WEIGHT_NAMES},
        slot=slots,
        start=tuple(starts),
        end=tuple(start + minutes(s) for start, s in zip(starts, instance.shifts, strict=True)),
        day=tuple(days),
        month=tuple(months),
        eligible=tuple(eligible),
        speakers=tuple(speakers),
        pair_cost=pair_cost,
        targets=fairness_targets(instance, eligible, months),
        day_limit=math.floor(rules.max_hours_per_day * 60),
        rest=math.ceil(rules.min_overnight_rest_hours * 60),
        split_gap=math.ceil(rules.split_gap_hours * 60),
        fixed=frozenset((person_index[f.person], shift_index[f.shift]) for f in instance.fixed),
        frozen=frozenset(frozen),
        previous=previous,
        replannable=tuple(frozenset(r) for r in replannable),
        women_only=women_only,
        shift_index=shift_index,
        person_index=person_index,
    )


def fairness_targets(
    instance: Instance, eligible: Sequence[Iterable[int]], months: Sequence[tuple[int, int]]
) -> tuple[int, ...]:
    """t_p = floor((20·R·e_p + E) / (2·E)): ten times p's fair share, rounded half up.

    e_p sums, over months, min(monthly cap, shifts that month p is eligible for).
    """
    per_month: list[Counter[tuple[int, int]]] = [Counter() for _ in instance.people]
    for s, ok in enumerate(eligible):
        for p in ok:
            per_month[p][months[s]] += 1
    e = [
        sum(min(person.max_shifts_per_month, n) for n in per_month[p].values())
        for p, person in enumerate(instance.people)
    ]
    seats, total = sum(s.required for s in instance.shifts), sum(e)
    if total == 0:
        return tuple(0 for _ in e)
    return tuple((20 * seats * ep + total) // (2 * total) for ep in e)


def is_split(spans: Iterable[tuple[int, int]], gap: int) -> bool:
    """True when the (start, end) spans of one date leave an idle gap of at least `gap`."""
    busy_until: int | None = None
    for start, end in sorted(spans):
        if busy_until is not None and start - busy_until >= gap:
            return True
        busy_until = end if busy_until is None else max(busy_until, end)
    return False


def person_terms(facts: Facts, p: int, mine: Collection[int]) -> Counter[str]:
    """The raw soft terms that person p's shifts `mine` cause (all but on-call)."""
    person = facts.instance.people[p]
    raw: Counter[str] = Counter()
    by_day: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for s in mine:
        by_day[facts.day[s]].append((facts.start[s], facts.end[s]))
        raw["not_preferred"] += not holds(person.preferred, facts.slot[s])
        raw["undesired"] += holds(person.undesired, facts.slot[s])
    raw["split_day"] = sum(is_split(spans, facts.split_gap) for spans in by_day.values())
    raw["fairness"] = abs(10 * len(mine) - facts.targets[p])
    raw["change"] = len(facts.replannable[p].difference(mine))
    return raw


def weighted(facts: Facts, raw: Mapping[str, int]) -> int:
    return sum(facts.weights[name] * raw.get(name, 0) for name in WEIGHT_NAMES)


def person_violations(facts: Facts, p: int, mine: Collection[int]) -> list[tuple[str, list[int]]]:
    """H3–H6 for one person's shifts: (rule, the shifts that break it together)."""
    broken = []
    by_day: dict[int, list[int]] = defaultdict(list)
    for s in sorted(mine, key=lambda s: facts.start[s]):
        by_day[facts.day[s]].append(s)
    for day, todays in sorted(by_day.items()):
        if any(facts.start[b] < facts.end[a] for a, b in zip(todays, todays[1:], strict=False)):
            broken.append(("H3", todays))
        if sum(facts.minutes(s) for s in todays) > facts.day_limit:
            broken.append(("H4", todays))
        tomorrow = by_day.get(day + 1)
        if tomorrow and facts.start[tomorrow[0]] - max(facts.end[s] for s in todays) < facts.rest:
            broken.append(("H5", todays + tomorrow))
    cap = facts.instance.people[p].max_shifts_per_month
    by_month: dict[tuple[int, int], list[int]] = defaultdict(list)
    for s in sorted(mine):
        by_month[facts.month[s]].append(s)
    broken += [("H6", shifts) for shifts in by_month.values() if len(shifts) > cap]
    return broken


def oncall_terms(facts: Facts, holders: Mapping[str, str]) -> Counter[str]:
    """The raw on-call balance terms of an assignment period id -> member."""
    raw: Counter[str] = Counter()
    for rota in facts.instance.rotas:
        size = len(rota.members)
        days: Counter[str] = Counter()
        weekends: Counter[str] = Counter()
        for g in rota.periods:
            if g.id in holders:
                days[holders[g.id]] += len(touched(g))
                weekends[holders[g.id]] += g.weekend
        total_days = sum(len(touched(g)) for g in rota.periods)
        total_weekends = sum(g.weekend for g in rota.periods)
        raw["oncall_balance"] += sum(abs(size * days[m.id] - total_days) for m in rota.members)
        raw["oncall_weekend_balance"] += sum(
            abs(size * weekends[m.id] - total_weekends) for m in rota.members
        )
    return raw


def oncall_violations(facts: Facts, holders: Mapping[str, str]) -> list[str]:
    broken = []
    for rota in facts.instance.rotas:
        members = {m.id: m for m in rota.members}
        before = None
        for g in rota.periods:
            holder = holders.get(g.id)
            if holder not in members:
                broken.append(f"O1: {g.id} has no member of {rota.id}")
            elif any(members[holder].is_absent(d) for d in touched(g)):
                broken.append(f"O2: {holder} is absent during {g.id}")
            if holder is not None and holder == before:
                broken.append(f"O3: {holder} holds {g.id} and the period before")
            before = holder
    return broken


@dataclass(frozen=True)
class Score:
    objective: int
    terms: Mapping[str, int]  # weighted, by weight name
    violations: tuple[str, ...]  # hard rules broken, as `code: detail`


def evaluate(
    facts: Facts, plan: Mapping[int, Collection[int]], holders: Mapping[str, str]
) -> Score:
    """Scores a plan (shift -> people, period id -> member) as the reference does."""
    shifts, people = facts.instance.shifts, facts.instance.people
    broken: list[str] = []
    work: dict[int, list[int]] = defaultdict(list)
    for s, shift in enumerate(shifts):
        team = set(plan.get(s, ()))
        if len(team) != shift.required:
            broken.append(f"H1: {shift.id} has {len(team)} people for {shift.required}")
        langs = shift.languages_any
        if langs is not None and all(people[p].languages.isdisjoint(langs) for p in team):
            broken.append(f"H7: {shift.id} has no speaker")
        if s in facts.frozen and team != facts.previous[s]:
            broken.append(f"H9: {shift.id} differs from the previous plan")
        for p in team:
            if (p, s) not in facts.pair_cost:
                broken.append(f"H2: {facts.instance.people[p].id} may not take {shift.id}")
            work[p].append(s)
    broken += [
        f"H8: {shifts[s].id} lacks a fixed person"
        for p, s in facts.fixed
        if p not in plan.get(s, ())
    ]
    raw: Counter[str] = oncall_terms(facts, holders)
    for p in range(len(facts.instance.people)):
        mine = work.get(p, [])
        pid = facts.instance.people[p].id
        broken += [
            f"{rule}: {pid} on {', '.join(shifts[s].id for s in involved)}"
            for rule, involved in person_violations(facts, p, mine)
        ]
        raw.update(person_terms(facts, p, mine))
    broken += oncall_violations(facts, holders)
    terms = {name: facts.weights[name] * raw[name] for name in WEIGHT_NAMES}
    return Score(sum(terms.values()), terms, tuple(broken))
