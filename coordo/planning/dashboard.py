"""The dashboard card: who is on call now at the current site, and who works today."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from coordo.access.dashboard import Card
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.planning.models import Assignment, PlanningStatus, RotaPeriod


def on_call_card(request: HttpRequest, principal: Principal) -> Card | None:
    site = getattr(request, "current_site", None)
    if site is None or not principal.can(Perm.PLANNING_VIEW, site.pk):
        return None
    now = timezone.now()
    on_call = RotaPeriod.objects.filter(
        rota__site=site, start__lte=now, end__gt=now, holder__isnull=False
    ).select_related("rota", "holder")
    today = Assignment.objects.filter(
        planning__site=site, planning__status=PlanningStatus.PUBLISHED,
        shift__start__date=timezone.localdate(), shift__end__gt=now,
    ).select_related("shift", "worker").order_by("shift__start", "worker__name")  # fmt: skip
    if not on_call and not today:
        return None
    return Card("planning/dashboard_card.html", {"on_call": list(on_call), "today": list(today)})
