"""A site's public programme as an iCalendar feed (RFC 5545), TZID Europe/Brussels."""

from __future__ import annotations

from datetime import datetime

import icalendar
from django.utils import timezone

from coordo.community.queries import Scheduled
from coordo.planning.ics import TZID, brussels_time_zone

PRODID = "-//Coordo//Community programme//EN"


def calendar(items: list[Scheduled], *, title: str, host: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("X-WR-CALNAME", title)
    cal.add("X-WR-TIMEZONE", TZID)
    cal.add_component(brussels_time_zone())
    stamp: datetime = timezone.now()
    for item in items:
        activity, occurrence = item.activity, item.occurrence
        event = icalendar.Event()
        event.add("UID", f"activity-{activity.pk}-{occurrence.original_date:%Y%m%d}@{host}")
        event.add("DTSTAMP", stamp)
        event.add("DTSTART", occurrence.starts)  # aware in Europe/Brussels: TZID written
        event.add("DTEND", occurrence.ends)
        event.add("SUMMARY", activity.title)
        if activity.place:
            event.add("LOCATION", activity.place)
        if activity.description:
            event.add("DESCRIPTION", activity.description)
        if occurrence.cancelled:
            event.add("STATUS", "CANCELLED")
        cal.add_component(event)
    return cal.to_ical()
