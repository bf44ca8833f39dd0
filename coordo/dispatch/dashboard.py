"""The dashboard card: who waits for a place, and today's batch."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest

from coordo.access.dashboard import Card
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.dispatch.models import ArrivalStatus
from coordo.dispatch.queries import arrivals_visible_to, batches_visible_to


def dispatch_card(request: HttpRequest, principal: Principal) -> Card | None:
    if not principal.can(Perm.DISPATCH_VIEW):
        return None
    counts = arrivals_visible_to(principal).aggregate(
        waiting=Count("id", filter=Q(status=ArrivalStatus.WAITING)),
        unscreened=Count("id", filter=Q(status=ArrivalStatus.WAITING, social__isnull=True)),
    )
    if not counts["waiting"]:
        return None
    latest = batches_visible_to(principal).first()
    return Card("dispatch/dashboard_card.html", {**counts, "latest": latest})
