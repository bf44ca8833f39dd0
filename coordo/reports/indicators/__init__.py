"""The indicator catalogue: every figure a report, a dashboard or the API shows, defined once.

An indicator has a stable code (`housing.nights`), a translated label, its unit, the
breakdowns it offers, whether funders may see it, and how it is computed: a function of the
domain's queries, never a query written in a report. One module per domain registers its
indicators here when imported (`housing`, `casework`, `planning`, `dispatch`, `incidents`,
`community`).

Data quality comes with them: each domain declares the fields its indicators rest on
(`FieldCheck`), so a report opens with the share of records missing each one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

Number = int | float | None
NOT_RECORDED = _("not recorded")

UNITS: dict[str, Promise] = {
    "count": _("number"),
    "nights": _("nights"),
    "percent": _("%"),
    "days": _("days"),
    "hours": _("hours"),
    "minutes": pgettext_lazy("duration", "minutes"),  # not a meeting's minutes
}

BREAKDOWNS: dict[str, Promise] = {
    "month": _("Month"),
    "site": _("Site"),
    "age": _("Age band"),
    "sex": _("Sex"),
    "household": _("Household type"),
    "destination": _("Exit destination"),
    "kind": _("Kind of request"),
    "outcome": _("Outcome"),
    "partner": _("Partner"),
    "status": _("Status"),
    "reason": _("Reason"),
    "worker_kind": _("Kind of worker"),
    "incident_type": _("Type of incident"),
    "severity": _("Severity"),
    "category": _("Who was counted"),
    "activity": _("Activity"),
    "meeting_kind": _("Kind of meeting"),
}


@dataclass(frozen=True)
class Scope:
    """What an indicator is computed over: sites (ids) and the days [start, end)."""

    site_ids: tuple[int, ...]
    start: date
    end: date

    def previous(self) -> Scope:
        """The period of the same length just before (the comparison section)."""
        length = self.end - self.start
        if self.start.day == 1 and self.end.day == 1:  # whole months: as many months before
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
            first = self.start.year * 12 + self.start.month - 1 - months
            return Scope(self.site_ids, date(first // 12, first % 12 + 1, 1), self.start)
        return Scope(self.site_ids, self.start - length, self.start)


@dataclass(frozen=True)
class Value:
    """An indicator's total and, when asked, its rows by one breakdown (label, value)."""

    total: Number
    rows: tuple[tuple[str, Number], ...] = ()


Compute = Callable[[Scope, str | None], Value]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Promise
    unit: str
    compute: Compute = field(repr=False)
    breakdowns: tuple[str, ...] = ()
    funder_visible: bool = True
    # A count of persons or records, suppressed under disclosure control; a rate or an
    # average rests on counts and is shown only where they are.
    count: bool = True
    fields: tuple[str, ...] = ()  # the data-quality checks (FieldCheck codes) it rests on
    rests_on: str = ""  # not a count: the count indicator whose suppression hides it too

    @property
    def domain(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def breakdown_labels(self) -> list[str]:
        """The breakdowns as a reader names them (the codes are for the API)."""
        return [str(BREAKDOWNS.get(code, code)) for code in self.breakdowns]

    @property
    def unit_label(self) -> str:
        return str(UNITS[self.unit])

    def value(self, scope: Scope, breakdown: str | None = None) -> Value:
        if breakdown is not None and breakdown not in self.breakdowns:
            raise ValueError(f"{self.code} has no breakdown {breakdown!r}")
        return self.compute(scope, breakdown)


@dataclass(frozen=True)
class FieldCheck:
    """A field an indicator rests on: how many of the records counted miss it (missing, all)."""

    code: str
    label: Promise
    count: Callable[[Scope], tuple[int, int]] = field(repr=False)
    fix_url: str = ""  # the page (URL name) where a coordinator fills it in


CATALOGUE: dict[str, Indicator] = {}
FIELD_CHECKS: dict[str, FieldCheck] = {}


def define(indicator: Indicator) -> Indicator:
    if indicator.code in CATALOGUE:
        raise ValueError(f"indicator {indicator.code} is defined twice")
    CATALOGUE[indicator.code] = indicator
    return indicator


def define_check(check: FieldCheck) -> FieldCheck:
    FIELD_CHECKS[check.code] = check
    return check


def indicator(code: str) -> Indicator:
    load()
    return CATALOGUE[code]


def indicators(codes: Iterable[str] | None = None) -> list[Indicator]:
    load()
    return [CATALOGUE[code] for code in codes] if codes is not None else list(CATALOGUE.values())


def load() -> None:
    """Imports every domain's module (each registers its indicators once)."""
    from coordo.reports.indicators import (  # noqa: F401
        casework,
        community,
        dispatch,
        housing,
        incidents,
        planning,
    )


def by_label(
    rows: Iterable[tuple[Any, Number]], labels: dict[str, Any]
) -> tuple[tuple[str, Number], ...]:
    """(code, value) rows with the display label of each code, in the choices' order."""
    found = dict(rows)
    ordered = [code for code in labels if code in found] + sorted(
        str(code) for code in found if code not in labels
    )
    return tuple((str(labels.get(code, code) or NOT_RECORDED), found[code]) for code in ordered)


def ratio(part: Number, whole: Number, *, scale: float = 100, digits: int = 1) -> Number:
    if part is None or not whole:
        return None
    return round(scale * part / whole, digits)


_SHARED: ContextVar[dict[tuple[object, Scope], Any] | None] = ContextVar("shared", default=None)


@contextmanager
def computed_together() -> Iterator[None]:
    """Inside, the indicators share their domain's reads: each runs once per scope (a
    report's nights feed its key figures, its chart and its occupancy rate)."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared[Read](read: Callable[[tuple[int, ...], date, date], Read], scope: Scope) -> Read:
    """`read(site_ids, start, end)`, once per scope while computed together (the result is
    shared: read it, never change it)."""
    memo = _SHARED.get()
    if memo is None:
        return read(scope.site_ids, scope.start, scope.end)
    key = (read, scope)
    if key not in memo:
        memo[key] = read(scope.site_ids, scope.start, scope.end)
    return memo[key]  # type: ignore[no-any-return]
