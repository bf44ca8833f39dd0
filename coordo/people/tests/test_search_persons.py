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
    response = verified_client(social_worker).get(
        "/people/", {"q": "eloise"}, headers={"hx-request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="person-results"' in body
    assert f"/people/{persons['eloise'].pk}/" in body
