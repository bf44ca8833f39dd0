"""Twenty workers click "admit" at the same instant for the last free places: none is given twice."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from conftest import make_person, make_user
from coordo.access.roles import Role
from coordo.housing.actions import admit_household
from coordo.housing.models import Occupancy
from coordo.housing.tests.factories import (
    at_the_same_instant,
    make_building,
    make_unit,
    principal,
    threads_need_postgresql,
)

DAY = date(2026, 11, 23)
THREADS = 20


@threads_need_postgresql
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_admissions_fill_exactly_the_free_places(site):
    coordinator = make_user(site, Role.COORDINATOR)
    who = principal(coordinator)
    dormitory = make_unit(make_building(site), "Dortoir", capacity=8, kind="dormitory")
    for index in range(5):  # five beds taken, three left
        admit_household(
            dormitory,
            head=make_person(site, f"Ancienne{index}", "X"),
            start=DAY,
            by=who,
        )
    applicants = [make_person(site, f"Nouvelle{index}", "X") for index in range(THREADS)]

    def admit(person) -> None:  # type: ignore[no-untyped-def]
        admit_household(dormitory, head=person, start=DAY, by=who)

    outcomes = at_the_same_instant(admit, [(person,) for person in applicants])
    assert outcomes == ["admitted"] * 3 + ["no longer free"] * 17
    assert sorted(Occupancy.objects.values_list("slot", flat=True)) == list(range(1, 9))


@pytest.mark.django_db
def test_the_database_itself_refuses_a_bed_given_twice_and_a_shared_family_unit(site):
    if connection.vendor != "postgresql":
        pytest.skip("exclusion constraints exist on PostgreSQL only")
    coordinator = make_user(site, Role.COORDINATOR)
    who = principal(coordinator)
    family_unit = make_unit(make_building(site), "Appartement", capacity=4, family=True)
    stay = admit_household(family_unit, head=make_person(site, "Awa", "X"), start=DAY, by=who)
    other = admit_household(
        make_unit(stay.site.buildings.get(), "Studio"),
        head=make_person(site, "Sara", "X"),
        start=DAY,
        by=who,
    )
    for slot, owner in ((1, stay), (2, other)):  # the same bed; another household's bed
        with pytest.raises(IntegrityError), transaction.atomic():
            Occupancy.objects.create(
                organisation=site.organisation,
                stay=owner,
                person=make_person(site, "Y", "Z"),
                unit=family_unit,
                slot=slot,
                family=True,
                start=date(2026, 12, 1),
            )
