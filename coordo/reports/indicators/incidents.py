"""Incident indicators: the incidents reported, how soon they were acknowledged, and the
follow-up still open.

Computed by the incidents queries (coordo/incidents/queries.py) and figures, the same as
the prevention figures page. Funders see the incidents and the times to acknowledgement
through disclosure control; the follow-up stays the house's own. The register of violence
by third parties has no indicator: it is for the employer and the prevention advisor only
(its own summary), and a report is read, and its archive downloaded, by others.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from coordo.incidents import figures, queries
from coordo.incidents.catalogue import IncidentType, Severity
from coordo.reports.indicators import Indicator, Number, Scope, Value, by_label, define

# The breakdown as the catalogue names it, and the column the queries group by.
PER = {"incident_type": "type", "severity": "severity", "month": "month", "site": "site"}


def _reported(scope: Scope, breakdown: str | None) -> Value:
    counts = queries.incident_counts(
        scope.site_ids, scope.start, scope.end, PER[breakdown or "incident_type"]
    )
    rows: tuple[tuple[str, Number], ...] = ()
    if breakdown == "month":
        rows = tuple((f"{month:%Y-%m}", counts[month]) for month in sorted(counts))
    elif breakdown:
        labels: dict[str, dict[Any, Any]] = {
            "incident_type": dict(IncidentType.choices),
            "severity": dict(Severity.choices),
        }
        rows = by_label(counts.items(), labels.get(breakdown, {}))
    return Value(sum(counts.values()), rows)


def _ack_median(scope: Scope, breakdown: str | None) -> Value:
    return Value(figures.acknowledgement(scope.site_ids, scope.start, scope.end)[1])


def _ack_p90(scope: Scope, breakdown: str | None) -> Value:
    return Value(figures.acknowledgement(scope.site_ids, scope.start, scope.end)[2])


def _open_actions(scope: Scope, breakdown: str | None) -> Value:
    return Value(queries.open_action_count(scope.site_ids, scope.start, scope.end))


REPORTED = define(
    Indicator(
        "incidents.reported",
        _("Incidents reported"),
        "count",
        _reported,
        ("incident_type", "severity", "month", "site"),
    )
)
ACK_MEDIAN = define(
    Indicator(
        "incidents.ack_median_minutes",
        _("Time to acknowledgement (median)"),
        "minutes",
        _ack_median,
        count=False,
        rests_on="incidents.reported",
    )
)
ACK_P90 = define(
    Indicator(
        "incidents.ack_p90_minutes",
        _("Time to acknowledgement (90th percentile)"),
        "minutes",
        _ack_p90,
        count=False,
        rests_on="incidents.reported",
    )
)
# The team's own follow-up: not for funders.
OPEN_ACTIONS = define(
    Indicator(
        "incidents.open_actions",
        _("Follow-up actions still open"),
        "count",
        _open_actions,
        funder_visible=False,
    )
)
