"""A NUL character is refused at the door, naming the field, never a 500 on PostgreSQL.

Run on SQLite and on PostgreSQL (COORDO_DATABASE_URL=postgres://…): PostgreSQL is where
a NUL that reached a query used to fail.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client

from conftest import PASSWORD, verified_client
from coordo.people.models import Person


def refused(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 400
    return response.content.decode()


@pytest.mark.django_db
def test_a_search_query_string_with_a_nul_is_refused_naming_the_field(social_worker, person):
    client = verified_client(social_worker)
    client.raise_request_exception = False
    body = refused(client.get("/front-desk/search/", {"q": "Elo\x00ise"}))
    assert "The field «q» contains a NUL character." in body
    assert "Elo" not in body  # the typed words are not echoed
    # In a field's name too, shown with a visible symbol.
    assert "The field «a␀b» contains" in refused(client.get("/people/", {"a\x00b": "1"}))


@pytest.mark.django_db
def test_a_login_form_with_a_nul_is_refused_before_any_lookup(social_worker):
    client = Client(raise_request_exception=False, headers={"accept-language": "en"})
    posted = {"username": social_worker.email + "\x00", "password": PASSWORD}
    body = refused(client.post("/accounts/login/", posted))
    assert "The field «username» contains a NUL character." in body
    assert not AccessAttempt.objects.exists()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_person_form_with_a_nul_is_refused_and_nothing_saved(social_worker):
    client = verified_client(social_worker, language="fr")
    client.raise_request_exception = False
    fields = {"first_name": "Ho\x00dan", "last_name": "Warsame", "sex": "female"}
    body = refused(client.post("/people/new/", fields))
    assert "Le champ «first_name» contient un caractère NUL." in body
    assert '<html lang="fr">' in body
    assert not Person.objects.exists()
    # Posted by htmx: the reasons go to the page's messages, the form stays as filled in.
    answer = client.post("/people/new/", fields, headers={"hx-request": "true"})
    assert answer["HX-Reswap"] == "none"
    assert "Le champ «first_name» contient un caractère NUL." in refused(answer)
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_an_htmx_search_with_a_nul_keeps_its_results_and_says_why_in_the_messages(
    social_worker,
):
    client = verified_client(social_worker)
    client.raise_request_exception = False
    htmx = {"hx-request": "true", "hx-target": "results"}
    # The live list of people (GET) and the front desk's search (POST), as htmx asks them.
    for answer in (
        client.get("/people/", {"q": "Elo\x00ise"}, headers=htmx),
        client.post("/front-desk/search/", {"q": "Elo\x00ise"}, headers=htmx),
    ):
        # Nothing replaces the results (a swap lost the target until the page was reloaded)...
        assert answer["HX-Reswap"] == "none"
        body = refused(answer)
        # ...and the reason goes, out of band, where the page shows its messages.
        assert body.strip().startswith('<div class="messages" id="messages" role="status"')
        assert 'hx-swap-oob="innerHTML"' in body
        assert (
            '<p class="message message-error">The field «q» contains a NUL character.</p>' in body
        )
        assert "Elo" not in body


@pytest.mark.django_db
def test_the_api_answers_a_nul_in_its_error_shape(admin_user):
    answer = verified_client(admin_user).get("/api/people", {"q": "a\x00"})
    assert answer.status_code == 422
    assert answer.json() == {
        "detail": [
            {"loc": ["query", "q"], "msg": "Null characters are not allowed.", "type": "string_nul"}
        ]
    }


@pytest.mark.django_db
def test_an_address_with_a_nul_is_refused():
    # The calendar feed's secret is a str path segment, looked up in the database.
    client = Client(raise_request_exception=False, headers={"accept-language": "en"})
    body = refused(client.get("/planning/calendar/abc%00def.ics"))
    assert "The address contains a NUL character." in body


@pytest.mark.django_db
def test_a_cookie_with_a_nul_is_ignored(social_worker):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    assert client.get("/accounts/login/").status_code == 200
