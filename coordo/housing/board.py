"""The occupancy board: units × days, stays as bars, free beds and closures per night.

Three queries whatever the period: the units, the occupancies and the closures that
touch the window. A 60-unit site over three months is 5,500 cells: they are written
here as HTML strings (every value escaped) because the template engine took ten times
longer than the queries to loop over them; the template places the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.housing.actions.stays import overlapping
from coordo.housing.models import Occupancy, Unit, UnitClosure
from coordo.housing.queries import may_see_location, units_visible_to

MAX_DAYS = 92
MAX_ROWS = 20  # board.css places up to 20 bed rows per unit


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
class BoardUnit:
    unit: Unit
    label: str  # "" for a confidential location the user may not know
    rows: int
    cells: SafeString


@dataclass(frozen=True)
class Board:
    start: date
    days: list[date]
    header: SafeString
    units: list[BoardUnit]


def _url_pattern(name: str) -> tuple[str, str]:
    """The URL of `name` for any id, as the text around the id (one reverse per page)."""
    before, _sep, after = reverse(name, args=[987654321]).partition("987654321")
    return before, after


class _Cells:
    """Writes one unit's cells; built once per page with what every row shares."""

    def __init__(self, start: date, days: int, today: date, can_edit: bool) -> None:
        self.days = [start + timedelta(days=n) for n in range(days)]
        self.stay = _url_pattern("stay_detail")
        self.can_edit = can_edit
        admit, label = escape(reverse("stay_admit")), escape(_("%(free)s free on %(date)s: admit"))
        closed = escape(_("out of service"))
        # Everything but the unit and the count is known per night: prepare it once.
        self.link_head, self.link_middle, self.link_tail, self.plain, self.closed = (
            [],
            [],
            [],
            [],
            [],
        )
        for index, day in enumerate(self.days):
            column, now = f"c{index + 1}", " today" if day == today else ""
            href_tail = f"&amp;start={day.isoformat()}"
            self.link_head.append(f'<a class="board-free {column}{now}" href="{admit}?unit=')
            self.link_middle.append(f'{href_tail}" hx-get="{admit}?unit=')
            spoken = label.replace("%(date)s", escape(date_format(day, "j F")))
            self.link_tail.append((f'{href_tail}" hx-target="#board-panel" aria-label="', spoken))
            self.plain.append(f'<span class="board-free {column}{now}')
            self.closed.append(f'<span class="board-free closed {column}" title="')
        self.closed_end = f'" aria-label="{closed}">×</span>'
        self.header = "".join(
            f'<div class="board-head c{index + 1}{" weekend" if day.weekday() >= 5 else ""}'
            f'{" today" if day == today else ""}">{escape(date_format(day, "D"))}<br>{day.day}/{day.month}</div>'
            for index, day in enumerate(self.days)
        )

    def free(self, unit_id: str, index: int, free: int, closed: str) -> str:
        if closed:
            return f"{self.closed[index]}{escape(closed)}{self.closed_end}"
        if free and self.can_edit:
            tail, label = self.link_tail[index]
            count = str(free)
            return (
                f"{self.link_head[index]}{unit_id}{self.link_middle[index]}{unit_id}{tail}"
                f'{label.replace("%(free)s", count)}">{count}</a>'
            )
        return f'{self.plain[index]}{"" if free else " full"}">{free}</span>'

    def bar(self, bar: _Bar, row: int) -> str:
        href = f"{self.stay[0]}{bar.stay_id}{self.stay[1]}"
        classes = f"board-bar c{bar.left + 1} s{bar.right - bar.left} r{row}"
        classes += (" open-left" if bar.open_left else "") + (
            " open-right" if bar.open_right else ""
        )
        count = f" ×{bar.persons}" if bar.persons > 1 else ""
        return (
            f'<a class="{classes}" href="{href}" hx-get="{href}" hx-target="#board-panel">'
            f"{escape(bar.label)}{count}</a>"
        )


def build_board(
    principal: Principal, site_id: int, start: date, days: int, *, today: date, can_edit: bool
) -> Board:
    days = max(7, min(days, MAX_DAYS))
    end = start + timedelta(days=days)
    units = list(units_visible_to(principal, Perm.STAY_VIEW).filter(building__site_id=site_id))
    occupancies = (
        Occupancy.objects.filter(overlapping(start, end), unit__in=units)
        .order_by("unit_id", "slot", "start")
        .values_list("unit_id", "stay_id", "start", "end", "slot",
                     "stay__head__first_name", "stay__head__last_name")
    )  # fmt: skip
    closures = UnitClosure.objects.filter(overlapping(start, end), unit__in=units).values_list(
        "unit_id", "start", "end", "reason"
    )
    # One bar per stay and period in a unit: a household shows as one bar, "×3".
    bars: dict[tuple[int, int, date, date | None], _Bar] = {}
    occupied = {unit.pk: [0] * days for unit in units}
    for unit_id, stay_id, first, last, slot, first_name, last_name in occupancies:
        left, right = max((first - start).days, 0), min(((last or end) - start).days, days)
        for index in range(left, right):
            occupied[unit_id][index] += 1
        bar = bars.setdefault(
            (unit_id, stay_id, first, last),
            _Bar(stay_id, f"{first_name} {last_name}", left, right, slot, first < start,
                 last is None or last > end),
        )  # fmt: skip
        bar.persons += 1
    closed: dict[int, list[str]] = defaultdict(lambda: [""] * days)
    for unit_id, first, last, reason in closures:
        left, right = max((first - start).days, 0), min(((last or end) - start).days, days)
        closed[unit_id][left:right] = [reason] * (right - left)
    cells = _Cells(start, days, today, can_edit)
    by_unit: dict[int, list[_Bar]] = defaultdict(list)
    for (unit_id, *_rest), bar in bars.items():
        by_unit[unit_id].append(bar)
    rows = []
    for unit in units:
        counts, reasons, unit_key = occupied[unit.pk], closed.get(unit.pk), str(unit.pk)
        html = [
            cells.free(unit_key, index, (0 if unit.family and counts[index] else unit.capacity - counts[index]),
                       reasons[index] if reasons else "")
            for index in range(days)
        ]  # fmt: skip
        html += [
            cells.bar(bar, 1 if unit.family else min(bar.slot, MAX_ROWS))
            for bar in by_unit[unit.pk]
        ]
        location = (
            f"{unit.building.name} · {unit.name}"
            if may_see_location(principal, unit.building)
            else ""
        )
        rows_of_beds = 1 if unit.family else min(unit.capacity, MAX_ROWS)
        # Every value in these cells was escaped above.
        rows.append(BoardUnit(unit, location, rows_of_beds, mark_safe("".join(html))))  # noqa: S308
    return Board(start, cells.days, mark_safe(cells.header), rows)  # noqa: S308 — escaped above
