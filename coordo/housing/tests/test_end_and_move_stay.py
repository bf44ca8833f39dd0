from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import make_household, make_person
from coordo.housing.actions import admit_household, end_stay, move_stay
from coordo.housing.models import Destination, ExitReason
from coordo.housing.tests.factories import make_building, make_unit, principal

pytestmark = pytest.mark.django_db


def _refused_exit(stay, end, destination, by):  # type: ignore[no-untyped-def]
    """The errors of an exit the action refuses."""
    with pytest.raises(ValidationError) as error:
        end_stay(stay, end=end, exit_reason="planned", destination=destination, by=by)
    return error.value.message_dict


def test_moving_frees_the_old_unit_from_the_move_night(site, coordinator):
    who, building = principal(coordinator), make_building(site)
    studio, apartment = (
        make_unit(building, "Studio", capacity=2),
        make_unit(building, "Appartement", capacity=3),
    )
    mother = make_person(site, "Awa", "Kone")
    household = make_household(site, mother, make_person(site, "Issa", "Kone"))
    stay = admit_household(
        studio,
        head=mother,
        household=household,
        start=date(2026, 1, 10),
        by=who,
    )
    move_stay(stay, unit=apartment, on=date(2026, 3, 1), by=who)
    rows = stay.occupancies.order_by("unit__name", "slot").values_list("unit__name", "start", "end")
    assert list(rows) == [
        ("Appartement", date(2026, 3, 1), None),
        ("Appartement", date(2026, 3, 1), None),
        ("Studio", date(2026, 1, 10), date(2026, 3, 1)),
        ("Studio", date(2026, 1, 10), date(2026, 3, 1)),
    ]
    newcomer = make_person(site, "Mariam", "Sy")
    admit_household(studio, head=newcomer, start=date(2026, 3, 1), by=who)


def test_ending_a_stay_records_its_destination_and_closes_every_bed(site, social_worker):
    who = principal(social_worker)
    unit = make_unit(make_building(site), capacity=2)
    stay = admit_household(unit, head=make_person(site), start=date(2026, 1, 10), by=who)
    end_stay(
        stay,
        end=date(2026, 6, 30),
        exit_reason=ExitReason.HOUSING_FOUND,
        destination=Destination.SOCIAL_HOUSING,
        by=who,
    )
    stay.refresh_from_db()
    assert (stay.end, stay.destination, stay.nights(date(2026, 12, 31))) == (
        date(2026, 6, 30),
        Destination.SOCIAL_HOUSING,
        171,
    )
    assert list(stay.occupancies.values_list("end", flat=True)) == [date(2026, 6, 30)]
    assert _refused_exit(stay, date(2026, 7, 1), "unknown", who) == {
        "end": ["This stay has already ended."]
    }


def test_an_exit_needs_a_destination_and_cannot_precede_the_entry(site, social_worker):
    who = principal(social_worker)
    unit = make_unit(make_building(site), capacity=2)
    stay = admit_household(unit, head=make_person(site), start=date(2026, 1, 10), by=who)
    assert _refused_exit(stay, date(2026, 1, 9), "unknown", who) == {
        "end": ["The exit date cannot come before the entry date."]
    }
    assert list(_refused_exit(stay, date(2026, 2, 9), "", who)) == ["destination"]
