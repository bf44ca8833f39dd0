"""Partial admission: the coordinator admits some members of a household, the others stay out."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from conftest import make_household, make_person, make_user, verified_client
from coordo.access.roles import Role
from coordo.housing.actions import admit_household
from coordo.housing.models import HouseholdType, Occupancy, Stay
from coordo.housing.tests.factories import (
    at_the_same_instant,
    make_building,
    make_unit,
    principal,
    threads_need_postgresql,
)
from coordo.people.models import Sex

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 2)


def _family(site):  # type: ignore[no-untyped-def]
    mother = make_person(site, "Awa", "Kone", sex=Sex.FEMALE, birth_year=1975)
    son = make_person(site, "Moussa", "Kone", sex=Sex.MALE, birth_year=2004)
    daughter = make_person(site, "Issa", "Kone", sex=Sex.FEMALE, birth_year=2015)
    return mother, son, daughter, make_household(site, mother, son, daughter)


def _admit_with_mother(unit, mother, household, members, by):  # type: ignore[no-untyped-def]
    return admit_household(
        unit, head=mother, household=household, members=members, start=DAY, by=by
    )


def test_the_adult_son_stays_out_and_can_be_admitted_elsewhere(site, coordinator):
    who = principal(coordinator)
    building = make_building(site)
    apartment = make_unit(building, "Appartement", capacity=4, family=True, women_only=True)
    mother, son, daughter, household = _family(site)
    stay = _admit_with_mother(apartment, mother, household, [mother, daughter], who)
    assert sorted(stay.occupancies.values_list("person__first_name", "slot")) == [
        ("Awa", 1),
        ("Issa", 2),
    ]
    assert stay.household_type == HouseholdType.SINGLE_PARENT
    elsewhere = admit_household(make_unit(building, "Studio"), head=son, start=DAY, by=who)
    assert elsewhere.household_type == HouseholdType.SINGLE_MAN
    assert Occupancy.objects.count() == 3


def test_a_family_unit_still_holds_one_stay_only(site, coordinator):
    who = principal(coordinator)
    apartment = make_unit(make_building(site), "Appartement", capacity=4, family=True)
    mother, son, daughter, household = _family(site)
    _admit_with_mother(apartment, mother, household, [mother, daughter], who)
    with pytest.raises(ValidationError) as error:
        admit_household(apartment, head=son, start=DAY, by=who)
    assert error.value.message_dict == {
        "unit": [
            f"This unit is already taken on these dates by Awa Kone from {DAY:%d/%m/%Y}, "
            "no exit date yet."
        ]
    }
    assert Occupancy.objects.count() == 2


def test_members_outside_the_household_or_without_its_head_are_refused(site, coordinator):
    who = principal(coordinator)
    unit = make_unit(make_building(site), capacity=4, family=True)
    mother, son, daughter, household = _family(site)
    stranger = make_person(site, "Sara", "Ba")
    for members, message in (
        ([mother, stranger], "Choose members of this household only."),
        ([son, daughter], "The head of household is admitted with the others."),
    ):
        with pytest.raises(ValidationError) as error:
            _admit_with_mother(unit, mother, household, members, who)
        assert error.value.message_dict == {"members": [message]}
    assert (Stay.objects.count(), Occupancy.objects.count()) == (0, 0)


def test_the_capacity_counts_the_admitted_members_only(site, coordinator):
    studio = make_unit(make_building(site), "Studio", capacity=2)
    mother, _son, daughter, household = _family(site)
    stay = _admit_with_mother(studio, mother, household, [mother, daughter], principal(coordinator))
    assert stay.occupancies.count() == 2


@time_machine.travel("2026-11-02 10:00 +01:00", tick=False)
def test_the_admit_page_ticks_everyone_and_admits_the_ticked_members(site, coordinator):
    unit = make_unit(make_building(site), "Appartement", capacity=4, family=True)
    mother, son, daughter, household = _family(site)
    client = verified_client(coordinator)
    assert 'name="members"' not in client.get("/housing/stays/admit/").content.decode()
    picked = client.get(
        f"/housing/stays/admit/?household={household.pk}&unit={unit.pk}",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert picked.count('name="members"') == 3
    assert picked.count("checked") == 3
    posted = client.post(
        "/housing/stays/admit/",
        {
            "household": household.pk,
            "members": [mother.pk, daughter.pk],
            "unit": unit.pk,
            "start": "2026-11-02",
        },
    )
    assert posted.status_code == 302
    stay = Stay.objects.get()
    assert sorted(stay.occupancies.values_list("person_id", flat=True)) == sorted(
        [mother.pk, daughter.pk]
    )
    assert not Occupancy.objects.filter(person=son).exists()


@threads_need_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_partial_admissions_at_the_same_instant_share_no_family_unit(site):
    coordinator = make_user(site, Role.COORDINATOR)
    who = principal(coordinator)
    apartment = make_unit(make_building(site), "Appartement", capacity=6, family=True)
    families = [_family(site) for _index in range(2)]

    def admit(mother, daughter, household) -> None:  # type: ignore[no-untyped-def]
        _admit_with_mother(apartment, mother, household, [mother, daughter], who)

    calls = [(mother, daughter, household) for mother, _son, daughter, household in families]
    outcomes = at_the_same_instant(admit, calls)
    assert outcomes == ["admitted", "no longer free"]
    assert Occupancy.objects.count() == 2
