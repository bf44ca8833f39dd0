"""A worker's published shifts as an iCalendar feed (RFC 5545), written by hand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from coordo.planning.models import Assignment

PRODID = "-//Coordo//Planning//EN"
TZID = "Europe/Brussels"  # the sites' wall clock, as in the roster format
# §3.6.5: the zone's rules, so clients need no zone database; the EU rules since 1996.
# A calendar needs at least one component (§3.6): with no shift, this is the one.
VTIMEZONE = [
    "BEGIN:VTIMEZONE", f"TZID:{TZID}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
    "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
    "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
]  # fmt: skip


def _escape(text: str) -> str:
    # RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT.
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    # §3.1: lines longer than 75 octets continue on the next line after a space.
    data, parts, limit = line.encode(), [], 75
    while len(data) > limit:
        cut = limit
        while (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode())
        data, limit = data[cut:], 74  # the leading space of a continuation counts
    parts.append(data.decode())
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime) -> str:
    return f"TZID={TZID}:{moment.astimezone(ZoneInfo(TZID)):%Y%m%dT%H%M%S}"


def calendar(assignments: Iterable[Assignment], *, title: str, host: str) -> str:
    stamp = _utc(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape(title)}", f"X-WR-TIMEZONE:{TZID}", *VTIMEZONE]  # fmt: skip
    for a in assignments:
        lines += [
            "BEGIN:VEVENT",
            f"UID:shift-{a.shift_id}-worker-{a.worker_id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;{_local(a.shift.start)}",
            f"DTEND;{_local(a.shift.end)}",
            f"SUMMARY:{_escape(f'{title} · {a.shift.site.name}')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
