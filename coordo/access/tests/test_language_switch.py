"""The language switch works before login, marks the current language, and lasts past login."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from conftest import PASSWORD

SWITCH = re.compile(
    r'<button type="submit" name="language" value="(\w+)"[^>]*?(aria-current="true")?>'
)


def buttons(html: str) -> dict[str, bool]:
    """Each language's button, and whether it is marked as the current one."""
    return {code: bool(current) for code, current in SWITCH.findall(html)}


@pytest.mark.django_db
def test_the_login_page_offers_each_language_and_marks_the_current_one():
    page = Client(headers={"accept-language": "fr"}).get("/accounts/login/").content.decode()
    assert buttons(page) == {"fr": True, "nl": False, "en": False}
    assert 'action="/i18n/setlang/"' in page


@pytest.mark.django_db
def test_a_visitor_switches_to_dutch_on_the_login_page_and_keeps_it_after_login(host):
    visitor = Client(headers={"accept-language": "fr"})
    answer = visitor.post("/i18n/setlang/", {"language": "nl", "next": "/accounts/login/"})
    # Before the fix the switch was behind the login wall: it sent the visitor to log in.
    assert (answer.status_code, answer["Location"]) == (302, "/accounts/login/")
    login_page = visitor.get("/accounts/login/").content.decode()
    assert '<html lang="nl">' in login_page
    assert buttons(login_page) == {"fr": False, "nl": True, "en": False}
    assert "Aanmelden" in login_page

    visitor.post("/accounts/login/", {"username": host.email, "password": PASSWORD})
    dashboard = visitor.get("/", follow=True).content.decode()
    assert '<html lang="nl">' in dashboard
    assert "Afmelden" in dashboard


@pytest.mark.django_db
def test_a_switch_never_sends_the_visitor_elsewhere():
    answer = Client().post(
        "/i18n/setlang/", {"language": "en", "next": "https://elsewhere.example/"}
    )
    assert (answer.status_code, answer["Location"]) == (302, "/")
