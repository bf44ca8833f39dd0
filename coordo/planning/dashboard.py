"""The dashboard card: who is on call now at the current site, who works today, swaps to decide."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from coordo.access.dashboard import Card
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.planning.models import (
    Assignment,
    PlanningStatus,
    Rota,
    RotaPeriod,
    SwapRequest,
    SwapStatus,
)
from coordo.web.sites import site_holding


def on_call_card(request: HttpRequest, principal: Principal) -> Card | None:
    site = site_holding(request, principal, Perm.PLANNING_VIEW)
    if site is None:
        return None
    now = timezone.now()
    on_call = RotaPeriod.objects.filter(
        rota__site=site, start__lte=now, end__gt=now, holder__isnull=False
    ).select_related("rota", "holder")
    today = (
        Assignment.objects.filter(
            planning__site=site,
            planning__status=PlanningStatus.PUBLISHED,
            shift__start__date=timezone.localdate(),
            shift__end__gt=now,
        )
        .select_related("shift", "worker")
        .order_by("shift__start", "worker__name")
    )
    swaps = 0
    if principal.can(Perm.PLANNING_PUBLISH, site.pk):
        swaps = SwapRequest.objects.filter(site=site, status=SwapStatus.ACCEPTED).count()
    # A site with a rota always shows it, even when nobody holds the current period.
    if not on_call and not today and not swaps and not Rota.objects.filter(site=site).exists():
        return None
    context = {"on_call": list(on_call), "today": list(today), "swaps": swaps}
    return Card("planning/dashboard_card.html", context)
