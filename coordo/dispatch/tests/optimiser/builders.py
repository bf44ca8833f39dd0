"""Small hand-made `coordo.dispatch/1` documents for the optimiser's tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from coordo.dispatch.optimiser import Solution, optimise, parse_instance

DATE = "2026-11-23"
WEIGHTS = {"school_language": 10, "family_link": 8, "region": 3}
REPO_ROOT = Path(__file__).resolve().parents[4]


def shared_dir() -> Path:
    """The shared formats and examples: $COORDO_SHARED, else <repo root>/../shared."""
    return Path(os.environ.get("COORDO_SHARED", REPO_ROOT.parent / "shared"))


def unit(uid: str, kind: str = "shared", beds: int = 4, free: int | None = None, **flags: bool):
    return {
        "id": uid,
        "kind": kind,
        "beds": beds,
        "free": beds if free is None else free,
        "women_only": flags.get("women_only", False),
        "medical": flags.get("medical", False),
        "accessible": flags.get("accessible", False),
        "minors": flags.get("minors", False),
    }


def centre(
    cid: str, units: list[dict], *, region: str = "brussels", language: str = "fr", intake: int = 20
) -> dict[str, Any]:
    return {
        "id": cid,
        "region": region,
        "language": language,
        "daily_intake": intake,
        "units": units,
    }


def person(age: int = 30, sex: str = "M", school_language: str | None = None) -> dict[str, Any]:
    member: dict[str, Any] = {"age": age, "sex": sex}
    if school_language is not None:
        member["school_language"] = school_language
    return member


def household(
    hid: str,
    members: list[dict] | None = None,
    *,
    registered: str = "2026-11-20",
    vulnerable: bool = False,
    flags: list[str] | None = None,
    medical: bool = False,
    accessible: bool = False,
    women_only: bool = False,
    minor: bool = False,
    region: str | None = None,
    family_centre: str | None = None,
    exclude: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": hid,
        "registered": registered,
        "members": members or [person()],
        "vulnerable": vulnerable,
        "flags": flags or [],
        "needs": {"medical": medical, "accessible": accessible, "women_only": women_only},
        "unaccompanied_minor": minor,
        "region": region,
        "family_centre": family_centre,
        "exclude_centres": exclude or [],
    }


def document(
    centres: list[dict],
    households: list[dict],
    *,
    name: str = "test",
    weights: dict[str, int] | None = None,
) -> dict[str, Any]:
    return {
        "format": "coordo.dispatch/1",
        "name": name,
        "date": DATE,
        "weights": dict(weights or WEIGHTS),
        "centres": centres,
        "households": households,
    }


def solve(doc: dict[str, Any], time_limit: float = 10.0) -> Solution:
    return optimise(parse_instance(doc), time_limit=time_limit)


def placed(solution: Solution) -> dict[str, str]:
    return {p.household: p.unit for p in solution.placements}


def unplaced(solution: Solution) -> dict[str, str]:
    return {u.household: u.reason for u in solution.unplaced}
