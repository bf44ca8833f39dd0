"""Dashboards: for a site (by its kind) and for the organisation, the handful of indicators
to watch this month, with the last months as a sparkline and the change from last month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coordo.access.roles import SiteKind
from coordo.reports.indicators import Number, Scope, indicator
from coordo.web.charts import Sparkline

TILES: dict[str, tuple[str, ...]] = {
    SiteKind.TRANSITIONAL_HOUSING: (
        "housing.occupancy_rate",
        "housing.persons",
        "housing.entries",
        "housing.exits",
    ),
    SiteKind.SHELTER: (
        "housing.nights",
        "housing.occupancy_rate",
        "casework.requests",
        "casework.referrals",
        "incidents.reported",
    ),
    SiteKind.FRONT_DESK: (
        "casework.requests",
        "casework.referrals",
        "casework.referral_answer_days",
    ),
    SiteKind.DROP_IN: (
        "community.attendance",
        "community.activities_held",
        "community.decisions",
        "planning.volunteer_hours",
    ),
    SiteKind.ARRIVAL_CENTRE: ("dispatch.arrivals", "dispatch.decisions", "dispatch.waiting_days"),
    SiteKind.RECEPTION_CENTRE: ("housing.nights", "housing.occupancy_rate", "housing.persons"),
}
ORGANISATION_TILES = (
    "housing.nights",
    "housing.persons",
    "casework.requests",
    "dispatch.arrivals",
    "planning.volunteer_hours",
    "community.attendance",
    "incidents.reported",
)
# Where each domain's figures are read in detail.
DETAIL = {
    "housing": "housing_figures",
    "casework": "partner_stats",
    "dispatch": "dispatch_home",
    "planning": "planning_list",
    "community": "community_figures",
    "incidents": "incident_figures",
}
MONTHS = 6


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    unit: str
    this_month: Number
    last_month: Number
    change: Number
    sparkline: Sparkline
    detail_url: str


def month_starts(today: date, count: int) -> list[date]:
    """The first days of the `count` months up to this one, oldest first."""
    index = today.year * 12 + today.month - 1
    return [
        date((index - back) // 12, (index - back) % 12 + 1, 1) for back in reversed(range(count))
    ]


def _next(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def tiles(site_ids: tuple[int, ...], codes: tuple[str, ...], today: date) -> list[Tile]:
    """This month so far (to tomorrow), the months before it whole."""
    starts = month_starts(today, MONTHS + 1)
    found = []
    for code in codes:
        item = indicator(code)
        values = [
            item.value(
                Scope(site_ids, first, min(_next(first), today + timedelta(days=1))), None
            ).total
            for first in starts
        ]
        now, before = values[-1], values[-2]
        change = (
            round(100 * (now - before) / before, 1)
            if isinstance(now, int | float) and isinstance(before, int | float) and before
            else None
        )
        found.append(
            Tile(
                code,
                str(item.label),
                item.unit_label,
                now,
                before,
                change,
                Sparkline(title=str(item.label), values=values),
                DETAIL.get(item.domain, ""),
            )
        )
    return found
