"""Figures for prevention: a site's incidents over a period, counted for the coordination.

By type, severity and place; a weekday × hour grid; the time from report to
acknowledgement (median and 90th percentile); the follow-up actions still open. The
counts are the queries' (coordo/incidents/queries.py), the same as the reports' indicators.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from coordo.disclosure import Key, Sum, Suppressed, Table, protect
from coordo.incidents import queries
from coordo.incidents.catalogue import IncidentType, Severity
from coordo.incidents.models import Place


@dataclass(frozen=True)
class Figures:
    start: date
    end: date  # exclusive
    total: int
    by_type: list[tuple[str, int]]
    by_severity: list[tuple[str, int]]
    by_place: list[tuple[str, int]]
    heat: list[list[int]]  # 7 weekdays (Monday first) × 24 hours
    acknowledged: int
    ack_median_minutes: float | None
    ack_p90_minutes: float | None
    open_actions: int


def percentile(values: list[float], share: float) -> float | None:
    """The nearest-rank percentile (share in 0..1) of `values`, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered, middle = sorted(values), len(values) // 2
    return ordered[middle] if len(values) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def acknowledgement(
    site_ids: tuple[int, ...], start: date, end: date
) -> tuple[int, float | None, float | None]:
    """How many incidents of the period were acknowledged, and the median and 90th
    percentile of the minutes from their report to their acknowledgement."""
    delays = queries.acknowledgement_minutes(site_ids, start, end)
    p50, p90 = median(delays), percentile(delays, 0.9)
    return (
        len(delays),
        round(p50, 1) if p50 is not None else None,
        round(p90, 1) if p90 is not None else None,
    )


def _labelled(counts: dict[Any, int], choices: dict[Any, Any]) -> Counter[str]:
    return Counter({str(choices.get(code, code)): n for code, n in counts.items()})


def compute(site_id: int, start: date, end: date) -> Figures:
    sites = (site_id,)
    heat = [[0] * 24 for _ in range(7)]
    for when in queries.occurrence_times(sites, start, end):
        heat[when.weekday()][when.hour] += 1
    types = _labelled(
        queries.incident_counts(sites, start, end, "type"), dict(IncidentType.choices)
    )
    severities = _labelled(
        queries.incident_counts(sites, start, end, "severity"), dict(Severity.choices)
    )
    places = _labelled(queries.incident_counts(sites, start, end, "place"), dict(Place.choices))
    acknowledged, p50, p90 = acknowledgement(sites, start, end)
    return Figures(
        start=start,
        end=end,
        total=sum(types.values()),
        by_type=sorted(types.items(), key=lambda row: (-row[1], row[0])),
        by_severity=sorted(severities.items()),
        by_place=sorted(places.items(), key=lambda row: (-row[1], row[0])),
        heat=heat,
        acknowledged=acknowledged,
        ack_median_minutes=p50,
        ack_p90_minutes=p90,
        open_actions=queries.open_action_count(sites),
    )


@dataclass(frozen=True)
class ProtectedFigures:
    """A whole ended year of a site, for funders and researchers: counts under the threshold,
    and those that would give them away, are the suppression mark."""

    year: int
    total: int | Suppressed
    by_type: list[tuple[str, int | Suppressed]]
    by_severity: list[tuple[str, int | Suppressed]]


def protected_year(site_id: int, year: int) -> ProtectedFigures:
    """One release per whole year (never a part of one), protected over its two tables."""
    figures = compute(site_id, date(year, 1, 1), date(year + 1, 1, 1))
    types: dict[Key, int] = {("type", label): n for label, n in figures.by_type}
    severities: dict[Key, int] = {("severity", label): n for label, n in figures.by_severity}
    total: Key = ("total",)
    tables = [
        Table("type", {total: figures.total, **types}, [Sum(total, tuple(types))]),
        Table("severity", {total: figures.total, **severities}, [Sum(total, tuple(severities))]),
    ]
    protection = protect(tables)
    return ProtectedFigures(
        year=year,
        total=protection.shown(total),
        by_type=[(label, protection.shown(("type", label))) for label, _n in figures.by_type],
        by_severity=[
            (label, protection.shown(("severity", label))) for label, _n in figures.by_severity
        ],
    )
