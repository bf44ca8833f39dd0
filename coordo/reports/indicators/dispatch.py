"""Arrival centre indicators: arrivals, dispatch decisions and overrides, waiting times."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coordo.dispatch import queries
from coordo.dispatch.models import ArrivalStatus, DecisionOutcome, OverrideReason
from coordo.reports.indicators import Indicator, Number, Scope, Value, by_label, define


def _arrivals(scope: Scope, breakdown: str | None) -> Value:
    by = breakdown or "status"
    counts = queries.arrival_counts(scope.site_ids, scope.start, scope.end, by)
    rows: tuple[tuple[str, Number], ...]
    if breakdown == "month":
        rows = tuple(sorted((f"{month:%Y-%m}", n) for month, n in counts.items()))
    elif breakdown == "status":
        rows = by_label(counts.items(), dict(ArrivalStatus.choices))
    else:
        rows = ()
    return Value(sum(counts.values()), rows)


def _decisions(scope: Scope, breakdown: str | None) -> Value:
    counts = queries.decision_counts(scope.site_ids, scope.start, scope.end, "outcome")
    rows = by_label(counts.items(), dict(DecisionOutcome.choices)) if breakdown else ()
    return Value(sum(counts.values()), rows)


def _overrides(scope: Scope, breakdown: str | None) -> Value:
    counts = queries.decision_counts(scope.site_ids, scope.start, scope.end, "reason")
    rows = by_label(counts.items(), dict(OverrideReason.choices)) if breakdown else ()
    return Value(sum(counts.values()), rows)


def _waiting(scope: Scope, breakdown: str | None) -> Value:
    return Value(queries.waiting_days_at_decision(scope.site_ids, scope.start, scope.end))


ARRIVALS = define(
    Indicator("dispatch.arrivals", _("Households arrived"), "count", _arrivals, ("month", "status"))
)
DECISIONS = define(
    Indicator("dispatch.decisions", _("Dispatch decisions"), "count", _decisions, ("outcome",))
)
OVERRIDES = define(
    Indicator("dispatch.overrides", _("Proposals overridden"), "count", _overrides, ("reason",))
)
WAITING = define(
    Indicator(
        "dispatch.waiting_days",
        _("Days waited before dispatch (average)"),
        "days",
        _waiting,
        count=False,
        rests_on="dispatch.decisions",
    )
)
