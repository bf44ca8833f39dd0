from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_household, make_person, make_user, verified_client
from coordo.access.roles import Role
from coordo.housing.actions import admit_household, create_place_request
from coordo.housing.models import Occupancy, Stay
from coordo.housing.tests.factories import make_building, make_unit, principal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_23_november")]


def test_the_board_shows_stays_as_bars_and_free_beds_as_links(site, coordinator):
    building = make_building(site)
    dormitory = make_unit(building, "Dortoir", capacity=3, kind="dormitory")
    admit_household(
        dormitory,
        head=make_person(site, "Awa", "Kone"),
        start=date(2026, 11, 20),
        by=principal(coordinator),
    )
    body = verified_client(coordinator).get("/housing/?start=2026-11-23&days=7").content.decode()
    assert "Awa Kone" in body
    assert 'class="board-bar c1 s7 r1 open-left open-right"' in body
    admit = f"/housing/stays/admit/?unit={dormitory.pk}&amp;start=2026-11-23"
    assert body.count('class="board-free ') == 1
    assert (
        f'<a class="board-free c1 s7" href="{admit}" hx-get="{admit}" '
        'aria-label="2 free from 23 November to 29 November: admit" '
        'title="2 free from 23 November to 29 November: admit">2</a>'
    ) in body


def test_the_board_costs_the_same_queries_for_one_stay_or_thirty(site, coordinator):
    building, who = make_building(site), principal(coordinator)
    client = verified_client(coordinator)
    units = [make_unit(building, f"Chambre {n}", capacity=2) for n in range(15)]

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/housing/?start=2026-11-01&days=28").status_code == 200
        return len(queries)

    admit_household(
        units[0],
        head=make_person(site, "P", "0"),
        start=date(2026, 11, 1),
        by=who,
    )
    count()  # the first request of a session also writes it (its idle expiry)
    few = count()
    for n in range(1, 30):
        admit_household(
            units[n // 2],
            head=make_person(site, "P", str(n)),
            start=date(2026, 11, 1),
            by=who,
        )
    assert count() == few


def test_admitting_from_the_board_then_ending_with_a_destination(site, social_worker):
    unit = make_unit(make_building(site), "Appartement", capacity=3, family=True)
    mother = make_person(site, "Awa", "Kone")
    household = make_household(site, mother, make_person(site, "Issa", "Kone"))
    client = verified_client(social_worker)
    form = client.get(
        f"/housing/stays/admit/?unit={unit.pk}&start=2026-11-23", headers={"HX-Request": "true"}
    )
    assert "<form" in form.content.decode()
    assert "<html" not in form.content.decode()
    response = client.post(
        "/housing/stays/admit/", {"household": household.pk, "unit": unit.pk, "start": "2026-11-23"}
    )
    assert response.status_code == 302
    stay = Stay.objects.get()
    assert Occupancy.objects.filter(stay=stay).count() == 2
    ended = client.post(
        f"/housing/stays/{stay.pk}/end/",
        {"end": "2026-12-01", "exit_reason": "housing_found", "destination": "private_rental"},
    )
    assert ended.url == f"/housing/stays/{stay.pk}/"
    stay.refresh_from_db()
    assert (stay.end, stay.destination) == (date(2026, 12, 1), "private_rental")


def test_a_place_taken_meanwhile_says_by_whom_next_to_the_unit(site, social_worker):
    unit = make_unit(make_building(site), "Studio", capacity=1)
    admit_household(
        unit,
        head=make_person(site, "Awa", "Kone"),
        start=date(2026, 11, 23),
        by=principal(social_worker),
    )
    late = make_person(site, "Sara", "Ba")
    response = verified_client(social_worker).post(
        "/housing/stays/admit/", {"person": late.pk, "unit": unit.pk, "start": "2026-11-23"}
    )
    assert response.status_code == 200
    assert (
        "This unit is already taken on these dates by Awa Kone from 23/11/2026, no exit date yet."
    ) in response.content.decode()


def test_a_host_sees_free_places_but_not_the_secret_address(site):
    make_unit(make_building(site, "Discrète", confidential=True), "A", capacity=4, family=True)
    host = make_user(site, Role.HOST)
    body = verified_client(host).get("/housing/buildings/").content.decode()
    assert "Rue secrète 3" not in body
    assert "confidential location" in body
    dashboard = verified_client(host).get("/").content.decode()
    assert "Free places tonight" in dashboard


def test_one_click_offers_a_free_unit_and_the_waiting_list_records_the_refusal(site, coordinator):
    unit = make_unit(make_building(site), "Studio", capacity=2)
    who = principal(coordinator)
    request = create_place_request(
        site=site,
        head=make_person(site, "Ruth", "Mensah"),
        requested_on=date(2026, 11, 2),
        by=who,
    )
    client = verified_client(coordinator)
    assert client.post(f"/housing/units/{unit.pk}/offer/").url == "/housing/waiting/"
    offer = request.offers.get()
    page = client.get("/housing/waiting/").content.decode()
    assert "21 days" in page
    assert f'action="/housing/offers/{offer.pk}/answer/"' in page
    client.post(
        f"/housing/offers/{offer.pk}/answer/",
        {"decision": "refuse", "on": "2026-11-23", "refusal_reason": "Trop loin"},
    )
    page = client.get("/housing/waiting/").content.decode()
    assert "Refused: Trop loin" in page
