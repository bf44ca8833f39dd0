from __future__ import annotations

from datetime import date

import pytest

from conftest import make_household, make_person, verified_client
from coordo.housing.actions import admit_household
from coordo.housing.tests.factories import make_building, make_unit, principal

pytestmark = pytest.mark.django_db


def test_admit_then_a_second_household_gets_no_longer_free_as_a_422(site, social_worker):
    unit = make_unit(
        make_building(site, "Discrète", confidential=True), "A", capacity=3, family=True
    )
    mother = make_person(site, "Awa", "Kone")
    household = make_household(site, mother, make_person(site, "Issa", "Kone"))
    client = verified_client(social_worker)
    url = f"/api/housing/units/{unit.pk}/stays"
    created = client.post(
        url, {"household_id": household.pk, "start": "2026-11-23"}, content_type="application/json"
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["household_type"], len(body["occupancies"])) == ("single_parent", 2)
    assert body["occupancies"][0]["location"] == "Discrète · A"
    refused = client.post(
        url,
        {"head_id": make_person(site).pk, "start": "2026-11-30"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "unit"]
    assert refused.json()["detail"][0]["msg"] == (
        "This unit is already taken on these dates by Awa Kone from 23/11/2026, no exit date yet."
    )


def test_ending_a_stay_through_the_api_needs_a_known_destination(site, coordinator):
    unit = make_unit(make_building(site), capacity=1)
    stay = admit_household(
        unit,
        head=make_person(site),
        start=date(2026, 11, 1),
        by=principal(coordinator),
    )
    client = verified_client(coordinator)
    wrong = client.post(
        f"/api/housing/stays/{stay.pk}/end",
        {"end": "2026-11-20", "exit_reason": "planned", "destination": "moon"},
        content_type="application/json",
    )
    assert wrong.status_code == 422
    ended = client.post(
        f"/api/housing/stays/{stay.pk}/end",
        {"end": "2026-11-20", "exit_reason": "planned", "destination": "street"},
        content_type="application/json",
    )
    assert (ended.status_code, ended.json()["destination"]) == (200, "street")


def test_a_host_reads_free_places_and_confidential_location_instead_of_the_address(site, host):
    make_unit(make_building(site, "Discrète", confidential=True), "A", capacity=4, family=True)
    units = verified_client(host).get("/api/housing/units").json()["items"]
    assert [(u["address"], u["free_tonight"]) for u in units] == [("confidential location", 4)]


def test_admit_part_of_a_household_through_the_api(site, coordinator):
    unit = make_unit(make_building(site), "Appartement", capacity=4, family=True)
    mother, son, daughter = (make_person(site, name, "Kone") for name in ("Awa", "Moussa", "Issa"))
    household = make_household(site, mother, son, daughter)
    client = verified_client(coordinator)
    url = f"/api/housing/units/{unit.pk}/stays"
    without_head = client.post(
        url,
        {"household_id": household.pk, "members": [son.pk, daughter.pk], "start": "2026-11-23"},
        content_type="application/json",
    )
    assert (without_head.status_code, without_head.json()["detail"]) == (
        422,
        [
            {
                "loc": ["body", "members"],
                "type": "value_error",
                "msg": "The head of household is admitted with the others.",
            }
        ],
    )
    admitted = client.post(
        url,
        {"household_id": household.pk, "members": [mother.pk, daughter.pk], "start": "2026-11-23"},
        content_type="application/json",
    )
    assert admitted.status_code == 201
    assert sorted(o["person_id"] for o in admitted.json()["occupancies"]) == sorted(
        [mother.pk, daughter.pk]
    )
