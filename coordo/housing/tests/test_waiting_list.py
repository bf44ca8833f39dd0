from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from conftest import make_person
from coordo.housing.actions import (
    accept_offer,
    create_place_request,
    offer_unit,
    refuse_offer,
)
from coordo.housing.models import OfferOutcome, PlaceRequest, Priority, RequestStatus
from coordo.housing.tests.factories import make_building, make_unit, principal

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 20)


@time_machine.travel("2026-11-20 10:00 +01:00")
def test_a_free_unit_goes_to_the_next_suitable_household_and_a_refusal_keeps_its_reason(
    site, coordinator
):
    who = principal(coordinator)
    studio = make_unit(make_building(site), "Studio", capacity=2)

    def request(name: str, **fields: Any) -> PlaceRequest:
        return create_place_request(site=site, head=make_person(site, name, "X"), by=who, **fields)

    too_big = request("Grande", persons=4, requested_on=date(2026, 9, 1))
    family = request("Famille", needs_family_unit=True, requested_on=date(2026, 9, 2))
    urgent = request("Urgente", priority=Priority.URGENT, requested_on=date(2026, 11, 1))
    first_normal = request("Patiente", requested_on=date(2026, 10, 1))
    assert urgent.waited_days(DAY) == 19
    offer = offer_unit(studio, on=DAY, by=who)
    assert offer.request == urgent
    refuse_offer(offer, reason="Trop loin de l'école", on=DAY, by=who)
    urgent.refresh_from_db()
    assert (urgent.status, offer.outcome) == (RequestStatus.WAITING, OfferOutcome.REFUSED)
    second = offer_unit(studio, on=DAY, by=who)
    assert second.request == first_normal  # the refused unit is not offered again to the same
    stay = accept_offer(second, start=DAY, by=who)
    first_normal.refresh_from_db()
    assert (first_normal.status, first_normal.stay, stay.head) == (
        RequestStatus.ADMITTED,
        stay,
        first_normal.head,
    )
    assert {too_big.status, family.status} == {RequestStatus.WAITING}


def test_a_refusal_without_reason_and_a_unit_nobody_fits_are_refused(site, coordinator):
    who = principal(coordinator)
    studio = make_unit(make_building(site), "Studio", capacity=1)
    with pytest.raises(ValidationError) as error:
        offer_unit(studio, on=DAY, by=who)
    assert error.value.message_dict == {
        "unit": ["No waiting household fits this unit on this date."]
    }
    create_place_request(site=site, head=make_person(site), by=who)
    offer = offer_unit(studio, on=DAY, by=who)
    with pytest.raises(ValidationError) as error:
        refuse_offer(offer, reason="  ", on=DAY, by=who)
    assert error.value.message_dict == {"refusal_reason": ["Say why the offer was refused."]}
