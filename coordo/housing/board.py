"""The occupancy board: units × days, as stretches rather than cells.

Three queries whatever the period: the units, the occupancies and the closures that
touch the window. Each unit is one CSS grid row: its first line holds the free
stretches (runs of nights with the same number of free beds, split at today) and the
out-of-service stretches (closures, and nights before the unit entered service or after
it left it), the lines below hold one bar per stay and bed. A 60-unit
site over three months is then about a thousand elements instead of 5,500 cells.
They are written here as HTML strings (every value escaped) because the template
engine took longer than the queries to loop over them; the template places the rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from html import escape
from typing import NamedTuple

from django.urls import get_script_prefix, reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coordo.access.scoping import Principal
from coordo.housing.models import CONFIDENTIAL_LOCATION, UnitKind
from coordo.housing.queries import board_rows, may_see_secret_location

MAX_DAYS = 92
MAX_ROWS = 20  # board.css places up to 20 bed rows per unit


class _Unit(NamedTuple):
    pk: int
    name: str
    kind: str
    capacity: int
    family: bool
    building: str
    confidential: bool
    in_service_from: date
    out_of_service_from: date | None


_Closure = tuple[int, int, str]  # left, right, reason


@dataclass
class _Bar:
    stay_id: int
    label: str
    left: int  # first night's index in the window
    right: int  # index after the last night
    slot: int
    open_left: bool  # the stay began before the window
    open_right: bool  # and goes on after it
    persons: int = 0


@dataclass(frozen=True)
class Board:
    start: date
    days: list[date]
    header: SafeString
    rows: SafeString  # one grid per unit, label first
    units: int


def _stretches(
    unit: _Unit, changes: dict[int, int], closures: list[_Closure], days: int, split: int
) -> Iterator[tuple[int | str, int, int]]:
    """(free beds or the closure's reason, left, right) per stretch, none crossing `split`.

    A sweep over the nights where something changes, not over every night.
    """
    cuts = {0, days, *changes}
    cuts.update(bound for left, right, _reason in closures for bound in (left, right))
    if 0 < split < days:
        cuts.add(split)
    occupied, value, begun = 0, None, 0
    points = sorted(cuts)
    for left in points[:-1]:
        occupied += changes.get(left, 0)
        reason = None
        for first, last, why in closures:  # overlapping closures: the later one shows
            if first <= left < last:
                reason = why
        night: int | str
        if reason is not None:
            night = reason
        elif unit.family:
            night = 0 if occupied else unit.capacity
        else:
            night = unit.capacity - occupied
        if value is None:
            value = night
        elif night != value or left == split:
            yield value, begun, left
            value, begun = night, left
    if value is not None:
        yield value, begun, points[-1]


class _Cells:
    """Writes one unit's stretches and bars; built once per page with what rows share."""

    def __init__(self, start: date, days: int, today: date, can_edit: bool) -> None:
        self.days = [start + timedelta(days=n) for n in range(days)]
        self.today = (today - start).days
        before, _sep, after = reverse("stay_detail", args=[987654321]).partition("987654321")
        self.stay = (before, after)  # one reverse per page, the id goes between
        self.admit = escape(reverse("stay_admit")) if can_edit else ""
        # A night gone by is shown, never offered: only tonight and later nights admit.
        self.past = (
            escape(_("%(free)s free on %(date)s")),
            escape(_("%(free)s free from %(first)s to %(last)s")),
        )
        self.ahead = self.past
        if can_edit:
            self.ahead = (
                escape(_("%(free)s free on %(date)s: admit")),
                escape(_("%(free)s free from %(first)s to %(last)s: admit")),
            )
        self.closed = escape(_("out of service"))
        self.opens = _("in service from %(date)s")
        self.withdrawn = _("withdrawn from service on %(date)s")
        self.kinds = {kind: escape(str(label)) for kind, label in UnitKind.choices}
        self.family = escape(_("family"))
        self.secret = escape(str(CONFIDENTIAL_LOCATION))
        self.spoken = [escape(date_format(day, "j F")) for day in self.days]
        weekdays = {day.weekday(): escape(date_format(day, "D")) for day in self.days[:7]}
        self.header = "".join(
            f'<div class="board-head c{index + 1}{" weekend" if day.weekday() >= 5 else ""}'
            f'{" today" if index == self.today else ""}">{weekdays[day.weekday()]}<br>{day.day}/{day.month}</div>'
            for index, day in enumerate(self.days)
        )

    def label(self, unit: _Unit, rows: int, may_see_secret: bool) -> str:
        place = (
            escape(f"{unit.building} · {unit.name}")
            if may_see_secret or not unit.confidential
            else self.secret
        )
        family = f" · {self.family}" if unit.family else ""
        return (
            f'<div class="board-label rs{rows}">{place}<br>'
            f'<span class="muted">{self.kinds.get(unit.kind, "")} · {unit.capacity}{family}</span></div>'
        )

    def now(self, rows: int) -> str:
        """Tonight's column across the unit, under its stretches and bars."""
        if 0 <= self.today < len(self.days):
            return f'<span class="board-now c{self.today + 1} rs{rows}" aria-hidden="true"></span>'
        return ""

    def stretch(self, unit_id: int, night: int | str, left: int, right: int) -> str:
        place = f"c{left + 1} s{right - left}"
        if isinstance(night, str):  # the reason the unit is out of service
            reason = escape(night)
            return f'<span class="board-closed {place}" title="{reason}">{self.closed}: {reason}</span>'
        if not night:
            return ""
        free, offered = str(night), bool(self.admit) and left >= self.today
        one_night, nights = self.ahead if offered else self.past
        if right - left == 1:
            label = one_night % {"free": free, "date": self.spoken[left]}
        else:
            label = nights % {
                "free": free,
                "first": self.spoken[left],
                "last": self.spoken[right - 1],
            }
        if not offered:
            return f'<span class="board-free {place}" title="{label}">{free}</span>'
        href = f"{self.admit}?unit={unit_id}&amp;start={self.days[left].isoformat()}"
        return (
            f'<a class="board-free {place}" href="{href}" hx-get="{href}" '
            f'aria-label="{label}" title="{label}">{free}</a>'
        )

    def bar(self, bar: _Bar, row: int) -> str:
        href = f"{self.stay[0]}{bar.stay_id}{self.stay[1]}"
        classes = f"board-bar c{bar.left + 1} s{bar.right - bar.left} r{row}"
        classes += (" open-left" if bar.open_left else "") + (
            " open-right" if bar.open_right else ""
        )
        count = f" ×{bar.persons}" if bar.persons > 1 else ""
        return f'<a class="{classes}" href="{href}" hx-get="{href}">{escape(bar.label)}{count}</a>'


@lru_cache(maxsize=32)
def _cells(
    start: date, days: int, today: date, can_edit: bool, language: str, prefix: str
) -> _Cells:
    """What every row of a page shares: the same for every page of that period and language."""
    return _Cells(start, days, today, can_edit)


def build_board(
    principal: Principal, site_id: int, start: date, days: int, *, today: date, can_edit: bool
) -> Board:
    days = max(7, min(days, MAX_DAYS))
    end = start + timedelta(days=days)
    found = board_rows(principal, site_id, start, end)
    # One bar per stay and period in a unit: a household shows as one bar, "×3".
    bars: dict[tuple[int, int, date, date | None], _Bar] = {}
    changes: dict[int, dict[int, int]] = {}  # per unit, night index: arrivals - departures
    for unit_id, stay_id, first, last, slot, first_name, last_name in found.occupancies:
        left, right = max((first - start).days, 0), min(((last or end) - start).days, days)
        counts = changes.setdefault(unit_id, {})
        counts[left] = counts.get(left, 0) + 1
        counts[right] = counts.get(right, 0) - 1
        bar = bars.get(key := (unit_id, stay_id, first, last))
        if bar is None:
            bar = bars[key] = _Bar(
                stay_id,
                f"{first_name} {last_name}",
                left,
                right,
                slot,
                first < start,
                last is None or last > end,
            )
        bar.persons += 1
    cells = _cells(start, days, today, can_edit, get_language(), get_script_prefix())
    closed: dict[int, list[_Closure]] = {}
    for unit_id, first, last, reason in found.closures:
        left, right = max((first - start).days, 0), min(((last or end) - start).days, days)
        closed.setdefault(unit_id, []).append((left, right, reason))
    units = list(map(_Unit._make, found.units))
    for unit in units:  # the nights before it entered service and after it left it
        opens, withdrawn = (unit.in_service_from - start).days, unit.out_of_service_from
        if opens > 0:
            reason = cells.opens % {"date": f"{unit.in_service_from:%d/%m/%Y}"}
            closed.setdefault(unit.pk, []).insert(0, (0, opens, reason))
        if withdrawn is not None and withdrawn < end:
            reason = cells.withdrawn % {"date": f"{withdrawn:%d/%m/%Y}"}
            closed.setdefault(unit.pk, []).append(((withdrawn - start).days, days, reason))
    by_unit: dict[int, list[_Bar]] = {}
    for (unit_id, *_rest), bar in bars.items():
        by_unit.setdefault(unit_id, []).append(bar)
    may_see_secret = may_see_secret_location(principal, site_id)
    html = []
    for unit in units:
        beds = 1 if unit.family else min(unit.capacity, MAX_ROWS)
        html += ['<div class="board-row">', cells.label(unit, beds + 1, may_see_secret)]
        html.append(cells.now(beds + 1))
        html += [
            cells.stretch(unit.pk, *stretch)
            for stretch in _stretches(
                unit, changes.get(unit.pk, {}), closed.get(unit.pk, []), days, cells.today
            )
        ]
        html += [
            cells.bar(bar, 1 if unit.family else min(bar.slot, MAX_ROWS))
            for bar in by_unit.get(unit.pk, ())
        ]
        html.append("</div>")
    # Every value in these strings was escaped above.
    rows = mark_safe("".join(html))  # noqa: S308
    return Board(start, cells.days, mark_safe(cells.header), rows, len(found.units))  # noqa: S308
