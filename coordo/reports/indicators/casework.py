"""Casework indicators: the front desk's requests and outcomes, referrals and their follow-up."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coordo.casework import queries
from coordo.casework.models import Outcome, ReferralStatus, RequestKind
from coordo.reports.indicators import Indicator, Scope, Value, by_label, define


def _requests(scope: Scope, breakdown: str | None) -> Value:
    by = breakdown or "kind"
    counts = queries.request_counts(scope.site_ids, scope.start, scope.end, by)
    labels = {
        "kind": dict(RequestKind.choices),
        "outcome": {"": _("Not recorded yet"), **dict(Outcome.choices)},
    }
    rows = by_label(counts.items(), labels[by]) if breakdown else ()
    return Value(sum(counts.values()), rows)


def _referrals(scope: Scope, breakdown: str | None) -> Value:
    by = breakdown or "status"
    counts = queries.referral_counts(scope.site_ids, scope.start, scope.end, by)
    if not breakdown:
        return Value(sum(counts.values()))
    labels = dict(ReferralStatus.choices) if by == "status" else {}
    return Value(sum(counts.values()), by_label(counts.items(), labels))


def _answer_days(scope: Scope, breakdown: str | None) -> Value:
    return Value(queries.referral_answer_days(scope.site_ids, scope.start, scope.end))


REQUESTS = define(
    Indicator(
        "casework.requests",
        _("Requests at the front desk"),
        "count",
        _requests,
        ("kind", "outcome"),
    )
)
REFERRALS = define(
    Indicator(
        "casework.referrals", _("Referrals to partners"), "count", _referrals, ("status", "partner")
    )
)
ANSWER_DAYS = define(
    Indicator(
        "casework.referral_answer_days",
        _("Days before the partner answered (average)"),
        "days",
        _answer_days,
        count=False,
        rests_on="casework.referrals",
    )
)
