"""Seeded generator of `coordo.dispatch/1` instances shaped like the Belgian network.

    python benchmarks/dispatch/generate.py daily --seed 1 > daily.json

Centres are collective centres (dormitories, some family rooms, women-only,
medical and minors units) or local reception initiatives (LOI: individual
private units), in Brussels (fr/nl), Flanders (nl) and Wallonia (fr, a few de).
The network is nearly full, as it is in practice: few empty private units, a
few free dorm beds, and daily intakes that bind. Households are single men
(some waiting for months), single women, couples with children, single mothers,
unaccompanied minors and elderly people, with vulnerability flags, needs,
school languages, preferred regions, family links and excluded centres.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from typing import Any

DATE = date(2026, 11, 23)
WEIGHTS = {"school_language": 10, "family_link": 8, "region": 3}
# size -> (households, centres, units per collective centre, units per LOI,
#          share of the usual free places, share of the usual daily intake)
SIZES = {
    "small": (20, 8, 18, 6, 1.0, 1.0),
    "daily": (150, 110, 20, 5, 0.4, 0.35),
    "surge": (1500, 150, 150, 25, 0.6, 1.0),
}
REGIONS = (("brussels", 0.15), ("flanders", 0.5), ("wallonia", 0.35))
SCHOOL_LANGUAGES = (("fr", 0.5), ("nl", 0.45), ("de", 0.05))


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _language(rng: random.Random, region: str) -> str:
    if region == "flanders":
        return "nl"
    if region == "brussels":
        return "fr" if rng.random() < 0.7 else "nl"
    return "de" if rng.random() < 0.1 else "fr"


def _unit(uid: str, kind: str, beds: int, free: int, **flags: bool) -> dict[str, Any]:
    return {
        "id": uid,
        "kind": kind,
        "beds": beds,
        "free": free,
        "women_only": flags.get("women_only", False),
        "medical": flags.get("medical", False),
        "accessible": flags.get("accessible", False),
        "minors": flags.get("minors", False),
    }


def _private_free(rng: random.Random, beds: int, empty: float) -> int:
    """An empty unit with probability `empty`, else occupied or partly occupied."""
    if rng.random() < empty:
        return beds
    return rng.randint(0, beds - 1) if rng.random() < 0.3 else 0


def _collective_units(
    rng: random.Random, cid: str, count: int, minors_centre: bool, scarcity: float
) -> list[dict[str, Any]]:
    units = []
    for n in range(1, count + 1):
        roll = rng.random()
        if roll < 0.55:
            beds = rng.randint(4, 10)
            free = min(beds, rng.choice((0, 0, 0, 0, 1, 1, 2, 3))) if rng.random() < scarcity else 0
            women = rng.random() < 0.2
            medical = rng.random() < 0.06
            minors = minors_centre and not women and rng.random() < 0.4
            units.append(
                _unit(
                    f"{cid}-D{n:03d}",
                    "shared",
                    beds,
                    free,
                    women_only=women,
                    medical=medical,
                    accessible=medical or rng.random() < 0.1,
                    minors=minors,
                )
            )
        else:
            beds = rng.choice((1, 2, 2, 3, 4, 4, 5, 6))
            medical = rng.random() < 0.05
            units.append(
                _unit(
                    f"{cid}-R{n:03d}",
                    "private",
                    beds,
                    _private_free(rng, beds, 0.12 * scarcity),
                    women_only=rng.random() < 0.08,
                    medical=medical,
                    accessible=medical or rng.random() < 0.15,
                    minors=minors_centre and rng.random() < 0.1,
                )
            )
    return units


def _loi_units(rng: random.Random, cid: str, count: int, scarcity: float) -> list[dict[str, Any]]:
    units = []
    for n in range(1, count + 1):
        beds = rng.choice((1, 2, 3, 4, 4, 5, 6, 7))
        units.append(
            _unit(
                f"{cid}-R{n:03d}",
                "private",
                beds,
                _private_free(rng, beds, 0.15 * scarcity),
                accessible=rng.random() < 0.1,
                medical=rng.random() < 0.03,
            )
        )
    return units


def _centres(
    rng: random.Random, count: int, collective: int, loi: int, scarcity: float, intakes: float
) -> list:
    centres = []
    numbers: dict[str, int] = {}
    prefixes = {"brussels": "BXL", "flanders": "VLA", "wallonia": "WAL"}
    for _ in range(count):
        region = _pick(rng, REGIONS)
        is_loi = rng.random() < 0.4
        n = numbers[region] = numbers.get(region, 0) + 1
        cid = f"{prefixes[region]}{'-LOI' if is_loi else ''}{n:02d}"
        if is_loi:
            units = _loi_units(rng, cid, max(2, round(rng.gauss(loi, loi / 3))), scarcity)
            intake = max(1, round(rng.randint(2, 8) * intakes))
        else:
            size = max(4, round(rng.gauss(collective, collective / 3)))
            units = _collective_units(rng, cid, size, rng.random() < 0.2, scarcity)
            intake = max(1, round(rng.randint(5, 25) * intakes))
        centres.append(
            {
                "id": cid,
                "region": region,
                "language": _language(rng, region),
                "daily_intake": intake,
                "units": units,
            }
        )
    return centres


def _person(age: int, sex: str, rng: random.Random, schooled: float = 0.0) -> dict[str, Any]:
    member: dict[str, Any] = {"age": age, "sex": sex}
    if 6 <= age <= 17 and rng.random() < schooled:
        member["school_language"] = _pick(rng, SCHOOL_LANGUAGES)
    return member


def _children(rng: random.Random, count: int, schooled: float) -> list[dict[str, Any]]:
    return [_person(rng.randint(0, 17), rng.choice("FM"), rng, schooled) for _ in range(count)]


def _household(rng: random.Random, hid: str, centre_ids: list[str]) -> dict[str, Any]:
    roll = rng.random()
    needs = {"medical": False, "accessible": False, "women_only": False}
    flags: list[str] = []
    minor = False
    wait = rng.randint(0, 14)
    if roll < 0.42:  # single man; many wait for months in a shortage
        members = [_person(rng.randint(18, 55), "M" if rng.random() > 0.01 else "X", rng)]
        wait = rng.randint(0, 120) if rng.random() < 0.6 else wait
        if rng.random() < 0.12:
            flags.append(rng.choice(("medical", "psychological", "lgbti", "violence")))
    elif roll < 0.54:  # single woman
        members = [_person(rng.randint(18, 50), "F", rng)]
        flags += [
            "single_woman",
            *rng.sample(("violence", "trafficking", "pregnant"), rng.randint(0, 2)),
        ]
        needs["women_only"] = rng.random() < 0.7
    elif roll < 0.74:  # couple with children
        members = [_person(rng.randint(22, 50), "F", rng), _person(rng.randint(22, 55), "M", rng)]
        members += _children(rng, rng.randint(1, 5), 0.5)
        if rng.random() < 0.2:
            flags.append(rng.choice(("pregnant", "medical", "violence")))
    elif roll < 0.84:  # single mother with children
        members = [_person(rng.randint(18, 45), "F", rng), *_children(rng, rng.randint(1, 4), 0.5)]
        flags += [
            "single_parent",
            *rng.sample(("violence", "trafficking", "pregnant"), rng.randint(0, 1)),
        ]
        needs["women_only"] = rng.random() < 0.5
    elif roll < 0.93:  # unaccompanied minor(s)
        minor = True
        members = [_person(rng.randint(14, 17), rng.choice("MMMF"), rng, 0.3)]
        if rng.random() < 0.1:
            members.append(_person(rng.randint(12, 17), rng.choice("MF"), rng, 0.3))
    else:  # elderly person or couple
        members = [_person(rng.randint(65, 85), rng.choice("FM"), rng)]
        if rng.random() < 0.3:
            members.append(
                _person(rng.randint(65, 85), "M" if members[0]["sex"] == "F" else "F", rng)
            )
        flags.append("elderly")
        needs["medical"] = rng.random() < 0.35
        needs["accessible"] = rng.random() < 0.45
    if rng.random() < 0.03:
        needs["medical"] = True
        flags.append("medical")
    # Minors, any flag but age, and elderly people with a medical need are
    # vulnerable; half of the other elderly people are.
    vulnerable = minor or any(f != "elderly" for f in flags) or (bool(flags) and needs["medical"])
    if not vulnerable and flags:
        vulnerable = rng.random() < 0.5
    excluded = rng.sample(centre_ids, rng.randint(1, 2)) if rng.random() < 0.04 else []
    return {
        "id": hid,
        "registered": (DATE - timedelta(days=wait)).isoformat(),
        "members": members,
        "vulnerable": vulnerable,
        "flags": flags,
        "needs": needs,
        "unaccompanied_minor": minor,
        "region": _pick(rng, REGIONS) if rng.random() < 0.25 else None,
        "family_centre": rng.choice(centre_ids) if rng.random() < 0.05 else None,
        "exclude_centres": excluded,
    }


def generate(size: str, seed: int = 1) -> dict[str, Any]:
    """A `coordo.dispatch/1` instance; the same (size, seed) gives the same instance."""
    households, centres, collective, loi, scarcity, intakes = SIZES[size]
    rng = random.Random(f"{size}-{seed}")
    network = _centres(rng, centres, collective, loi, scarcity, intakes)
    centre_ids = [c["id"] for c in network]
    return {
        "format": "coordo.dispatch/1",
        "name": f"{size}-{seed}",
        "date": DATE.isoformat(),
        "weights": dict(WEIGHTS),
        "centres": network,
        "households": [_household(rng, f"H{i:04d}", centre_ids) for i in range(1, households + 1)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    json.dump(generate(args.size, args.seed), sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
