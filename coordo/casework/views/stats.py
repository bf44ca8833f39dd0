"""Referrals per partner: case work's figures on the partners it refers to."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.policy import Perm
from coordo.casework.queries import partner_statistics


@require_perm(Perm.REFERRAL_STATS)
def partner_stats(request: AuthedRequest) -> HttpResponse:
    """Referrals per partner by outcome and the average delay before an answer, from the database."""
    principal = principal_of(request)
    rows = list(partner_statistics(principal))
    for row in rows:
        delay = row.average_delay  # type: ignore[attr-defined]
        row.delay_days = round(delay.total_seconds() / 86400, 1) if delay else None  # type: ignore[attr-defined]
    return render(request, "casework/partner_stats.html", {"rows": rows})
