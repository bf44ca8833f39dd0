"""Occurrences of an activity: its RFC 5545 RRULE expanded in Brussels wall-clock time.

The rule is expanded on naive local datetimes and each occurrence is then placed in
Europe/Brussels, so a Tuesday 14:00 is 14:00 in winter and in summer alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BRUSSELS = ZoneInfo("Europe/Brussels")
HORIZON = timedelta(days=731)  # a rule must yield an occurrence within two years


@dataclass(frozen=True)
class Change:
    original_date: date
    cancelled: bool
    moved_to: date | None
    start_time: time | None
    end_time: time | None


@dataclass(frozen=True)
class Occurrence:
    original_date: date  # the occurrence's key, even once moved
    starts: datetime  # aware, Europe/Brussels
    ends: datetime
    cancelled: bool = False
    moved: bool = False


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=BRUSSELS)


def normalised(text: str) -> str:
    """The rule as stored: no "RRULE:" prefix, upper case, no spaces."""
    rule = "".join(text.split()).upper()
    return rule.removeprefix("RRULE:")


def _naive_until(recurrence: str) -> str:
    """An UNTIL given in UTC ("...Z", as calendars write it), as Brussels wall-clock time."""
    parts = []
    for part in recurrence.split(";"):
        name, _sep, value = part.partition("=")
        if name == "UNTIL" and value.endswith("Z"):
            moment = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))
            value = moment.astimezone(BRUSSELS).strftime("%Y%m%dT%H%M%S")
        parts.append(f"{name}={value}" if _sep else part)
    return ";".join(parts)


def _rule(recurrence: str, first: datetime) -> rrule:
    try:
        parsed = rrulestr(_naive_until(recurrence), dtstart=first)
    except (ValueError, TypeError) as error:
        raise ValidationError(
            {"recurrence": _("This is not a valid RRULE (RFC 5545), e.g. FREQ=WEEKLY;BYDAY=TU.")}
        ) from error
    if not isinstance(parsed, rrule):
        raise ValidationError({"recurrence": _("Give one rule, without EXDATE or RDATE.")})
    return parsed


def check(starts_on: date, start_time: time, end_time: time, recurrence: str) -> None:
    """Refuse, naming the field, an end before the start or a rule yielding no occurrence."""
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The end must come after the start.")})
    if not recurrence:
        return
    first = datetime.combine(starts_on, start_time)
    if not _rule(recurrence, first).between(first, first + HORIZON, inc=True):
        raise ValidationError(
            {"recurrence": _("This recurrence yields no occurrence in the next two years.")}
        )


def occurrence_dates(
    starts_on: date, start_time: time, recurrence: str, since: date, until: date
) -> list[date]:
    """The rule's dates in [since, until]; a one-off activity's own date if it falls there."""
    if not recurrence:
        return [starts_on] if since <= starts_on <= until else []
    first = datetime.combine(starts_on, start_time)
    window_start = max(datetime.combine(since, time.min), first)
    window_end = datetime.combine(until, time.max)
    if window_end < window_start:
        return []
    return [
        moment.date()
        for moment in _rule(recurrence, first).between(window_start, window_end, inc=True)
    ]


def expand(
    starts_on: date,
    start_time: time,
    end_time: time,
    recurrence: str,
    changes: Iterable[Change],
    since: date,
    until: date,
) -> list[Occurrence]:
    """Occurrences starting in [since, until], with cancellations and moves applied."""
    by_date = {change.original_date: change for change in changes}
    # A move may bring an occurrence into the window from outside it: look a month around.
    margin = timedelta(days=31)
    found = []
    for day in occurrence_dates(starts_on, start_time, recurrence, since - margin, until + margin):
        change = by_date.get(day)
        if change and change.moved_to:
            begins = change.start_time or start_time
            ending = change.end_time or end_time
            occurrence = Occurrence(
                day, local(change.moved_to, begins), local(change.moved_to, ending), moved=True
            )
        else:
            occurrence = Occurrence(
                day,
                local(day, start_time),
                local(day, end_time),
                cancelled=bool(change and change.cancelled),
            )
        if since <= occurrence.starts.date() <= until:
            found.append(occurrence)
    return sorted(found, key=lambda occurrence: occurrence.starts)
