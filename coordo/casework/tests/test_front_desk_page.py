from __future__ import annotations

import pytest

from conftest import make_person, verified_client
from coordo.casework.models import Outcome, Request
from coordo.people.models import Person

pytestmark = pytest.mark.django_db

NEW = {
    "first_name": "Selam",
    "last_name": "Tesfamariam",
    "birth_year": "1994",
    "kind": "accommodation",
    "urgency": "urgent",
    "language": "ti",
    "interpreter_needed": "on",
}


def test_a_new_person_and_her_request_are_registered_in_one_post(social_worker, site):
    response = verified_client(social_worker).post("/front-desk/", NEW)
    assert response.status_code == 302
    request = Request.objects.get()
    assert (request.person.first_name, request.person.languages, request.interpreter_needed) == (
        "Selam",
        ["ti"],
        True,
    )


def test_a_look_alike_stops_the_registration_with_a_warning(social_worker, site):
    make_person(site, "Sélam", "Tesfamariam", birth_year=1994)
    client = verified_client(social_worker)
    response = client.post("/front-desk/", NEW)
    assert "may already be registered" in response.content.decode()
    assert (Person.objects.count(), Request.objects.count()) == (1, 0)
    assert client.post("/front-desk/", {**NEW, "confirm_not_duplicate": "on"}).status_code == 302
    assert (Person.objects.count(), Request.objects.count()) == (2, 1)


def test_a_missing_person_is_named_next_to_the_field(social_worker):
    response = verified_client(social_worker).post(
        "/front-desk/", {"kind": "information", "urgency": "normal"}
    )
    assert response.status_code == 200
    assert "Choose the person found, or type a first and last name." in response.content.decode()
    assert Request.objects.count() == 0


def test_the_live_search_lists_known_persons_of_the_site_only(social_worker, site, other_site):
    make_person(site, "Hawa", "Camara", birth_year=1988)
    make_person(other_site, "Hawa", "Camara-Sow", birth_year=1988)
    body = (
        verified_client(social_worker).post("/front-desk/search/", {"q": "cama"}).content.decode()
    )
    assert body.count('name="person"') == 1


def test_a_name_in_the_address_searches_nothing(social_worker, site):
    make_person(site, "Hawa", "Camara", birth_year=1988)
    response = verified_client(social_worker).get("/front-desk/search/", {"q": "cama"})
    assert response.status_code == 405
    assert b"CAMARA" not in response.content


def test_an_outcome_button_closes_the_request(social_worker, site, person):
    request = Request.objects.create(
        organisation=site.organisation, site=site, person=person, kind="information"
    )
    client = verified_client(social_worker)
    client.post(f"/requests/{request.pk}/outcome/", {"outcome": "oriented"})
    request.refresh_from_db()
    assert request.outcome == Outcome.ORIENTED


def test_typing_a_new_name_warns_live_about_a_look_alike(social_worker, site):
    existing = make_person(site, "Sélam", "Tesfamariam", birth_year=1994)
    body = (
        verified_client(social_worker)
        .post(
            "/front-desk/search/",
            {"first_name": "Selam", "last_name": "Tesfamariam", "birth_year": "1994"},
        )
        .content.decode()
    )
    assert "may already be registered" in body
    assert f'value="{existing.pk}"' in body


def test_the_queue_refreshes_alone_for_htmx(social_worker, site, person):
    Request.objects.create(organisation=site.organisation, site=site, person=person, kind="legal")
    response = verified_client(social_worker).get("/front-desk/", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.startswith('\n<section class="card" id="queue"')
    assert "Legal question" in body
