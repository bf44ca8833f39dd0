"""Admitting into a unit that cannot take the household says the real reason, one message
each (it always said "no longer free: someone else was given it meanwhile"); the admit form
lists only those with no place from the night chosen, opens on its first field, and offers
no night gone by."""

from __future__ import annotations

import re
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from conftest import make_household, make_person, verified_client
from coordo.access.roles import Role
from coordo.access.scoping import Grant, Principal
from coordo.housing.actions import admit_household
from coordo.housing.actions.stays import occupants
from coordo.housing.models import Occupancy, Stay
from coordo.housing.tests.factories import make_building, make_past_stay, make_unit, principal

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 2)
ADMIT = "/housing/stays/admit/"


@pytest.fixture(autouse=True)
def _wednesday_2_december(time_machine: time_machine.TimeMachineFixture) -> None:
    time_machine.move_to("2026-12-02 10:00 +01:00")


def _options(page: str, name: str) -> set[int]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select is not None
    return {int(value) for value in re.findall(r'<option value="(\d+)"', select[0])}


def _refusal(unit, head, coordinator, household=None):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        admit_household(
            unit,
            head=head,
            household=household,
            start=TODAY,
            by=principal(coordinator),
        )
    return error.value.message_dict, [e.code for e in error.value.error_dict["unit"]]


def _stay(unit, first, last, coordinator, *, until=None):  # type: ignore[no-untyped-def]
    head, who = make_person(unit.building.site, first, last), principal(coordinator)
    if until:
        return make_past_stay(unit, head, TODAY, until, by=who)
    return admit_household(unit, head=head, start=TODAY, by=who)


def test_a_unit_too_small_says_so(site, coordinator):
    building = make_building(site)
    mother = make_person(site, "Awa", "Kone")
    household = make_household(site, mother, make_person(site, "Issa", "Kone"))
    studio = make_unit(building, "Studio", capacity=1)
    assert _refusal(studio, mother, coordinator, household) == (
        {"unit": ["This unit has 1 bed: too small for 2 persons."]},
        ["too_small"],
    )
    household.members.create(
        organisation=site.organisation,
        person=make_person(site, "Ali", "Kone"),
        relationship="child",
    )
    flat = make_unit(building, "Appartement", capacity=2, family=True)
    assert _refusal(flat, mother, coordinator, household) == (
        {"unit": ["This unit has 2 beds: too small for 3 persons."]},
        ["too_small"],
    )
    assert Stay.objects.count() == 0


def test_a_unit_already_taken_says_by_whom_and_until_when(site, coordinator):
    building = make_building(site)
    dormitory = make_unit(building, "Dortoir", capacity=3, kind="dormitory")
    _stay(dormitory, "Awa", "Kone", coordinator, until=date(2026, 12, 20))
    _stay(dormitory, "Sara", "Ba", coordinator)
    mother = make_person(site, "Mariam", "Sy")
    household = make_household(site, mother, make_person(site, "Lina", "Sy"))
    assert _refusal(dormitory, mother, coordinator, household) == (
        {
            "unit": [
                "Only 1 of this unit's 3 beds is free on these dates, for 2 persons; the others "
                "are taken by Awa Kone from 02/12/2026 to 20/12/2026; Sara Ba from 02/12/2026, "
                "no exit date yet."
            ]
        },
        ["occupied"],
    )
    flat = make_unit(building, "Appartement", capacity=4, family=True)
    _stay(flat, "Nadia", "Ali", coordinator)
    assert _refusal(flat, mother, coordinator, household) == (
        {
            "unit": [
                "This unit is already taken on these dates by Nadia Ali from 02/12/2026, "
                "no exit date yet."
            ]
        },
        ["occupied"],
    )


def test_occupants_the_user_may_not_see_are_counted_not_named(site, other_site, coordinator):
    dormitory = make_unit(make_building(site), "Dortoir", capacity=3, kind="dormitory")
    _stay(dormitory, "Awa", "Kone", coordinator)
    _stay(dormitory, "Sara", "Ba", coordinator, until=date(2027, 1, 4))
    assert occupants(dormitory, TODAY, None, principal(coordinator)) == [
        "Awa Kone from 02/12/2026, no exit date yet",
        "Sara Ba from 02/12/2026 to 04/01/2027",
    ]
    # A host of the site holds no person of it: nobody is named, nor any date.
    host = Principal(site.organisation_id, (Grant(site.pk, Role.HOST),), frozenset())
    assert occupants(dormitory, TODAY, None, host) == ["2 households"]
    elsewhere = Principal(
        site.organisation_id, (Grant(other_site.pk, Role.COORDINATOR),), frozenset()
    )
    assert occupants(dormitory, TODAY, None, elsewhere) == ["2 households"]


def test_the_page_shows_the_reason_next_to_the_unit(site, social_worker):
    studio = make_unit(make_building(site), "Studio", capacity=1)
    mother = make_person(site, "Awa", "Kone")
    household = make_household(site, mother, make_person(site, "Issa", "Kone"))
    response = verified_client(social_worker).post(
        ADMIT, {"household": household.pk, "unit": studio.pk, "start": "2026-12-02"}
    )
    assert response.status_code == 200
    assert "This unit has 1 bed: too small for 2 persons." in response.content.decode()
    assert "no longer free" not in response.content.decode()


def test_the_form_lists_only_those_with_no_place_from_the_night_chosen(site, coordinator):
    building = make_building(site)
    room = make_unit(building, "Chambre", capacity=2)
    housed = _stay(room, "Awa", "Kone", coordinator, until=date(2026, 12, 10)).head
    later = make_person(site, "Sara", "Ba")
    admit_household(
        room,
        head=later,
        start=date(2026, 12, 20),
        by=principal(coordinator),
    )
    free = make_person(site, "Lina", "Sy")
    mother = make_person(site, "Mariam", "Diallo")
    son = make_person(site, "Omar", "Diallo")
    family = make_household(site, mother, son, make_person(site, "Ines", "Diallo"))
    admit_household(
        make_unit(building, "Studio", capacity=1),
        head=son,
        start=TODAY,
        by=principal(coordinator),
    )
    housed_family = make_household(site, housed)
    client = verified_client(coordinator)

    def listed(query: dict[str, object]) -> tuple[set[int], set[int]]:
        page = client.get(ADMIT, query).content.decode()
        return _options(page, "household"), _options(page, "person")

    households, persons = listed({})
    assert persons == {free.pk, mother.pk, family.members.get(person__first_name="Ines").person_id}
    assert households == {family.pk}  # its head has no place; Awa's household is housed
    # From the 10th Awa has left: she and her household are listed again; Sara is not.
    households, persons = listed({"start": "2026-12-10"})
    assert households == {family.pk, housed_family.pk}
    assert housed.pk in persons
    assert later.pk not in persons
    # The family's members to tick: the son sleeps elsewhere, he is not offered.
    members = client.get(
        ADMIT, {"household": family.pk, "unit": room.pk}, headers={"HX-Request": "true"}
    ).content.decode()
    assert members.count('name="members"') == 2
    assert f'value="{son.pk}"' not in members


def test_the_form_opens_on_its_first_field_and_offers_no_night_gone_by(site, coordinator):
    room = make_unit(make_building(site), "Chambre", capacity=2)
    person = make_person(site, "Lina", "Sy")
    client = verified_client(coordinator)
    opened = client.get(
        ADMIT,
        {"unit": room.pk, "start": "2026-11-20"},
        headers={"HX-Request": "true", "HX-Target": "board-panel"},
    ).content.decode()
    assert '<select name="household" ' in opened
    assert opened.index("autofocus") < opened.index('name="person"')
    assert 'name="start" value="2026-12-02"' in opened  # a past night asked: tonight
    assert 'min="2026-12-02"' in opened
    redrawn = client.get(
        ADMIT, {"unit": room.pk}, headers={"HX-Request": "true", "HX-Target": "stay-form"}
    ).content.decode()
    assert "autofocus" not in redrawn  # redrawn while typing: the focus stays where it is
    refused = client.post(ADMIT, {"person": person.pk, "unit": room.pk, "start": "2026-12-01"})
    assert refused.status_code == 200
    assert "This night has passed: choose tonight or a later night." in refused.content.decode()
    assert Occupancy.objects.count() == 0
    admitted = client.post(ADMIT, {"person": person.pk, "unit": room.pk, "start": "2026-12-02"})
    assert admitted.status_code == 302
    board = client.get("/housing/").content.decode()
    assert 'hx-target="#board-panel" hx-swap="innerHTML show:#board-panel:top"' in board
