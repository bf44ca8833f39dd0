from __future__ import annotations

import pytest

from conftest import make_person, verified_client
from coordo.access.scoping import principal_for_user
from coordo.people.queries import search_persons


@pytest.fixture
def persons(site, other_site):
    return {
        "eloise": make_person(site, "Éloïse", "Van den Brœck", birth_year=1990),
        "mariama": make_person(site, "Mariama", "Diallo", birth_year=1987),
        "fatou": make_person(site, "Fatoumata", "Baldé", birth_year=1990),
        "elsewhere": make_person(other_site, "Mariama", "Diallo", birth_year=1987),
    }


def names(queryset):
    return sorted(person.first_name for person in queryset)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("eloise", ["Éloïse"]),
        ("ÉLOÏSE", ["Éloïse"]),
        ("broeck", ["Éloïse"]),
        ("van den", ["Éloïse"]),
        ("diallo mariama", ["Mariama"]),
        ("balde", ["Fatoumata"]),
        ("mari", ["Mariama"]),
        ("1990", ["Fatoumata", "Éloïse"]),
        ("nobody", []),
    ],
)
def test_search_is_partial_accent_insensitive_and_by_birth_year(
    persons, social_worker, query, expected
):
    assert names(search_persons(principal_for_user(social_worker), query)) == expected


@pytest.mark.django_db
def test_the_live_search_answers_with_the_results_fragment_only(persons, social_worker):
    response = verified_client(social_worker).post(
        "/people/", {"q": "eloise"}, headers={"hx-request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="person-results"')
    assert f"/people/{persons['eloise'].pk}/" in body
    assert f"/people/{persons['mariama'].pk}/" not in body


@pytest.mark.django_db
def test_a_search_is_posted_and_works_without_javascript(persons, social_worker):
    response = verified_client(social_worker).post("/people/", {"q": "diallo"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" in body
    assert 'method="post" action="/people/"' in body
    assert 'value="diallo"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert f"/people/{persons['mariama'].pk}/" in body
    assert f"/people/{persons['eloise'].pk}/" not in body


@pytest.mark.django_db
def test_a_name_in_the_address_searches_nothing(persons, social_worker):
    client = verified_client(social_worker)
    response = client.get("/people/", {"q": "eloise", "page": "1"})
    assert (response.status_code, response["Location"]) == (302, "/people/")
    # The empty form lists everyone of the site, with no search in its links.
    body = client.get("/people/").content.decode()
    assert 'value=""' in body
    assert "q=" not in body


@pytest.mark.django_db
def test_the_pages_of_a_search_are_posted_with_its_words(site, social_worker):
    for number in range(30):
        make_person(site, f"Awa{number:02d}", "Traoré", birth_year=1980)
    client = verified_client(social_worker)
    first = client.post("/people/", {"q": "traore"}).content.decode()
    assert "q=traore" not in first
    assert '<input type="hidden" name="q" value="traore">' in first
    assert '<button type="submit" name="page" value="2"' in first
    second = client.post("/people/", {"q": "traore", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second
    assert second.count("TRAORÉ Awa") == 5
