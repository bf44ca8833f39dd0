"""A worker's published shifts as an iCalendar feed (RFC 5545), written by hand."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.utils import timezone

from coordo.planning.models import Assignment

PRODID = "-//Coordo//Planning//EN"


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


def calendar(assignments: Iterable[Assignment], *, title: str, host: str) -> str:
    stamp = _utc(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape(title)}"]  # fmt: skip
    for a in assignments:
        lines += [
            "BEGIN:VEVENT",
            f"UID:shift-{a.shift_id}-worker-{a.worker_id}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(a.shift.start)}",
            f"DTEND:{_utc(a.shift.end)}",
            f"SUMMARY:{_escape(f'{title} · {a.shift.site.name}')}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
