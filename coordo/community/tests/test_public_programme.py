"""The public programme: published activities of public sites only, cacheable, in three languages."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.test import Client

from coordo.community.recurrence import BRUSSELS
from coordo.community.tests.factories import make_public, propose, published

pytestmark = pytest.mark.django_db

# The week of the last Sunday of October 2026 (the 25th): back to winter time.
BEFORE_OCTOBER_CHANGE = "2026-10-19 09:00 +02:00"


def test_anyone_sees_the_published_activities_of_a_public_site(site, coordinator):
    make_public(site)
    shown = published(site, coordinator, title="Atelier couture")
    propose(site, coordinator, title="Projet secret")  # a proposal: never public
    with time_machine.travel(BEFORE_OCTOBER_CHANGE, tick=False):
        answer = Client().get(f"/programme/{site.pk}/")
    assert answer.status_code == 200
    body = answer.content.decode()
    assert "Atelier couture" in body
    assert "Projet secret" not in body
    assert "Nour" not in body  # who proposed it stays inside the team
    assert "max-age=300" in answer["Cache-Control"]
    assert "public" in answer["Cache-Control"]
    assert "Accept-Language" in answer["Vary"]
    assert Client().get(f"/programme/{site.pk}/activities/{shown.pk}/").status_code == 200


def test_a_site_not_marked_public_and_a_draft_are_404(site, other_site, coordinator):
    activity = published(site, coordinator)
    draft = propose(site, coordinator)
    assert Client().get(f"/programme/{site.pk}/").status_code == 404  # no settings yet
    make_public(site, public=False)
    assert Client().get(f"/programme/{site.pk}/").status_code == 404
    assert Client().get(f"/programme/{site.pk}/calendar.ics").status_code == 404
    make_public(site)
    assert Client().get(f"/programme/{site.pk}/activities/{activity.pk}/").status_code == 200
    assert Client().get(f"/programme/{site.pk}/activities/{draft.pk}/").status_code == 404
    # Another site's activity through this site's public page: a 404 too.
    make_public(other_site)
    assert Client().get(f"/programme/{other_site.pk}/activities/{activity.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("lang", "word"), [("fr", "Programme de"), ("nl", "Programma van"), ("en", "Programme of")]
)
def test_the_public_page_speaks_french_dutch_and_english(site, coordinator, lang, word):
    make_public(site)
    published(site, coordinator)
    answer = Client().get(f"/programme/{site.pk}/", {"lang": lang})
    assert f'<html lang="{lang}">' in answer.content.decode()
    assert word in answer.content.decode()


def test_the_feed_parses_back_with_brussels_times_across_the_october_change(site, coordinator):
    make_public(site)
    activity = published(site, coordinator, starts_on=date(2026, 10, 13))
    with time_machine.travel(BEFORE_OCTOBER_CHANGE, tick=False):
        answer = Client().get(f"/programme/{site.pk}/calendar.ics")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(answer.content)
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("DTSTART"))
    starts = [s for e in events if (s := e.decoded("DTSTART")).date() >= date(2026, 10, 20)]
    assert starts[:3] == [
        datetime(2026, 10, 20, 14, tzinfo=BRUSSELS),
        datetime(2026, 10, 27, 14, tzinfo=BRUSSELS),
        datetime(2026, 11, 3, 14, tzinfo=BRUSSELS),
    ]
    assert [s.utcoffset() for s in starts[:2]] == [timedelta(hours=2), timedelta(hours=1)]
    assert {e["DTSTART"].params["TZID"] for e in events} == {"Europe/Brussels"}
    assert {str(e["SUMMARY"]) for e in events} == {activity.title}
    assert {e.decoded("DTEND").time() for e in events} == {time(16)}


def test_the_feed_crosses_the_march_change_too(site, coordinator):
    make_public(site)
    published(site, coordinator, starts_on=date(2026, 3, 3))
    with time_machine.travel("2026-03-23 09:00 +01:00", tick=False):
        answer = Client().get(f"/programme/{site.pk}/calendar.ics")
    events = icalendar.Calendar.from_ical(answer.content).walk("VEVENT")
    around = sorted(
        e.decoded("DTSTART") for e in events
        if date(2026, 3, 23) <= e.decoded("DTSTART").date() <= date(2026, 4, 1)
    )  # fmt: skip
    assert [(s.hour, s.utcoffset()) for s in around] == [
        (14, timedelta(hours=1)), (14, timedelta(hours=2)),
    ]  # fmt: skip
