"""Deterministic `coordo.roster/1` instances for the planning benchmark.

    python benchmarks/roster/generate.py medium --seed 1 > medium-1.json

Each site opens Monday to Saturday with six 3-hour slots from 06:00 to 24:00 and two
hosts per slot, as at the Delta drop-in; the day slots (09:00–18:00) need an Arabic
or Tigrinya speaker, as at the Sister's House front desk; every fifth site is
women-only. Sites form districts of five: a few people work at two sites of their
district, never further. Staff have high monthly caps and long weekday blocks,
volunteers low caps and a few half-days. Each site has a 24/7 on-call rota of three
coordinators (a weekday period Monday 08:00–Friday 08:00 and a weekend one).
The generator adds availability where a slot would lack hosts or speakers, so every
instance has plans.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

SLOTS = (6, 9, 12, 15, 18, 21)  # start hours of the 3-hour slots
DAY_SLOTS = (9, 12, 15)  # need an Arabic or Tigrinya speaker
WEIGHTS = {
    "fairness": 1,
    "not_preferred": 2,
    "undesired": 5,
    "split_day": 3,
    "oncall_balance": 3,
    "oncall_weekend_balance": 10,
    "change": 20,
}


@dataclass(frozen=True)
class Size:
    sites: int
    people: int


SIZES = {"small": Size(1, 25), "medium": Size(5, 120), "large": Size(20, 500)}


def generate(size: str, seed: int, year: int = 2026, month: int = 3) -> dict[str, Any]:
    rng = random.Random(f"{size}-{seed}")
    spec = SIZES[size]
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    days = [first + timedelta(d) for d in range((last - first).days + 1)]
    open_days = [d for d in days if d.weekday() < 6]
    sites: list[dict[str, Any]] = [
        {"id": f"site{i:02d}", "women_only": i % 5 == 0} for i in range(1, spec.sites + 1)
    ]
    shifts = [_shift(site["id"], d, h) for site in sites for d in open_days for h in SLOTS]
    people = [_person(rng, k, sites, first, last) for k in range(spec.people)]
    _cover(rng, shifts, people, sites)
    _add_speakers(rng, shifts, people, sites)
    return {
        "format": "coordo.roster/1",
        "name": f"{size}-{seed}-{year:04d}-{month:02d}",
        "period": {"start": first.isoformat(), "end": last.isoformat()},
        "rules": {
            "max_hours_per_day": 6,
            "min_overnight_rest_hours": 8,
            "split_gap_hours": 3,
            "weights": WEIGHTS,
        },
        "sites": sites,
        "shifts": shifts,
        "people": people,
        "oncall": [_rota(rng, site["id"], first, last) for site in sites],
    }


def _clock(hour: int) -> str:
    return f"{hour:02d}:00"


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def _shift(site: str, day: date, hour: int) -> dict[str, Any]:
    start = datetime(day.year, day.month, day.day, hour)  # noqa: DTZ001 (local wall-clock)
    shift: dict[str, Any] = {
        "id": f"{site}-{day:%m%d}-{hour:02d}",
        "site": site,
        "start": _stamp(start),
        "end": _stamp(start + timedelta(hours=3)),
        "required": 2,
    }
    if hour in DAY_SLOTS:
        shift["languages_any"] = ["ar", "ti"]
    return shift


def _window(weekday: int, start: int, end: int) -> dict[str, Any]:
    return {"weekday": weekday, "from": _clock(start), "to": _clock(end)}


def _person(
    rng: random.Random, k: int, sites: list[dict[str, Any]], first: date, last: date
) -> dict[str, Any]:
    home = k % len(sites)
    women_only = sites[home]["women_only"]
    staff = rng.random() < 0.35
    mine = [sites[home]["id"]]
    district = [i for i in range(len(sites)) if i // 5 == home // 5 and i != home]
    if district and rng.random() < 0.15:
        mine.append(sites[rng.choice(district)]["id"])
    languages = ["fr"]
    for code, share in (("nl", 0.4), ("en", 0.3), ("ar", 0.3), ("ti", 0.15)):
        if rng.random() < share:
            languages.append(code)
    n_days = rng.randint(4, 6) if staff else rng.randint(2, 4)
    hours = (9, 18) if staff else (6, 12)
    available, preferred, undesired = [], [], []
    for weekday in sorted(rng.sample(range(6), n_days)):
        length = rng.choice(range(hours[0], hours[1] + 1, 3))
        start = rng.choice([h for h in SLOTS if h + length <= 24])
        available.append(_window(weekday, start, start + length))
        slots = list(range(start, start + length, 3))
        if rng.random() < 0.6:
            a = rng.choice(slots)
            preferred.append(_window(weekday, a, min(a + rng.choice((3, 6)), start + length)))
        if rng.random() < 0.25:
            b = rng.choice(slots)
            undesired.append(_window(weekday, b, b + 3))
    absent = []
    if rng.random() < 0.3:
        begin = first + timedelta(rng.randrange((last - first).days))
        end = min(last, begin + timedelta(rng.randint(1, 6)))
        absent.append({"from": begin.isoformat(), "to": end.isoformat()})
    return {
        "id": f"p{k + 1:03d}",
        "female": women_only or rng.random() < 0.65,
        "sites": mine,
        "max_shifts_per_month": rng.randint(18, 24) if staff else rng.randint(8, 12),
        "languages": languages,
        "available": available,
        "preferred": preferred,
        "undesired": undesired,
        "absent": absent,
    }


def _fits(person: dict, shift: dict, women_only: bool) -> bool:
    start = datetime.fromisoformat(shift["start"])
    hour, weekday = start.hour, start.weekday()
    if shift["site"] not in person["sites"] or (women_only and not person["female"]):
        return False
    if any(a["from"] <= start.date().isoformat() <= a["to"] for a in person["absent"]):
        return False
    return any(
        w["weekday"] == weekday and w["from"] <= _clock(hour) and _clock(hour + 3) <= w["to"]
        for w in person["available"]
    )


def _cover(rng: random.Random, shifts: list[dict], people: list[dict], sites: list[dict]) -> None:
    """Widens availability until each slot has 4 fitting hosts and 2 fitting speakers."""
    women_only = {s["id"]: s["women_only"] for s in sites}
    for shift in shifts:
        need_speakers = 2 if "languages_any" in shift else 0
        while True:
            fit = [p for p in people if _fits(p, shift, women_only[shift["site"]])]
            speakers = [p for p in fit if {"ar", "ti"} & set(p["languages"])]
            if len(fit) >= 4 and len(speakers) >= need_speakers:
                break
            pool = [
                p
                for p in people
                if shift["site"] in p["sites"]
                and (p["female"] or not women_only[shift["site"]])
                and p not in fit
                and (len(speakers) >= need_speakers or {"ar", "ti"} & set(p["languages"]))
                and not any(a["from"] <= shift["start"][:10] <= a["to"] for a in p["absent"])
            ]
            chosen = rng.choice(pool)
            start = datetime.fromisoformat(shift["start"])
            chosen["available"].append(_window(start.weekday(), start.hour, start.hour + 3))


def _add_speakers(
    rng: random.Random, shifts: list[dict], people: list[dict], sites: list[dict]
) -> None:
    """Teaches Arabic to hosts until each site's speakers can give, within their caps,
    half again as many shifts as need a speaker (and the seats have the same margin)."""
    women_only = {s["id"]: s["women_only"] for s in sites}

    def short(site: str, speaking: bool, margin: float) -> bool:
        """Whether the site's (speaking) people give less than `margin` × the demand."""
        mine = [s for s in shifts if s["site"] == site and (not speaking or "languages_any" in s)]
        total = 0
        for p in people:
            if speaking and not {"ar", "ti"} & set(p["languages"]):
                continue
            fit = sum(_fits(p, s, women_only[site]) for s in mine)
            total += min(fit, p["max_shifts_per_month"])
        demand = len(mine) if speaking else sum(s["required"] for s in mine)
        return total < margin * demand

    for site in women_only:
        while short(site, speaking=True, margin=1.5):
            learners = [
                p for p in people if site in p["sites"] and not {"ar", "ti"} & set(p["languages"])
            ]
            rng.choice(learners)["languages"].append("ar")
        while short(site, speaking=False, margin=1.15):
            rng.choice([p for p in people if site in p["sites"]])["max_shifts_per_month"] += 2


def _rota(rng: random.Random, site: str, first: date, last: date) -> dict[str, Any]:
    members: list[dict[str, Any]] = [
        {"id": f"{site}-{role}", "absent": []} for role in ("general", "deputy1", "deputy2")
    ]
    away = rng.choice(members)
    begin = first + timedelta(rng.randrange((last - first).days - 5))
    away["absent"].append({"from": begin.isoformat(), "to": (begin + timedelta(5)).isoformat()})
    # Periods change hands on Monday and Friday at 08:00; the first and last are cut by
    # the month's edges.
    cuts = [datetime(first.year, first.month, first.day)]  # noqa: DTZ001
    day = first
    while day <= last:
        if day.weekday() in (0, 4) and day != first:
            cuts.append(datetime(day.year, day.month, day.day, 8))  # noqa: DTZ001
        day += timedelta(1)
    cuts.append(datetime.combine(last + timedelta(1), datetime.min.time()))
    periods = [
        {
            "id": f"{site}-oncall-{a:%m%d}",
            "start": _stamp(a),
            "end": _stamp(b),
            "weekend": a.weekday() == 4 or a.weekday() >= 5,
        }
        for a, b in zip(cuts, cuts[1:], strict=False)
    ]
    return {"id": f"{site}-oncall", "members": members, "periods": periods}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=SIZES)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    json.dump(generate(args.size, args.seed), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
