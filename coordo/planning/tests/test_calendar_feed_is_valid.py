"""The calendar feed parses as RFC 5545, empty or not, with the Brussels wall clock."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.test import Client

from coordo.access.models import Site, User
from coordo.planning.models import Planning, Worker
from coordo.planning.tests.factories import publish_with

BRUSSELS = ZoneInfo("Europe/Brussels")


def _feed(worker: Worker) -> tuple[str, icalendar.Calendar]:
    url = f"/planning/calendar/{worker.calendar_token}.ics"
    body = Client(headers={"Accept-Language": "en"}).get(url).content.decode()
    return body, icalendar.Calendar.from_ical(body)


def test_an_empty_feed_still_holds_a_component(team: list[Worker]) -> None:
    body, parsed = _feed(team[0])
    assert [c.name for c in parsed.subcomponents] == ["VTIMEZONE"]
    assert parsed.walk("VEVENT") == []
    assert body.endswith("END:VTIMEZONE\r\nEND:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")


def test_the_time_zone_follows_summer_and_winter_time(team: list[Worker]) -> None:
    _body, parsed = _feed(team[0])
    (timezone,) = parsed.walk("VTIMEZONE")
    assert isinstance(timezone, icalendar.Timezone)
    zone = timezone.to_tz()
    offsets = [str(datetime(2027, month, 15, 12, tzinfo=zone).utcoffset()) for month in (1, 7)]
    assert offsets == ["1:00:00", "2:00:00"]
    transitions = [
        datetime(2027, 3, 28, 1, 59, tzinfo=zone),
        datetime(2027, 3, 28, 3, 0, tzinfo=zone),
    ]
    assert [str(t.utcoffset()) for t in transitions] == ["1:00:00", "2:00:00"]


def test_an_event_parses_back_with_its_escaped_folded_summary(
    draft: Planning, team: list[Worker], coordinator: User, site: Site
) -> None:
    Site.objects.filter(pk=site.pk).update(
        name="Accueil de jour; café, thé et écoute — Forest, Bruxelles"
    )
    worker = team[2]
    publish_with(draft, [worker, team[3]], coordinator, needs_language=False)
    body, parsed = _feed(worker)
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "\r\n " in body  # the long summary is folded
    (event,) = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]) == (
        "Coordo shifts · Accueil de jour; café, thé et écoute — Forest, Bruxelles"
    )
    assert event.decoded("DTSTART") == datetime(2026, 12, 2, 12, tzinfo=BRUSSELS)
    assert event.decoded("DTEND") == datetime(2026, 12, 2, 15, tzinfo=BRUSSELS)
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
