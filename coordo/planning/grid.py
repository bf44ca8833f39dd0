"""The month grid of one site: a row per day, a column per time slot, names in each cell."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from coordo.planning.fetch import month_end, month_shifts, pk_of
from coordo.planning.models import Absence, Planning, Shift, Worker
from coordo.planning.public_holidays import public_holidays
from coordo.planning.queries import closes_on_public_holidays


@dataclass
class Cell:
    shift: Shift
    names: list[str] = field(default_factory=list)
    changed: bool = False  # differs from the published version this draft re-plans
    inactive: list[str] = field(default_factory=list)  # deactivated workers still on it
    absent: list[str] = field(default_factory=list)  # on it, but absent that day: no place filled

    @property
    def missing(self) -> int:
        return max(0, self.shift.required - len(self.names) + len(self.absent))


@dataclass
class Row:
    day: date
    cells: list[Cell | None]
    holiday: str = ""  # the public holiday's name
    closed: bool = False  # the site plans no shift that day

    @property
    def empty(self) -> bool:
        return all(cell is None for cell in self.cells)


@dataclass
class Grid:
    slots: list[str]  # "09:00–12:00"
    rows: list[Row]
    places: int
    filled: int
    changes: int
    absent: int  # people on a shift of a day they are now absent

    @property
    def gaps(self) -> int:
        return self.places - self.filled


def _slot(shift: Shift) -> str:
    return f"{timezone.localtime(shift.start):%H:%M}–{timezone.localtime(shift.end):%H:%M}"


def saved_plan(planning: Planning) -> dict[int, list[int]]:
    plan: dict[int, list[int]] = defaultdict(list)
    for shift_pk, worker_pk in planning.assignments.values_list("shift_id", "worker_id"):
        plan[shift_pk].append(worker_pk)
    return plan


def progress_plan(progress: Mapping[str, Sequence[str]]) -> dict[int, list[int]]:
    """The best plan so far of a running solve, as stored on its run."""
    return {pk_of(shift): [pk_of(p) for p in people] for shift, people in progress.items()}


def absent_days(planning: Planning) -> dict[int, set[date]]:
    """Worker -> the days of the planning's month they are absent, as recorded now."""
    first, last = planning.month, month_end(planning.month)
    days: dict[int, set[date]] = defaultdict(set)
    absences = Absence.objects.filter(
        worker__organisation_id=planning.organisation_id, first_day__lte=last, last_day__gte=first
    )
    for worker_pk, since, until in absences.values_list("worker_id", "first_day", "last_day"):
        day = max(since, first)
        while day <= min(until, last):
            days[worker_pk].add(day)
            day += timedelta(days=1)
    return days


def build_grid(planning: Planning, plan: Mapping[int, Sequence[int]]) -> Grid:
    """The month as planned, its coverage counted against the absences recorded now.

    Public holidays show on their day. On a day the site is closed, a shift someone still
    holds in this plan stays in view (a plan made before the site closed); others are gone.
    """
    last = month_end(planning.month)
    holidays = public_holidays(planning.month, last)
    closed = set(holidays) if closes_on_public_holidays(planning.site_id) else set()
    shifts = [
        s
        for s in month_shifts(planning)
        if timezone.localtime(s.start).date() not in closed or plan.get(s.pk)
    ]
    away = absent_days(planning)
    base = saved_plan(planning.based_on) if planning.based_on and planning.is_draft else None
    names, inactive = {}, set()
    workers = Worker.objects.filter(organisation_id=planning.organisation_id)
    for pk, name, is_active in workers.values_list("pk", "name", "is_active"):
        names[pk] = name
        if not is_active:
            inactive.add(pk)
    slots = sorted({_slot(s) for s in shifts})
    by_day: dict[date, dict[str, Cell]] = defaultdict(dict)
    for shift in shifts:
        team = sorted(names.get(pk, "?") for pk in plan.get(shift.pk, ()))
        changed = base is not None and set(base.get(shift.pk, ())) != set(plan.get(shift.pk, ()))
        gone = sorted(names[pk] for pk in plan.get(shift.pk, ()) if pk in inactive)
        day = timezone.localtime(shift.start).date()
        absent_here = sorted(names.get(pk, "?") for pk in plan.get(shift.pk, ()) if day in away[pk])
        by_day[day][_slot(shift)] = Cell(shift, team, changed, gone, absent_here)
    rows, day = [], planning.month
    while day <= last:
        if day in by_day or day in holidays:
            cells = [by_day[day].get(slot) for slot in slots]
            rows.append(Row(day, cells, holidays.get(day, ""), day in closed))
        day += timedelta(days=1)
    places = sum(s.required for s in shifts)
    filled = places - sum(c.missing for cells in by_day.values() for c in cells.values())
    changes = sum(c.changed for cells in by_day.values() for c in cells.values())
    absent = sum(len(c.absent) for cells in by_day.values() for c in cells.values())
    return Grid(slots, rows, places, filled, changes, absent)
