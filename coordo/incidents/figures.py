"""Figures for prevention: a site's incidents over a period, counted for the coordination.

By type, severity and place; a weekday × hour grid; the time from report to
acknowledgement (median and 90th percentile); the follow-up actions still open.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from coordo.disclosure import Key, Sum, Suppressed, Table, protect
from coordo.incidents.models import FollowUpAction, Incident


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


def compute(site_id: int, start: date, end: date) -> Figures:
    since = timezone.make_aware(datetime.combine(start, time()))
    until = timezone.make_aware(datetime.combine(end, time()))
    incidents = list(
        Incident.objects.filter(site_id=site_id, occurred_at__gte=since, occurred_at__lt=until)
    )
    heat = [[0] * 24 for _ in range(7)]
    delays = []
    for incident in incidents:
        when = timezone.localtime(incident.occurred_at)
        heat[when.weekday()][when.hour] += 1
        if incident.acknowledged_at and incident.reported_at:
            delays.append((incident.acknowledged_at - incident.reported_at).total_seconds() / 60)
    types = Counter(incident.get_type_display() for incident in incidents)
    severities = Counter(incident.get_severity_display() for incident in incidents)
    places = Counter(incident.get_place_display() for incident in incidents)
    p50, p90 = median(delays), percentile(delays, 0.9)
    return Figures(
        start=start,
        end=end,
        total=len(incidents),
        by_type=sorted(types.items(), key=lambda row: (-row[1], row[0])),
        by_severity=sorted(severities.items()),
        by_place=sorted(places.items(), key=lambda row: (-row[1], row[0])),
        heat=heat,
        acknowledged=len(delays),
        ack_median_minutes=round(p50, 1) if p50 is not None else None,
        ack_p90_minutes=round(p90, 1) if p90 is not None else None,
        open_actions=FollowUpAction.objects.filter(
            incident__site_id=site_id, done_at__isnull=True
        ).count(),
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
