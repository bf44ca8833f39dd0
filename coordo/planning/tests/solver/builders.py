"""Small `coordo.roster/1` documents for the solver tests, as plain dicts.

The week is Monday 2 to Sunday 8 March 2026 at one site, "delta". Every weight is 0
unless a test sets it, so each test's objective can be computed by hand.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from coordo.planning.solver.model import WEIGHT_NAMES as WEIGHTS

DAYS = {
    name: f"2026-03-{2 + k:02d}"
    for k, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}


def shared_dir() -> Path:
    """`formats/` and its examples: $COORDO_SHARED, else `<repo root>/../shared`."""
    default = Path(__file__).resolve().parents[4].parent / "shared"
    return Path(os.environ.get("COORDO_SHARED", default))


def shift(
    sid: str, day: str, start: str, end: str, required: int = 1, site: str = "delta", **extra: Any
) -> dict[str, Any]:
    """A shift on DAYS[day]; an `end` of 24:00 is written 00:00 the next day."""
    date = DAYS[day]
    stop = f"2026-03-{int(date[-2:]) + 1:02d}T00:00" if end == "24:00" else f"{date}T{end}"
    return {
        "id": sid,
        "site": site,
        "start": f"{date}T{start}",
        "end": stop,
        "required": required,
        **extra,
    }


def window(weekday: int, start: str, end: str) -> dict[str, Any]:
    return {"weekday": weekday, "from": start, "to": end}


def person(pid: str, **extra: Any) -> dict[str, Any]:
    """Available all week from 06:00 to 24:00 at delta unless told otherwise."""
    data: dict[str, Any] = {
        "id": pid,
        "female": True,
        "sites": ["delta"],
        "max_shifts_per_month": 20,
        "languages": ["fr"],
        "available": [window(d, "06:00", "24:00") for d in range(7)],
        "preferred": [],
        "undesired": [],
        "absent": [],
    }
    data.update(extra)
    return data


def instance(
    shifts: list[dict[str, Any]],
    people: list[dict[str, Any]],
    *,
    weights: dict[str, int] | None = None,
    sites: list[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "format": "coordo.roster/1",
        "name": "test-week",
        "period": {"start": "2026-03-02", "end": "2026-03-08"},
        "rules": {
            "max_hours_per_day": 6,
            "min_overnight_rest_hours": 8,
            "split_gap_hours": 3,
            "weights": {name: (weights or {}).get(name, 0) for name in WEIGHTS},
        },
        "sites": sites or [{"id": "delta", "women_only": False}],
        "shifts": shifts,
        "people": people,
        **extra,
    }


def team(solution: Any, shift_id: str) -> set[str]:
    """The people a solution puts on one shift."""
    return next(set(a.people) for a in solution.assignments if a.shift == shift_id)
