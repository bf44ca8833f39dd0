"""Frozen dataclasses for `coordo.dispatch/1` instances and their solutions.

The web app's fetch step builds an `Instance` from the database; the command line
builds it from JSON with `parse.parse_instance`. Nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

ADULT_AGE = 18

UnitKind = Literal["private", "shared"]
Stage = Literal["V", "P", "W", "Q"]
UnplacedReason = Literal["no_eligible_unit", "capacity"]
Status = Literal["optimal", "feasible"]
Profile = Literal["single_man", "single_woman", "single_person", "minor", "minors", "family"]
# What a household needs of a unit, by name: "medical", "accessible", "women_only", "minor".
Need = Literal["medical", "accessible", "women_only", "minor"]
STAGES: tuple[Stage, ...] = ("V", "P", "W", "Q")


@dataclass(frozen=True)
class Weights:
    school_language: int
    family_link: int
    region: int


@dataclass(frozen=True)
class Unit:
    id: str
    kind: UnitKind
    beds: int
    free: int
    women_only: bool
    medical: bool
    accessible: bool
    minors: bool

    @property
    def has_room(self) -> bool:
        """Could it take a household today (D2: only an empty private unit)?"""
        return self.free == self.beds if self.kind == "private" else self.free >= 1


@dataclass(frozen=True)
class Centre:
    id: str
    region: str
    language: str
    daily_intake: int
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Member:
    age: int
    sex: Literal["F", "M", "X"]
    school_language: str | None = None


@dataclass(frozen=True)
class Needs:
    medical: bool = False
    accessible: bool = False
    women_only: bool = False


@dataclass(frozen=True)
class Household:
    id: str
    registered: date
    members: tuple[Member, ...]
    vulnerable: bool
    flags: tuple[str, ...]
    needs: Needs
    unaccompanied_minor: bool
    region: str | None
    family_centre: str | None
    exclude_centres: frozenset[str]

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def has_adult_male(self) -> bool:
        return any(m.sex == "M" and m.age >= ADULT_AGE for m in self.members)


@dataclass(frozen=True)
class Instance:
    name: str
    date: date
    weights: Weights
    centres: tuple[Centre, ...]
    households: tuple[Household, ...]

    def waiting_days(self, household: Household) -> int:
        return (self.date - household.registered).days


@dataclass(frozen=True)
class Score:
    """The objective levels; compare solutions with `key` (greater is better)."""

    V: int = 0
    P: int = 0
    W: int = 0
    Q: int = 0

    @property
    def key(self) -> tuple[int, int, int, int]:
        return (self.V, self.P, self.W, -self.Q)

    def as_dict(self) -> dict[str, int]:
        return {"V": self.V, "P": self.P, "W": self.W, "Q": self.Q}


@dataclass(frozen=True)
class Penalty:
    """One household's contribution to Q, term by term."""

    school_language: int = 0
    family_link: int = 0
    region: int = 0

    @property
    def total(self) -> int:
        return self.school_language + self.family_link + self.region

    def as_dict(self) -> dict[str, int]:
        return {
            "school_language": self.school_language,
            "family_link": self.family_link,
            "region": self.region,
        }


@dataclass(frozen=True)
class Explanation:
    """Why a household got its unit, as facts; `explain.render` words it.

    `excluded` counts, per reason, the other units of the network that this
    household could not take today: a rule code (D2..D9, first failing rule),
    "full" (no room today) or "intake" (its centre's daily intake is below the
    household's size). Largest count first."""

    penalty: Penalty
    eligible_units: int
    total_units: int
    excluded: tuple[tuple[str, int], ...]
    best_penalty: int
    best_centre: str | None
    better_left_free: bool
    # What the text needs to describe the household and the unit.
    profile: Profile
    size: int
    age: int
    vulnerable: bool
    flags: tuple[str, ...]
    unit: str
    unit_kind: UnitKind
    beds: int
    unit_flags: tuple[str, ...]
    centre: str
    centre_region: str
    centre_language: str
    other_school_languages: tuple[str, ...]
    family_centre: str | None
    region: str | None
    needs: tuple[Need, ...] = ()
    school_languages: tuple[str, ...] = ()  # every member's, the centre's language or not


@dataclass(frozen=True)
class Refusal:
    """Why a household is unplaced, as facts a page can word.

    `capacity`: `suitable_units` pass D2-D7 and D9 for it; of them `full` had no
    room today, `intake` sit in centres whose intake left (today, or once the
    plan's other households are in) is below its size, `taken` went to other
    households, `left` still had room (the search stopped before using it).
    `centres` names the (at most three) best-matching of the `centre_count`
    centres with suitable units.
    `no_eligible_unit`: `closest` are the sets of rules the nearest units break
    (the fewest codes; the most common set first, at most three sets), and
    `largest_beds` the largest unit whose only problem is its size (D2)."""

    reason: UnplacedReason
    size: int
    needs: tuple[Need, ...]
    suitable_units: int = 0
    full: int = 0
    intake: int = 0
    taken: int = 0
    left: int = 0
    centres: tuple[str, ...] = ()
    centre_count: int = 0
    closest: tuple[tuple[str, ...], ...] = ()
    largest_beds: int | None = None


@dataclass(frozen=True)
class Placement:
    household: str
    unit: str
    centre: str
    explanation: Explanation


@dataclass(frozen=True)
class Unplaced:
    household: str
    reason: UnplacedReason
    why: Refusal | None = None


@dataclass(frozen=True)
class StageResult:
    """One level of the lexicographic solve."""

    stage: Stage
    value: int
    bound: int | None  # the best value the level could reach, when known
    proven: bool
    seconds: float


@dataclass(frozen=True)
class Solution:
    instance: str
    status: Status
    score: Score
    solve_seconds: float
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    stages: tuple[StageResult, ...] = ()
    greedy_score: Score | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class Progress:
    """Reported while solving; `score` is the best complete plan known so far."""

    stage: Stage
    elapsed: float
    score: Score
    stage_done: bool = False
