"""From the database to `coordo.dispatch/1`: the network's free places and today's households.

The optimiser never sees the database: a batch freezes this document as its snapshot
and the task solves the snapshot, so a decision can be explained later from it alone.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.db.models import Prefetch

from coordo.access.models import Site
from coordo.dispatch.models import (
    Arrival,
    ArrivalStatus,
    Decision,
    ReceptionCentre,
    ReceptionUnit,
)
from coordo.people.models import HouseholdMember, Person

FORMAT = "coordo.dispatch/1"
WEIGHTS = {"school_language": 10, "family_link": 8, "region": 3}
SCHOOL_AGES = range(3, 18)
UNKNOWN_AGE = 30  # no birth year recorded: count the person as an adult


def age_on(person: Person, day: date) -> int:
    if person.birth_date:
        before_birthday = (day.month, day.day) < (person.birth_date.month, person.birth_date.day)
        return day.year - person.birth_date.year - before_birthday
    if person.birth_year:
        return max(day.year - person.birth_year, 0)
    return UNKNOWN_AGE


def placed_on(organisation_id: int, day: date) -> Counter[str]:
    """Persons each centre (by code) already receives from the decided batches of `day`.

    A decision takes its unit's beds when it is made (`actions/batches._place`), so `free` is
    already up to date; the daily intake is not a stored count and is worked out here."""
    decided = Decision.objects.filter(
        organisation_id=organisation_id, proposal__batch__date=day, unit__isnull=False
    ).values_list("unit__centre__code", "proposal__size")
    placed: Counter[str] = Counter()
    for code, size in decided:
        placed[code] += size
    return placed


def centres_document(organisation_id: int, day: date) -> list[dict[str, Any]]:
    """The network as the optimiser sees it on `day`: every centre's intake left today."""
    placed = placed_on(organisation_id, day)
    units = ReceptionUnit.objects.order_by("code")
    centres = (
        ReceptionCentre.objects.filter(organisation_id=organisation_id, site__is_active=True)
        .prefetch_related(Prefetch("units", queryset=units))
        .order_by("code")
    )
    return [
        {
            "id": centre.code,
            "region": centre.region,
            "language": centre.language,
            "daily_intake": max(centre.daily_intake - placed[centre.code], 0),
            "placed_today": placed[centre.code],
            "units": [
                {
                    "id": unit.code,
                    "kind": unit.kind,
                    "beds": unit.beds,
                    "free": unit.free,
                    "women_only": unit.women_only,
                    "medical": unit.medical,
                    "accessible": unit.accessible,
                    "minors": unit.minors,
                }
                for unit in centre.units.all()
            ],
        }
        for centre in centres
    ]


def arrivals_to_dispatch(site: Site, day: date) -> list[Arrival]:
    """Waiting households of the site with a social screening, registered by `day`."""
    members = HouseholdMember.objects.select_related("person").order_by("id")
    return list(
        Arrival.objects.filter(
            site=site, status=ArrivalStatus.WAITING, registered__lte=day, social__isnull=False
        )
        .select_related("social__family_centre", "medical", "household__head")
        .prefetch_related("social__excluded_centres", Prefetch("household__members", members))
        .order_by("registered", "id")
    )


def household_document(arrival: Arrival, day: date) -> dict[str, Any]:
    social = arrival.social
    medical = getattr(arrival, "medical", None)
    needs_medical = bool(medical and medical.needs_medical)
    members = []
    for member in arrival.household.members.all():
        age = age_on(member.person, day)
        entry: dict[str, Any] = {
            "age": age,
            "sex": member.person.sex if member.person.sex in "FMX" else "X",
        }
        if social.school_language and age in SCHOOL_AGES:
            entry["school_language"] = social.school_language
        members.append(entry)
    flags = list(social.flags) + (["medical"] if needs_medical else [])
    return {
        "id": arrival.key,
        "registered": arrival.registered.isoformat(),
        "members": members,
        "vulnerable": bool(flags) or social.unaccompanied_minor,
        "flags": flags,
        "needs": {
            "medical": needs_medical,
            "accessible": bool(medical and medical.needs_accessible),
            "women_only": social.women_only,
        },
        "unaccompanied_minor": social.unaccompanied_minor,
        "region": social.region or None,
        "family_centre": social.family_centre.code if social.family_centre else None,
        "exclude_centres": sorted(centre.code for centre in social.excluded_centres.all()),
    }


def build_instance(site: Site, day: date) -> tuple[dict[str, Any], list[Arrival]]:
    """The batch's snapshot, and the arrivals it holds (in the snapshot's order)."""
    # A household without members cannot be placed, nor described to the optimiser.
    arrivals = [a for a in arrivals_to_dispatch(site, day) if a.household.members.all()]
    document = {
        "format": FORMAT,
        "name": f"{site.pk}-{day.isoformat()}",
        "date": day.isoformat(),
        "weights": dict(WEIGHTS),
        "centres": centres_document(site.organisation_id, day),
        "households": [household_document(arrival, day) for arrival in arrivals],
    }
    return document, arrivals


def household_type(household: dict[str, Any]) -> str:
    """The group the fairness report counts a household in."""
    if household["unaccompanied_minor"]:
        return "minor"
    members = household["members"]
    if len(members) > 1:
        return "family"
    return {"F": "single_woman", "M": "single_man"}.get(members[0]["sex"], "single_person")
