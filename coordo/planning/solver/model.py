"""The planning problem and its answer as frozen dataclasses (`coordo.roster/1`).

The web app's fetch step builds an `Instance` from the database (or `parse_instance`
builds one from JSON); `solve` returns a `Solution`. Nothing here knows Django.
Times are local wall-clock times; windows are minutes after midnight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Status = Literal["optimal", "feasible", "infeasible", "unknown"]

WEIGHT_NAMES = (
    "fairness",
    "not_preferred",
    "undesired",
    "split_day",
    "oncall_balance",
    "oncall_weekend_balance",
    "change",
)
DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class Window:
    """A weekly window: `weekday` (0 = Monday), minutes after midnight, end up to 1440."""

    weekday: int
    start: int
    end: int


@dataclass(frozen=True)
class DateRange:
    """Dates `first` to `last`, both inclusive."""

    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True)
class Site:
    id: str
    women_only: bool = False


@dataclass(frozen=True)
class Shift:
    id: str
    site: str
    start: datetime
    end: datetime
    required: int
    languages_any: frozenset[str] | None = None


@dataclass(frozen=True)
class Person:
    id: str
    female: bool
    sites: frozenset[str]
    max_shifts_per_month: int
    languages: frozenset[str]
    available: tuple[Window, ...]
    preferred: tuple[Window, ...] = ()
    undesired: tuple[Window, ...] = ()
    absent: tuple[DateRange, ...] = ()

    def is_absent(self, day: date) -> bool:
        return any(day in r for r in self.absent)


@dataclass(frozen=True)
class Member:
    """A coordinator who can hold on-call periods of a rota."""

    id: str
    absent: tuple[DateRange, ...] = ()

    def is_absent(self, day: date) -> bool:
        return any(day in r for r in self.absent)


@dataclass(frozen=True)
class Period:
    id: str
    start: datetime
    end: datetime
    weekend: bool


@dataclass(frozen=True)
class Rota:
    """An on-call rota; `periods` are ordered by start (O3 reads them in this order)."""

    id: str
    members: tuple[Member, ...]
    periods: tuple[Period, ...]


@dataclass(frozen=True)
class Weights:
    fairness: int
    not_preferred: int
    undesired: int
    split_day: int
    oncall_balance: int
    oncall_weekend_balance: int
    change: int


@dataclass(frozen=True)
class Rules:
    max_hours_per_day: float
    min_overnight_rest_hours: float
    split_gap_hours: float
    weights: Weights


@dataclass(frozen=True)
class FixedPair:
    shift: str
    person: str


@dataclass(frozen=True)
class Assignment:
    """The people on one shift."""

    shift: str
    people: tuple[str, ...]


@dataclass(frozen=True)
class OnCallAssignment:
    period: str
    person: str


@dataclass(frozen=True)
class Previous:
    """The published plan: shifts starting before `start` are frozen (H9)."""

    start: datetime
    assignments: tuple[Assignment, ...]


@dataclass(frozen=True)
class Instance:
    name: str
    period: DateRange
    rules: Rules
    sites: tuple[Site, ...]
    shifts: tuple[Shift, ...]
    people: tuple[Person, ...]
    rotas: tuple[Rota, ...] = ()
    fixed: tuple[FixedPair, ...] = ()
    previous: Previous | None = None


@dataclass(frozen=True)
class Conflict:
    """One reason the plan is impossible, as data: `render_conflict` puts it in words.

    `code` names the kind of reason, `rules` the hard rules involved (H1…O3) and
    `params` the facts, JSON-ready (times as `YYYY-MM-DDTHH:MM` strings), so that the
    web app can render it in the reader's language long after the solve.
    """

    code: str
    rules: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Progress:
    """The best complete plan so far, reported while the search runs."""

    elapsed: float
    objective: int
    bound: int | None
    assignments: tuple[Assignment, ...]
    oncall: tuple[OnCallAssignment, ...]


@dataclass(frozen=True)
class Solution:
    instance: str
    status: Status
    objective: int | None
    bound: int | None
    solve_seconds: float
    assignments: tuple[Assignment, ...] = ()
    oncall: tuple[OnCallAssignment, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    # The weighted soft terms of `objective`, by weight name.
    terms: Mapping[str, int] = field(default_factory=dict)
    # Seconds until the first complete plan that breaks no hard rule.
    first_solution_seconds: float | None = None
