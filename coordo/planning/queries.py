"""Reads of plannings and workers, always starting from what the principal may see."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordo.access.models import Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.planning.models import (
    OPEN_SWAP_STATUSES,
    Absence,
    Assignment,
    Planning,
    PlanningRun,
    PlanningStatus,
    Rota,
    RotaPeriod,
    Shift,
    ShiftTemplate,
    SitePlanningSettings,
    SwapRequest,
    SwapStatus,
    Worker,
)


def plannings_visible_to(
    principal: Principal, perm: Perm = Perm.PLANNING_VIEW
) -> QuerySet[Planning]:
    """Published versions where `perm` holds; drafts only where the principal may edit them."""
    editable = principal.sites_where(Perm.PLANNING_EDIT)
    return (
        Planning.objects.visible_to(principal, perm)
        .filter(~Q(status=PlanningStatus.DRAFT) | Q(site_id__in=editable))
        .select_related("site")
    )


def get_planning(
    principal: Principal, planning_id: int, perm: Perm = Perm.PLANNING_VIEW
) -> Planning:
    return get_object_or_404(plannings_visible_to(principal, perm), pk=planning_id)


def open_draft(principal: Principal, planning: Planning) -> Planning | None:
    """The draft that would replace a published `planning`, where the principal may see it."""
    if planning.is_draft or not principal.can(Perm.PLANNING_EDIT, planning.site_id):
        return None
    return Planning.objects.filter(
        site_id=planning.site_id, month=planning.month, status=PlanningStatus.DRAFT
    ).first()


def get_run(principal: Principal, run_id: int, perm: Perm = Perm.PLANNING_VIEW) -> PlanningRun:
    runs = PlanningRun.objects.visible_to(principal, perm).select_related("planning")
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
    return Worker.objects.of_organisation(principal).filter(user_id=principal.user_id).first()


def site_team(site: Site) -> QuerySet[Worker]:
    """Everyone who works at the site, deactivated workers included."""
    return Worker.objects.filter(organisation_id=site.organisation_id, sites=site)


def shifts_ahead(worker: Worker) -> QuerySet[Assignment]:
    """The worker's shifts still ahead in the plannings in force."""
    return Assignment.objects.filter(
        worker=worker, planning__status=PlanningStatus.PUBLISHED, shift__end__gt=timezone.now()
    )


def get_team_worker(principal: Principal, site: Site, worker_id: int) -> Worker:
    """A worker of the site where the principal edits the planning; anyone else is a 404."""
    if not principal.can(Perm.PLANNING_EDIT, site.pk):
        raise Http404
    return get_object_or_404(site_team(site).select_related("user"), pk=worker_id)


def swaps_to_decide(principal: Principal) -> QuerySet[SwapRequest]:
    """Open swap requests of the sites where the principal publishes the planning."""
    return (
        SwapRequest.objects.visible_to(principal, Perm.PLANNING_PUBLISH)
        .filter(status__in=OPEN_SWAP_STATUSES)
        .select_related("site", "shift", "requester", "colleague", "taker", "counter_shift")
    )


def swaps_offered_to(worker: Worker) -> QuerySet[SwapRequest]:
    """Offers a colleague of the worker's sites made to them by name, or to the whole team."""
    works = Assignment.objects.filter(
        planning=OuterRef("planning"), shift=OuterRef("shift"), worker=worker
    )
    return (
        SwapRequest.objects.filter(
            organisation_id=worker.organisation_id,
            site__in=worker.sites.all(),
            status=SwapStatus.OFFERED,
            shift__start__gt=timezone.now(),
        )
        .filter(Q(colleague=worker) | Q(colleague__isnull=True))
        .exclude(requester=worker)
        .exclude(Exists(works))  # an open offer of a shift they already work is not for them
        .select_related("site", "shift", "requester", "planning")
    )


def swaps_asked_by(worker: Worker) -> QuerySet[SwapRequest]:
    return SwapRequest.objects.filter(
        requester=worker, shift__end__gt=timezone.now()
    ).select_related("shift", "colleague", "taker", "counter_shift")


def rotas_editable_by(principal: Principal) -> QuerySet[Rota]:
    return Rota.objects.visible_to(principal, Perm.PLANNING_EDIT).select_related("site")


def get_rota(principal: Principal, rota_id: int) -> Rota:
    return get_object_or_404(rotas_editable_by(principal), pk=rota_id)


def get_rota_period(rota: Rota, period_id: int) -> RotaPeriod:
    return get_object_or_404(rota.periods.select_related("holder"), pk=period_id)


def closes_on_public_holidays(site_id: int) -> bool:
    return SitePlanningSettings.objects.filter(
        site_id=site_id, closed_on_public_holidays=True
    ).exists()


def published_shifts(worker: Worker) -> QuerySet[Assignment]:
    """The worker's shifts in the plannings in force (the latest published version of each)."""
    return (
        Assignment.objects.filter(worker=worker, planning__status=PlanningStatus.PUBLISHED)
        .select_related("shift__site")
        .order_by("shift__start")
    )


def worker_by_calendar_token(token: str) -> Worker:
    """The active worker whose secret calendar address this is (the address is the key)."""
    return get_object_or_404(Worker, calendar_token=token, is_active=True)


def site_templates(site: Site) -> QuerySet[ShiftTemplate]:
    return ShiftTemplate.objects.filter(site=site)


def colleagues(worker: Worker, site_id: int) -> QuerySet[Worker]:
    return Worker.objects.filter(
        organisation_id=worker.organisation_id, sites=site_id, is_active=True
    ).exclude(pk=worker.pk)


def exchangeable(worker: Worker, swap: SwapRequest) -> QuerySet[Shift]:
    """The taker's coming shifts of the same planning, which the requester does not work."""
    return (
        Shift.objects.filter(
            assignments__planning=swap.planning,
            assignments__worker=worker,
            start__gt=timezone.now(),
        )
        .exclude(assignments__planning=swap.planning, assignments__worker=swap.requester_id)
        .order_by("start")
    )


def get_published_assignment(worker: Worker, assignment_id: int) -> Assignment:
    """One of the worker's shifts in a published planning (what they may offer to swap)."""
    return get_object_or_404(
        Assignment.objects.filter(
            worker=worker, planning__status=PlanningStatus.PUBLISHED
        ).select_related("planning", "shift", "worker"),
        pk=assignment_id,
    )


def get_planned_worker(principal: Principal, worker_id: int) -> Worker:
    """A worker of a site the principal plans."""
    workers = Worker.objects.visible_to(principal, Perm.PLANNING_EDIT).distinct()
    return get_object_or_404(workers, pk=worker_id)


def absences_planned_by(principal: Principal) -> QuerySet[Absence]:
    """Absences of the workers of the sites the principal plans."""
    return Absence.objects.visible_to(principal, Perm.PLANNING_EDIT).distinct()


def on_call_at(site_id: int, at: datetime) -> list[User]:
    """Who is on call at the site at `at`, then their backups: the holder of each rota's
    period covering `at`, then that rota's other members, in the rota's order (name).
    Workers without an account cannot be alerted in Coordo and are left out."""
    periods = (
        RotaPeriod.objects.filter(rota__site_id=site_id, start__lte=at, end__gt=at)
        .select_related("holder__user", "rota")
        .order_by("rota__name", "rota_id", "start")
    )
    chain: list[User] = []
    for period in periods:
        members = list(period.rota.members.select_related("user").order_by("name", "pk"))
        holder = period.holder
        if holder is not None and holder in members:
            at_holder = members.index(holder)
            members = members[at_holder:] + members[:at_holder]  # the next ones come after
        elif holder is not None:
            members.insert(0, holder)
        for worker in members:
            user = worker.user
            if user is not None and user.is_active and worker.is_active and user not in chain:
                chain.append(user)
    return chain


# The reports' indicators (coordo/reports/indicators/planning.py): the published plans'
# shifts starting in the days [start, end) of the sites, one grouped query each.
def _published_assignments(
    site_ids: tuple[int, ...], start: date, end: date
) -> QuerySet[Assignment]:
    zone = timezone.get_current_timezone()
    return Assignment.objects.filter(
        planning__site_id__in=site_ids,
        planning__status=PlanningStatus.PUBLISHED,
        shift__start__gte=datetime.combine(start, time.min, tzinfo=zone),
        shift__start__lt=datetime.combine(end, time.min, tzinfo=zone),
    ).order_by()


def worked_hours(site_ids: tuple[int, ...], start: date, end: date) -> dict[Any, float]:
    """Hours planned in published plans, by kind of worker (staff, volunteer…)."""
    length = ExpressionWrapper(F("shift__end") - F("shift__start"), output_field=DurationField())
    rows = (
        _published_assignments(site_ids, start, end)
        .values_list("worker__kind")
        .annotate(hours=Sum(length))
    )
    return {kind: round(hours.total_seconds() / 3600, 1) for kind, hours in rows if hours}


def shifts_worked(site_ids: tuple[int, ...], start: date, end: date) -> dict[Any, int]:
    """Shifts held in published plans (a shift with two people counts twice), by worker kind."""
    rows = _published_assignments(site_ids, start, end).values_list("worker__kind")
    return dict(rows.annotate(n=Count("pk")))
