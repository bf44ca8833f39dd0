"""A unit's beds count from the night it entered service until the one it left it: a past
period's figures never change when the inventory does (Refuge Ariane's January 2026 went
from 95.6 % to 92.7 % after a room was created in December)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from conftest import make_person, verified_client
from coordo.disclosure import Period
from coordo.housing.actions import (
    admit_household,
    close_unit,
    create_unit,
    move_stay,
    update_unit,
)
from coordo.housing.figures import capacity_nights, compute, protected_figures
from coordo.housing.models import Unit
from coordo.housing.queries import free_places_tonight, units_visible_to, units_with_free_places
from coordo.housing.tests.factories import make_building, make_past_stay, make_unit, principal

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 2)
JANUARY = (date(2026, 1, 1), date(2026, 2, 1))


@pytest.fixture(autouse=True)
def _wednesday_2_december(time_machine: time_machine.TimeMachineFixture) -> None:
    time_machine.move_to("2026-12-02 10:00 +01:00")


def _january(site, coordinator):  # type: ignore[no-untyped-def]
    """Two rooms of two beds in service since 2025; 3 persons × 31 nights in January."""
    who = principal(coordinator)
    building = make_building(site, "Refuge Ariane")
    rooms = [make_unit(building, f"Chambre {n}", in_service_from=date(2025, 3, 1)) for n in (1, 2)]
    for index, room in enumerate([rooms[0], rooms[0], rooms[1]]):
        head = make_person(site, f"Résidente{index}", "Ariane")
        make_past_stay(room, head, date(2026, 1, 1), date(2026, 2, 1), by=who)
    return building, rooms


def _figures(site):  # type: ignore[no-untyped-def]
    january = compute(site.pk, *JANUARY)
    return january.nights, january.capacity_nights, january.occupancy_rate


def test_a_unit_added_today_leaves_a_past_month_as_it_was(site, coordinator):
    building, _rooms = _january(site, coordinator)
    before = _figures(site)
    assert before == (93, 4 * 31, 75.0)
    funders = protected_figures(site.pk, Period.parse("2026-01"), today=TODAY)

    # By the action (in service from today by default) and by the unit form.
    create_unit(
        building,
        name="Chambre 3",
        kind="room",
        capacity=2,
        by=principal(coordinator),
    )
    page = verified_client(coordinator).post(
        f"/housing/buildings/{building.pk}/units/new/",
        {"name": "Chambre 4", "kind": "room", "capacity": "3", "in_service_from": "2026-12-02"},
    )
    assert page.status_code == 302
    assert Unit.objects.get(name="Chambre 3").in_service_from == TODAY
    assert Unit.objects.get(name="Chambre 4").in_service_from == TODAY

    assert _figures(site) == before
    assert protected_figures(site.pk, Period.parse("2026-01"), today=TODAY) == funders
    # The new beds count from today: 2 + 3 beds × 30 nights of December from the 2nd.
    assert capacity_nights(site.pk, date(2026, 12, 1), date(2027, 1, 1)) == 4 * 31 + 5 * 30


def test_a_unit_taken_out_of_service_leaves_a_past_month_as_it_was(site, coordinator):
    _building, rooms = _january(site, coordinator)
    before = _figures(site)
    update_unit(rooms[1], out_of_service_from=TODAY, by=principal(coordinator))
    assert _figures(site) == before
    # December: both rooms the first night, one room from the 2nd on.
    assert capacity_nights(site.pk, date(2026, 12, 1), date(2027, 1, 1)) == 2 * 2 + 2 * 30
    with pytest.raises(ValidationError) as error:
        admit_household(
            rooms[1],
            head=make_person(site),
            start=TODAY,
            by=principal(coordinator),
        )
    assert error.value.message_dict == {
        "unit": ["This unit was withdrawn from service on 02/12/2026."]
    }


def test_capacity_counts_each_unit_over_its_service_and_closures_inside_it_only(site, coordinator):
    building = make_building(site)
    make_unit(building, "A", capacity=2, in_service_from=date(2026, 1, 11))
    make_unit(
        building,
        "B",
        capacity=3,
        in_service_from=date(2025, 1, 1),
        out_of_service_from=date(2026, 1, 21),
    )
    make_unit(building, "C", capacity=5, in_service_from=date(2026, 2, 1))  # never in January
    gone = make_unit(
        building,
        "D",
        capacity=4,
        in_service_from=date(2025, 1, 1),
        out_of_service_from=date(2025, 12, 1),
    )
    closed = make_unit(building, "E", capacity=1, in_service_from=date(2026, 1, 16))
    # Closed 1-20 January: only the 16th-20th fall inside its service.
    close_unit(
        closed,
        start=date(2026, 1, 1),
        end=date(2026, 1, 21),
        reason="Travaux",
        by=principal(coordinator),
    )
    assert capacity_nights(site.pk, *JANUARY) == 2 * 21 + 3 * 20 + 1 * (16 - 5)
    assert gone.pk  # withdrawn before January: no bed of it counts


def test_nobody_sleeps_in_a_unit_before_it_enters_service(site, coordinator):
    who = principal(coordinator)
    building = make_building(site)
    later = make_unit(building, "Neuve", in_service_from=date(2026, 12, 10))
    with pytest.raises(ValidationError) as error:
        admit_household(later, head=make_person(site), start=TODAY, by=who)
    assert error.value.message_dict == {"unit": ["This unit is in service from 10/12/2026 only."]}
    stay = admit_household(
        make_unit(building, "Ancienne"),
        head=make_person(site, "Sara", "Ba"),
        start=TODAY,
        by=who,
    )
    with pytest.raises(ValidationError) as error:
        move_stay(stay, unit=later, on=date(2026, 12, 5), by=who)
    assert error.value.message_dict == {"unit": ["This unit is in service from 10/12/2026 only."]}
    leaving = make_unit(building, "Rendue", out_of_service_from=date(2027, 3, 1))
    with pytest.raises(ValidationError) as error:
        admit_household(leaving, head=make_person(site, "Awa", "Sy"), start=TODAY, by=who)
    assert error.value.message_dict == {
        "unit": [
            "This unit leaves service on 01/03/2027: nobody can move in for an open stay. "
            "Choose another unit."
        ]
    }


def test_service_dates_cannot_leave_a_night_outside_the_service(site, coordinator):
    who = principal(coordinator)
    unit = make_unit(make_building(site), in_service_from=date(2026, 1, 1))
    admit_household(unit, head=make_person(site), start=date(2026, 3, 1), by=who)
    with pytest.raises(ValidationError) as error:
        update_unit(unit, in_service_from=date(2026, 4, 1), by=who)
    assert error.value.message_dict == {
        "in_service_from": ["Someone slept in this unit on 01/03/2026: it was in service by then."]
    }
    with pytest.raises(ValidationError) as error:
        update_unit(
            unit,
            in_service_from=date(2026, 1, 1),
            out_of_service_from=date(2027, 1, 1),
            by=who,
        )
    assert error.value.message_dict == {
        "out_of_service_from": [
            "Someone lives in this unit on or after this date: move them or end the stay first."
        ]
    }
    with pytest.raises(ValidationError) as error:
        update_unit(unit, out_of_service_from=date(2025, 12, 1), by=who)
    assert error.value.message_dict == {
        "out_of_service_from": ["A unit leaves service after the night it enters it."]
    }
    unit.refresh_from_db()
    assert (unit.in_service_from, unit.out_of_service_from) == (date(2026, 1, 1), None)


def test_the_unit_form_edits_the_service_dates(site, coordinator):
    unit = make_unit(make_building(site), "Studio", in_service_from=date(2025, 5, 1))
    client = verified_client(coordinator)
    page = client.get(f"/housing/units/{unit.pk}/edit/").content.decode()
    assert 'name="in_service_from" value="2025-05-01"' in page
    assert 'name="out_of_service_from"' in page
    posted = client.post(
        f"/housing/units/{unit.pk}/edit/",
        {
            "name": "Studio",
            "kind": "studio",
            "capacity": "2",
            "in_service_from": "2025-05-01",
            "out_of_service_from": "2027-01-01",
        },
    )
    assert posted.status_code == 302
    unit.refresh_from_db()
    assert unit.out_of_service_from == date(2027, 1, 1)


def test_tonight_the_board_and_the_free_places_count_units_in_service_only(site, coordinator):
    building = make_building(site, "Maison Lierre")
    make_unit(building, "Ouverte", capacity=2)
    later = make_unit(building, "Neuve", capacity=3, in_service_from=date(2026, 12, 4))
    make_unit(
        building,
        "Rendue",
        capacity=4,
        in_service_from=date(2025, 1, 1),
        out_of_service_from=date(2026, 11, 1),
    )
    [tonight] = free_places_tonight(principal(coordinator), TODAY)
    assert (tonight.capacity, tonight.free) == (2, 2)
    free = dict(
        units_with_free_places(units_visible_to(principal(coordinator)), TODAY).values_list(
            "name", "free"
        )
    )
    assert free == {"Ouverte": 2, "Neuve": 0, "Rendue": 0}
    in_two_days = units_with_free_places(Unit.objects.filter(pk=later.pk), date(2026, 12, 4))
    assert in_two_days.get().free == 3

    body = verified_client(coordinator).get("/housing/?start=2026-11-30&days=7").content.decode()
    opens = "in service from 04/12/2026"
    for place in ("c1 s2", "c3 s2"):  # split at tonight, as every stretch
        assert (
            f'<span class="board-closed {place}" title="{opens}">out of service: {opens}</span>'
            in body
        )
    assert "Rendue" not in body  # withdrawn before the window
    units = verified_client(coordinator).get("/housing/buildings/").content.decode()
    assert '<span class="badge badge-no">in service from 04/12/2026</span>' in units
    assert '<span class="badge badge-no">withdrawn from service on 01/11/2026</span>' in units
    assert body.count('<div class="board-row">') == 3  # the header and the two units
