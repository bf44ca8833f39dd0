"""A worker's published shifts as an iCalendar feed (RFC 5545), built with `icalendar`.

The library escapes TEXT values and folds long lines; this module only says what the
calendar holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone

from coordo.planning.models import Assignment

PRODID = "-//Coordo//Planning//EN"
TZID = "Europe/Brussels"  # the sites' wall clock, as in the roster format
BRUSSELS = ZoneInfo(TZID)


def _rule(
    kind: type[icalendar.TimezoneDaylight | icalendar.TimezoneStandard],
    *,
    name: str,
    offsets: tuple[str, str],
    start: datetime,
) -> icalendar.Component:
    rule = kind()
    rule.add("TZOFFSETFROM", offsets[0], encode=False)
    rule.add("TZOFFSETTO", offsets[1], encode=False)
    rule.add("TZNAME", name)
    rule.add("DTSTART", start)
    rule.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": start.month, "BYDAY": "-1SU"})
    return rule


def brussels_time_zone() -> icalendar.Timezone:
    """§3.6.5: the zone's rules (the EU's since 1996), so clients need no zone database.

    Written as two yearly rules rather than `Timezone.from_tzinfo`'s list of dates, which
    stops in 2038. A calendar needs at least one component (§3.6): with no shift, this is it.
    """
    zone = icalendar.Timezone()
    zone.add("TZID", TZID)
    # Summer time from the last Sunday of March at 02:00, winter time from October's at 03:00.
    summer = datetime(1970, 3, 29, 2)  # noqa: DTZ001 (§3.6.5: local time)
    winter = datetime(1970, 10, 25, 3)  # noqa: DTZ001
    for kind, name, offsets, start in (
        (icalendar.TimezoneDaylight, "CEST", ("+0100", "+0200"), summer),
        (icalendar.TimezoneStandard, "CET", ("+0200", "+0100"), winter),
    ):
        zone.add_component(_rule(kind, name=name, offsets=offsets, start=start))
    return zone


def _event(assignment: Assignment, *, title: str, host: str, stamp: datetime) -> icalendar.Event:
    shift = assignment.shift
    event = icalendar.Event()
    event.add("UID", f"shift-{assignment.shift_id}-worker-{assignment.worker_id}@{host}")
    event.add("DTSTAMP", stamp)
    # Local wall-clock times with TZID, so a shift across a DST change keeps its hours.
    event.add("DTSTART", shift.start.astimezone(BRUSSELS), parameters={"TZID": TZID})
    event.add("DTEND", shift.end.astimezone(BRUSSELS), parameters={"TZID": TZID})
    event.add("SUMMARY", f"{title} · {shift.site.name}")
    return event


def calendar(assignments: Iterable[Assignment], *, title: str, host: str) -> str:
    feed = icalendar.Calendar()
    feed.add("VERSION", "2.0")
    feed.add("PRODID", PRODID)
    feed.add("CALSCALE", "GREGORIAN")
    feed.add("X-WR-CALNAME", title)
    feed.add("X-WR-TIMEZONE", TZID)
    feed.add_component(brussels_time_zone())
    stamp = timezone.now()
    for assignment in assignments:
        feed.add_component(_event(assignment, title=title, host=host, stamp=stamp))
    return feed.to_ical().decode()
