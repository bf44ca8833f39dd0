from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_household, make_person, make_user
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.roles import Role
from coordo.housing.actions import admit_household, close_unit
from coordo.housing.models import HouseholdType, Occupancy
from coordo.housing.tests.factories import make_building, make_unit, principal
from coordo.people.models import Sex

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 1)


def test_a_mother_and_her_children_take_one_bed_each_in_a_family_unit(site, social_worker):
    unit = make_unit(make_building(site), "Appartement A", capacity=4, family=True)
    mother = make_person(site, "Awa", "Kone", sex=Sex.FEMALE, birth_year=1990)
    household = make_household(site, mother, make_person(site, "Issa", "Kone", birth_year=2018))
    stay = admit_household(
        unit,
        head=mother,
        household=household,
        start=DAY,
        by=principal(social_worker),
    )
    assert sorted(Occupancy.objects.values_list("slot", "end", "family")) == [
        (1, None, True),
        (2, None, True),
    ]
    assert (stay.household_type, stay.site) == (HouseholdType.SINGLE_PARENT, site)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(stay.pk)).count() == 1


def test_a_family_unit_holds_one_household_even_with_beds_left(site, coordinator):
    unit = make_unit(make_building(site), capacity=4, family=True)
    first, second = make_person(site, "Awa", "Kone"), make_person(site, "Mariam", "Sy")
    admit_household(unit, head=first, start=DAY, by=principal(coordinator))
    with pytest.raises(ValidationError) as error:
        admit_household(unit, head=second, start=DAY, by=principal(coordinator))
    assert error.value.message_dict == {
        "unit": [
            "This unit is already taken on these dates by Awa Kone from 01/11/2026, no exit date yet."
        ]
    }


def test_a_unit_never_holds_more_persons_than_its_capacity(site, coordinator):
    unit = make_unit(make_building(site), "Dortoir", capacity=2)
    who = principal(coordinator)
    for name in ("Awa", "Mariam"):
        admit_household(unit, head=make_person(site, name, "X"), start=DAY, by=who)
    with pytest.raises(ValidationError) as error:
        admit_household(unit, head=make_person(site, "Sara", "X"), start=DAY, by=who)
    assert error.value.message_dict == {
        "unit": [
            "This unit is already taken on these dates by Awa X from 01/11/2026, no exit date "
            "yet; Mariam X from 01/11/2026, no exit date yet."
        ]
    }
    assert Occupancy.objects.count() == 2


def test_a_closed_unit_and_a_women_only_unit_refuse_as_they_should(site, coordinator):
    unit = make_unit(make_building(site), capacity=2, women_only=True)
    who = principal(coordinator)
    man = make_person(site, "Moussa", "Ba", sex=Sex.MALE, birth_year=1980)
    with pytest.raises(ValidationError) as error:
        admit_household(unit, head=man, start=DAY, by=who)
    assert error.value.message_dict == {
        "unit": ["This unit is for women (and their children) only."]
    }
    close_unit(unit, start=DAY, end=date(2026, 12, 1), reason="Travaux", by=who)
    with pytest.raises(ValidationError) as error:
        admit_household(unit, head=make_person(site), start=DAY, by=who)
    assert error.value.message_dict == {
        "unit": ["This unit is out of service from 01/11/2026 until 01/12/2026 (Travaux)."]
    }


def test_a_person_cannot_sleep_in_two_places(site, coordinator):
    building, who = make_building(site), principal(coordinator)
    awa = make_person(site, "Awa", "Kone")
    admit_household(make_unit(building, "A"), head=awa, start=DAY, by=who)
    with pytest.raises(ValidationError) as error:
        admit_household(make_unit(building, "B"), head=awa, start=DAY, by=who)
    assert error.value.message_dict == {
        "persons": ["Someone in this household already has a place on these dates."]
    }


def test_roles_without_the_permission_and_other_sites_are_refused(site, other_site, host):
    unit = make_unit(make_building(site))
    with pytest.raises(PermissionDenied):
        admit_household(unit, head=make_person(site), start=DAY, by=principal(host))
    stranger = make_user(other_site, Role.COORDINATOR)
    with pytest.raises(PermissionDenied):
        admit_household(unit, head=make_person(site), start=DAY, by=principal(stranger))
    assert Occupancy.objects.count() == 0


def test_a_lived_in_unit_cannot_be_taken_out_of_service(site, coordinator):
    unit = make_unit(make_building(site), capacity=2)
    who = principal(coordinator)
    admit_household(unit, head=make_person(site), start=DAY, by=who)
    with pytest.raises(ValidationError) as error:
        close_unit(
            unit,
            start=date(2026, 11, 10),
            end=None,
            reason="Travaux",
            by=who,
        )
    assert error.value.message_dict == {
        "start": ["Someone lives in this unit on these dates: move them or end the stay first."]
    }
