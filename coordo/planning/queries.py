"""Reads of plannings and workers, always starting from what the principal may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.planning.models import Planning, PlanningRun, PlanningStatus, Shift, Worker


def plannings_visible_to(
    principal: Principal, perm: Perm = Perm.PLANNING_VIEW
) -> QuerySet[Planning]:
    """Published versions where `perm` holds; drafts only where the principal may edit them."""
    editable = principal.sites_where(Perm.PLANNING_EDIT)
    return (
        Planning.objects.filter(
            organisation_id=principal.organisation_id, site_id__in=principal.sites_where(perm)
        )
        .filter(~Q(status=PlanningStatus.DRAFT) | Q(site_id__in=editable))
        .select_related("site")
    )


def get_planning(
    principal: Principal, planning_id: int, perm: Perm = Perm.PLANNING_VIEW
) -> Planning:
    return get_object_or_404(plannings_visible_to(principal, perm), pk=planning_id)


def get_run(principal: Principal, run_id: int, perm: Perm = Perm.PLANNING_VIEW) -> PlanningRun:
    runs = PlanningRun.objects.filter(
        planning__organisation_id=principal.organisation_id,
        planning__site_id__in=principal.sites_where(perm),
    ).select_related("planning")
    return get_object_or_404(runs, pk=run_id)


def get_shift(planning: Planning, shift_id: int) -> Shift:
    return get_object_or_404(Shift.objects.filter(site_id=planning.site_id), pk=shift_id)


def site_workers(planning: Planning) -> QuerySet[Worker]:
    return Worker.objects.filter(
        organisation_id=planning.organisation_id, sites=planning.site_id, is_active=True
    )


def worker_of(principal: Principal) -> Worker | None:
    """The worker record linked to the principal's account, if any."""
    if principal.user_id is None:
        return None
    return Worker.objects.filter(
        organisation_id=principal.organisation_id, user_id=principal.user_id
    ).first()
