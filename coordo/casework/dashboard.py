"""The dashboard card: my referrals to follow up, and conventions to renew for coordinators."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from coordo.access.dashboard import Card
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.casework.queries import follow_up_list
from coordo.partners.queries import coming_up_for_renewal


def follow_up_card(request: HttpRequest, principal: Principal) -> Card | None:
    if not principal.can(Perm.REFERRAL_EDIT):
        return None
    today = timezone.localdate()
    referrals = follow_up_list(principal, worker_id=principal.user_id, today=today)
    context = {
        "to_follow_up": referrals.count(),
        "overdue": referrals.filter(due_date__lt=today).count(),
        "renewals": coming_up_for_renewal(principal, today).count()
        if principal.can(Perm.CONVENTION_VIEW)
        else None,
    }
    return Card("casework/card_follow_up.html", context)
