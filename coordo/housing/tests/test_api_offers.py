"""The waiting list through the API: offer a unit, answer the offer, withdraw a request."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from conftest import make_household, make_person, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.housing.actions import create_place_request, offer_unit
from coordo.housing.models import Offer, OfferOutcome, RequestStatus, Stay
from coordo.housing.tests.factories import make_building, make_unit, principal

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 20)


def _post(client, url: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
    return client.post(url, data, content_type="application/json")


@time_machine.travel("2026-11-20 10:00 +01:00")
def test_offer_to_the_next_household_or_to_a_named_request(site, social_worker):
    who = principal(social_worker)
    studio = make_unit(make_building(site, "Discrète", confidential=True), "Studio", capacity=2)
    first = create_place_request(
        site=site,
        head=make_person(site, "Awa", "X"),
        requested_on=date(2026, 9, 1),
        by=who,
    )
    second = create_place_request(site=site, head=make_person(site, "Sara", "X"), by=who)
    too_big = create_place_request(
        site=site,
        head=make_person(site, "Grande", "X"),
        persons=4,
        by=who,
    )
    client = verified_client(social_worker)
    url = f"/api/housing/units/{studio.pk}/offers"
    named = _post(client, url, {"on": "2026-11-20", "request_id": second.pk})
    assert named.status_code == 201
    assert {k: named.json()[k] for k in ("request_id", "location", "outcome")} == {
        "request_id": second.pk,
        "location": "Discrète · Studio",
        "outcome": "pending",
    }
    nobody = _post(client, url, {"on": "2026-11-20", "request_id": too_big.pk})
    assert (nobody.status_code, nobody.json()["detail"]) == (
        422,
        [
            {
                "loc": ["body", "request"],
                "type": "value_error",
                "msg": "This request is not waiting, or this unit does not fit it.",
            }
        ],
    )
    following = _post(client, url, {"on": "2026-11-20"})
    assert (following.status_code, following.json()["request_id"]) == (201, first.pk)
    assert (
        AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="housing.offer").count()
        == 2
    )


def test_accepting_admits_the_chosen_members_and_an_answered_offer_stays_answered(
    site, coordinator
):
    who = principal(coordinator)
    apartment = make_unit(make_building(site), "Appartement", capacity=4, family=True)
    mother, son, daughter = (make_person(site, name, "Kone") for name in ("Awa", "Moussa", "Issa"))
    household = make_household(site, mother, son, daughter)
    create_place_request(site=site, head=mother, household=household, by=who)
    offer = offer_unit(apartment, on=DAY, by=who)
    client = verified_client(coordinator)
    url = f"/api/housing/offers/{offer.pk}/answer"
    accepted = _post(
        client,
        url,
        {"decision": "accept", "on": "2026-11-21", "members": [mother.pk, daughter.pk]},
    )
    assert accepted.status_code == 200
    body = accepted.json()
    assert (body["offer"]["outcome"], body["offer"]["answered_on"]) == ("accepted", "2026-11-21")
    assert sorted(o["person_id"] for o in body["stay"]["occupancies"]) == sorted(
        [mother.pk, daughter.pk]
    )
    again = _post(client, url, {"decision": "refuse", "on": "2026-11-22", "refusal_reason": "Non"})
    assert (again.status_code, again.json()["detail"][0]["msg"]) == (
        422,
        "This offer has already been answered.",
    )
    assert Stay.objects.count() == 1


def test_a_refusal_needs_its_reason_and_puts_the_household_back_in_its_place(site, coordinator):
    who = principal(coordinator)
    studio = make_unit(make_building(site), capacity=1)
    request = create_place_request(site=site, head=make_person(site), by=who)
    offer = offer_unit(studio, on=DAY, by=who)
    client = verified_client(coordinator)
    url = f"/api/housing/offers/{offer.pk}/answer"
    silent = _post(client, url, {"decision": "refuse", "on": "2026-11-20"})
    assert (silent.status_code, silent.json()["detail"][0]["loc"]) == (
        422,
        ["body", "refusal_reason"],
    )
    refused = _post(
        client, url, {"decision": "refuse", "on": "2026-11-20", "refusal_reason": "Trop loin"}
    )
    assert (refused.status_code, refused.json()["stay"]) == (200, None)
    request.refresh_from_db()
    offer.refresh_from_db()
    assert (request.status, offer.outcome, offer.refusal_reason) == (
        RequestStatus.WAITING,
        OfferOutcome.REFUSED,
        "Trop loin",
    )


def test_withdrawing_a_request_refuses_its_pending_offer_once(site, social_worker):
    who = principal(social_worker)
    request = create_place_request(site=site, head=make_person(site), by=who)
    offer_unit(make_unit(make_building(site), capacity=1), on=DAY, by=who)
    client = verified_client(social_worker)
    url = f"/api/housing/requests/{request.pk}/withdraw"
    withdrawn = client.post(url)
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (200, "withdrawn")
    assert list(Offer.objects.values_list("outcome", "refusal_reason")) == [
        ("refused", "Request withdrawn")
    ]
    twice = client.post(url)
    assert (twice.status_code, twice.json()["detail"][0]["msg"]) == (
        422,
        "This request is no longer on the waiting list.",
    )


def test_the_waiting_list_of_another_site_answers_404(site, coordinator, other_site_worker):
    who = principal(coordinator)
    studio = make_unit(make_building(site), capacity=1)
    request = create_place_request(site=site, head=make_person(site), by=who)
    offer = offer_unit(studio, on=DAY, by=who)
    client = verified_client(other_site_worker)
    answers = [
        client.post(f"/api/housing/requests/{request.pk}/withdraw").status_code,
        _post(
            client,
            f"/api/housing/offers/{offer.pk}/answer",
            {"decision": "accept", "on": "2026-11-20"},
        ).status_code,
        _post(client, f"/api/housing/units/{studio.pk}/offers", {"on": "2026-11-20"}).status_code,
    ]
    assert answers == [404, 404, 404]
    assert (Offer.objects.get().outcome, Stay.objects.count()) == (OfferOutcome.PENDING, 0)
