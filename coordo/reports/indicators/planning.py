"""Planning indicators: shifts held and hours given, staff and volunteers apart."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coordo.planning import queries
from coordo.planning.models import WorkerKind
from coordo.reports.indicators import Indicator, Scope, Value, by_label, define


def _hours(scope: Scope, breakdown: str | None) -> Value:
    hours = queries.worked_hours(scope.site_ids, scope.start, scope.end)
    rows = by_label(hours.items(), dict(WorkerKind.choices)) if breakdown else ()
    return Value(round(sum(hours.values()), 1), rows)


def _volunteer_hours(scope: Scope, breakdown: str | None) -> Value:
    hours = queries.worked_hours(scope.site_ids, scope.start, scope.end)
    return Value(hours.get(WorkerKind.VOLUNTEER, 0))


def _shifts(scope: Scope, breakdown: str | None) -> Value:
    shifts = queries.shifts_worked(scope.site_ids, scope.start, scope.end)
    rows = by_label(shifts.items(), dict(WorkerKind.choices)) if breakdown else ()
    return Value(sum(shifts.values()), rows)


HOURS = define(
    Indicator(
        "planning.hours",
        _("Hours of presence planned"),
        "hours",
        _hours,
        ("worker_kind",),
        count=False,
        rests_on="planning.shifts",
    )
)
VOLUNTEER_HOURS = define(
    Indicator(
        "planning.volunteer_hours",
        _("Volunteers' hours"),
        "hours",
        _volunteer_hours,
        count=False,
        rests_on="planning.shifts",
    )
)
SHIFTS = define(Indicator("planning.shifts", _("Shifts held"), "count", _shifts, ("worker_kind",)))
