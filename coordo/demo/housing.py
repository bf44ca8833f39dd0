"""A year of stays at Maison Lierre and Refuge Ariane, their exits, and today's waiting list.

Each bed (or family unit) is simulated along the year: a vacancy of a few days, then a
stay whose length suits the place (weeks at the shelter, months in transitional
housing), and so on until today, where the last stay is still open. Seeded, so two
runs give the same year; all or nothing, so a second run finds the stays and stops.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from coordo.access.models import Organisation, Site
from coordo.demo.builder import _person
from coordo.demo.names import COMMUNITIES
from coordo.housing.models import (
    Destination,
    ExitReason,
    HouseholdType,
    Occupancy,
    Offer,
    PlaceRequest,
    Priority,
    Stay,
    Unit,
    UnitClosure,
    new_occupancies,
)
from coordo.people.models import Household, HouseholdMember, Person, Relationship, Sex

TODAY = date(2026, 11, 23)
YEAR_AGO = TODAY - timedelta(days=365)
SEED = 3303

# Where people go, weighted as a shelter and a transitional house report it.
SHELTER_EXITS: dict[str, int] = {
    Destination.SHELTER: 22,
    Destination.FAMILY_FRIENDS: 14,
    Destination.UNKNOWN: 18,
    Destination.STREET: 9,
    Destination.RECEPTION_NETWORK: 12,
    Destination.HOSPITAL_CARE: 5,
    Destination.PRIVATE_RENTAL: 6,
    Destination.SOCIAL_HOUSING: 3,
    Destination.TRANSITIONAL: 8,
    Destination.RETURN: 2,
    Destination.PRISON: 1,
}
HOUSING_EXITS: dict[str, int] = {
    Destination.PRIVATE_RENTAL: 34,
    Destination.SOCIAL_HOUSING: 30,
    Destination.FAMILY_FRIENDS: 8,
    Destination.TRANSITIONAL: 5,
    Destination.SHELTER: 8,
    Destination.UNKNOWN: 10,
    Destination.HOSPITAL_CARE: 2,
}
REASONS: dict[str, str] = {
    Destination.PRIVATE_RENTAL: ExitReason.HOUSING_FOUND,
    Destination.SOCIAL_HOUSING: ExitReason.HOUSING_FOUND,
    Destination.TRANSITIONAL: ExitReason.TRANSFER,
    Destination.SHELTER: ExitReason.TRANSFER,
    Destination.RECEPTION_NETWORK: ExitReason.TRANSFER,
    Destination.HOSPITAL_CARE: ExitReason.TRANSFER,
    Destination.UNKNOWN: ExitReason.NO_SHOW,
    Destination.STREET: ExitReason.OWN_CHOICE,
}


@dataclass(frozen=True)
class Pace:
    vacancy: tuple[int, int]  # days between two stays
    length: tuple[int, int]  # nights of a stay
    exits: dict[str, int]
    one_household_per_unit: bool  # a studio of the transitional house is one household's home


PACES = {
    "housing": Pace((3, 20), (90, 330), HOUSING_EXITS, one_household_per_unit=True),
    "shelter": Pace((0, 4), (5, 75), SHELTER_EXITS, one_household_per_unit=False),
}


def build(organisation: Organisation, sites: dict[str, Site]) -> None:
    if Stay.objects.filter(site__in=[sites["housing"], sites["shelter"]]).exists():
        return
    rng = random.Random(SEED)
    for key in ("housing", "shelter"):
        _site_year(organisation, sites[key], PACES[key], rng)
    _family_with_an_adult_son(organisation, sites["housing"])


def _family_with_an_adult_son(organisation: Organisation, site: Site) -> None:
    """A mother, her daughter and her son of 19 who sleeps at his uncle's: the women-only
    units take the mother and the daughter, so the coordinator admits part of the household."""
    rng = random.Random(SEED + 1)  # its own draw: the year above stays the same
    community = next(iter(COMMUNITIES))
    last_name = rng.choice(COMMUNITIES[community][2])
    ages = (
        (Sex.FEMALE, 44, Relationship.HEAD),
        (Sex.FEMALE, 9, Relationship.CHILD),
        (Sex.MALE, 19, Relationship.CHILD),
    )
    persons = [_person(rng, community, sex, age, TODAY, last_name) for sex, age, _r in ages]
    for person in persons:
        person.organisation, person.site = organisation, site
    Person.objects.bulk_create(persons)
    mother = persons[0]
    household = Household.objects.create(
        organisation=organisation, site=site, name=f"{last_name} ({mother.first_name})", head=mother
    )
    HouseholdMember.objects.bulk_create(
        HouseholdMember(
            organisation=organisation, household=household, person=person, relationship=relation
        )
        for person, (_sex, _age, relation) in zip(persons, ages, strict=True)
    )
    PlaceRequest.objects.create(
        organisation=organisation,
        site=site,
        head=mother,
        household=household,
        persons=2,
        requested_on=TODAY - timedelta(days=18),
        priority=Priority.HIGH,
        needs_women_only=True,
        notes="Le fils aîné (19 ans) loge chez son oncle : admettre la mère et sa fille.",
    )


def _new_household(
    organisation: Organisation, site: Site, rng: random.Random, size: int
) -> tuple[Person, Household | None, list[Person]]:
    community = rng.choice(list(COMMUNITIES))
    last_name = rng.choice(COMMUNITIES[community][2])
    mother = _person(rng, community, Sex.FEMALE, rng.randint(19, 52), TODAY, last_name)
    children = [
        _person(
            rng, community, rng.choice([Sex.FEMALE, Sex.MALE]), rng.randint(0, 15), TODAY, last_name
        )
        for _ in range(size - 1)
    ]
    persons = [mother, *children]
    for person in persons:
        person.organisation, person.site = organisation, site
    Person.objects.bulk_create(persons)
    if not children:
        return mother, None, persons
    household = Household.objects.create(
        organisation=organisation, site=site, name=f"{last_name} ({mother.first_name})", head=mother
    )
    HouseholdMember.objects.bulk_create(
        HouseholdMember(
            organisation=organisation,
            household=household,
            person=person,
            relationship=Relationship.HEAD if person is mother else Relationship.CHILD,
        )
        for person in persons
    )
    return mother, household, persons


def _stay(
    organisation: Organisation,
    site: Site,
    unit: Unit,
    slots: list[int],
    start: date,
    nights: int,
    pace: Pace,
    rng: random.Random,
) -> tuple[Stay, list[Occupancy]]:
    head, household, persons = _new_household(organisation, site, rng, len(slots))
    end: date | None = start + timedelta(days=nights)
    destination = ""
    if end is not None and end > TODAY:
        end = None
    else:
        destination = rng.choices(list(pace.exits), list(pace.exits.values()))[0]
    stay = Stay.objects.create(
        organisation=organisation,
        site=site,
        household=household,
        head=head,
        household_type=HouseholdType.SINGLE_PARENT if household else HouseholdType.SINGLE_WOMAN,
        start=start,
        planned_end=start + timedelta(days=nights if end is None else max(nights, 30)),
        end=end,
        destination=destination,
        exit_reason=REASONS.get(destination, ExitReason.PLANNED) if destination else "",
    )
    return stay, new_occupancies(stay, unit, persons, slots, start, end)


def _beds(unit: Unit, whole: bool) -> list[list[int]]:
    """The beds filled one by one, or the whole unit by one household at a time."""
    return [[1]] if whole else [[slot] for slot in range(1, unit.capacity + 1)]


def _site_year(organisation: Organisation, site: Site, pace: Pace, rng: random.Random) -> None:
    units = list(Unit.objects.filter(building__site=site).order_by("building__name", "name"))
    # One unit was repainted in the spring: nobody slept there for three weeks.
    works = (date(2026, 4, 6), date(2026, 4, 27))
    UnitClosure.objects.create(
        organisation=organisation, unit=units[0], start=works[0], end=works[1], reason="Peinture"
    )
    occupancies: list[Occupancy] = []
    for unit in units:
        whole = unit.family or pace.one_household_per_unit
        for beds in _beds(unit, whole):
            # Start mid-stay a year ago: the house was not empty on the first day.
            day = YEAR_AGO - timedelta(days=rng.randint(0, pace.length[1] // 2))
            while day < TODAY:
                nights = rng.randint(*pace.length)
                if unit == units[0] and day < works[1] and day + timedelta(days=nights) > works[0]:
                    day = works[1]
                    continue
                size = rng.randint(2 if unit.family else 1, unit.capacity)
                slots = list(range(1, size + 1)) if whole else beds
                occupancies += _stay(organisation, site, unit, slots, day, nights, pace, rng)[1]
                day += timedelta(days=nights + rng.randint(*pace.vacancy))
    Occupancy.objects.bulk_create(occupancies)
    _waiting_list(organisation, site, units, rng)


def _waiting_list(
    organisation: Organisation, site: Site, units: list[Unit], rng: random.Random
) -> None:
    for index in range(rng.randint(7, 12)):
        size = rng.choice([1, 1, 2, 3])
        head, household, _persons = _new_household(organisation, site, rng, size)
        request = PlaceRequest.objects.create(
            organisation=organisation,
            site=site,
            head=head,
            household=household,
            persons=size,
            requested_on=TODAY - timedelta(days=rng.randint(1, 120)),
            priority=rng.choices(list(Priority), [1, 3, 6])[0],
            needs_family_unit=size > 2,
            needs_women_only=True,
            needs_accessible=index == 3,
            notes="Orientée par le CPAS." if index % 3 == 0 else "",
        )
        if index == 1:  # one household already said no to a unit, with its reason
            Offer.objects.create(
                organisation=organisation,
                request=request,
                unit=units[-1],
                offered_on=request.requested_on + timedelta(days=10),
                outcome="refused",
                refusal_reason="Trop loin de l'école des enfants",
                answered_on=request.requested_on + timedelta(days=12),
            )
