"""Every language shows day-first dates and 24-hour times, and speaks its own words."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import formats, translation

from coordo.access.languages import language_choices
from coordo.access.roles import Role
from coordo.people.vocab import country_choices
from coordo.translation_gaps import (
    default_language_fallbacks,
    english_leaks,
    iso_dates,
    raw_codes,
    untranslated_entries,
)
from tests.permissions import MATRIX
from tests.test_permission_matrix import route_url
from tests.world import world_fixture

ROOT = Path(__file__).resolve().parent.parent
DAY = date(2026, 2, 12)
MOMENT = datetime(2026, 2, 12, 16, 5)  # noqa: DTZ001 - formatting only, no zone involved


@pytest.mark.parametrize(
    ("language", "short_date", "short_datetime"),
    [
        ("en", "12/02/2026", "12/02/2026 16:05"),
        ("fr", "12/02/2026", "12/02/2026 16:05"),
        ("nl", "12-2-2026", "12-2-2026 16:05"),
    ],
)
def test_dates_are_day_first_and_times_24_hour(language, short_date, short_datetime):
    with translation.override(language):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short_date
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == short_datetime
        assert formats.time_format(time(16, 5), "TIME_FORMAT") == "16:05"
        assert formats.date_format(DAY, "DATE_FORMAT").startswith("12 ")
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_an_english_form_reads_a_typed_date_day_first():
    from django import forms

    with translation.override("en"):
        assert forms.DateField().clean("12/02/2026") == DAY


# --- No English in a Dutch page -------------------------------------------------------

# The role a page is read as: the first of these the route lets in (the coordinator sees most).
_READERS = (
    Role.COORDINATOR,
    Role.SOCIAL_WORKER,
    Role.MEDICAL,
    Role.DISPATCHER,
    Role.HOST,
    Role.FINANCE,
    Role.ADMIN,
    Role.RESEARCHER,
    Role.FUNDER,
    Role.PREVENTION_ADVISOR,
    Role.DIRECTOR,
)


def _page_cases() -> Iterator[Any]:
    for name, route in MATRIX.items():
        if route.method != "GET" or route.api:
            continue
        if route.ok == 200 and route.allowed:
            role = next(role for role in _READERS if role in route.allowed)
            yield pytest.param(name, role, id=f"{name}-{role}")
        elif route.anonymous == 200:
            yield pytest.param(name, None, id=f"{name}-anonymous")


world = world_fixture()


def test_the_readers_name_every_role():
    assert set(_READERS) == set(Role.values)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_catalogue_leaves_nothing_untranslated(language):
    assert untranslated_entries(language) == []


def test_no_message_of_django_or_its_apps_falls_back_to_french_in_dutch():
    # Django's Dutch catalogues trail the French ones; coordo/access/third_party_messages.py
    # carries what they lack.
    assert default_language_fallbacks("nl") == []
    assert default_language_fallbacks("en") == []  # Django gives English no fallback


def test_every_translation_function_goes_by_a_name_makemessages_reads():
    # `gettext_lazy as _lazy` hid the board's periods from the catalogues.
    read = {"_", *dir(translation)}
    aliases = [
        f"{path.relative_to(ROOT)}: {alias.name} as {alias.asname}"
        for path in sorted((ROOT / "coordo").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.asname and alias.asname not in read
    ]
    assert aliases == []


def test_english_leaks_finds_a_msgid_and_an_unwrapped_sentence_but_not_dutch():
    html = """<p>Log out</p><label>Name:</label><p>Afmelden</p>
    <p>The unit is too small for this household</p><script>var the = "and with";</script>
    <button title="Show the plan for this week">x</button><p>Amina DIALLO</p>"""
    assert english_leaks(html, "nl") == [
        "'Log out' (msgid 'Log out')",
        "'Name:' (msgid 'Name')",
        "'The unit is too small for this household' (not wrapped for translation)",
        "'Show the plan for this week' (not wrapped for translation)",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "fr"])
@pytest.mark.parametrize(("name", "role"), list(_page_cases()))
def test_a_page_in_dutch_or_french_shows_no_english(world, name, role, language):
    client = (
        world.client(world.users[role], language=language)
        if role
        else Client(headers={"accept-language": language})
    )
    answer = client.get(route_url(name, world.places["own"]))
    assert answer.status_code == 200
    if not answer["Content-Type"].startswith("text/html"):
        return  # an export or a calendar: its words are checked where it is built
    page = answer.content.decode()
    assert english_leaks(page, language) == []
    assert iso_dates(page) == []
    with translation.override(language):
        vocabulary = dict([*language_choices(), *country_choices()])
    assert raw_codes(page, language, vocabulary) == []


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_language_and_country_offered_has_a_name(language):
    with translation.override(language):
        unnamed = [code for code, name in [*language_choices(), *country_choices()] if code == name]
    assert unnamed == []  # Dari showed as "prs": CLDR names it "fa_AF"
