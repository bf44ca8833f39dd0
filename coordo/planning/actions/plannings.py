"""Every write to plannings: drafts, solver runs, hand edits, publishing, calendar links."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo import background
from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.planning.fetch import month_end, pk_of
from coordo.planning.models import (
    Absence,
    Assignment,
    Planning,
    PlanningRun,
    PlanningStatus,
    RotaPeriod,
    Shift,
    ShiftTemplate,
    SitePlanningSettings,
    WeeklyWindow,
    Worker,
    new_calendar_token,
)
from coordo.planning.public_holidays import closed_days
from coordo.planning.solver import Solution
from coordo.planning.validation import cell_problems

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_TIME_LIMIT = 120
REPLAN_SECONDS = 10  # a proposed re-plan after an absence: minimal change is quick to find


def _draft(planning: Planning) -> None:
    if not planning.is_draft:
        raise ValidationError(_("A published planning cannot change; start a new draft."))


def _require_idle_draft(
    planning: Planning, by: Principal, perm: Perm, *, busy: StrOrPromise
) -> None:
    """`by` holds `perm` at the draft's site, and no solver run works on it (else `busy`)."""
    by.require(perm, planning.site_id)
    _draft(planning)
    if background.any_active(planning.runs.all()):
        raise ValidationError(busy)


def _aware(day: date, at: time | None) -> datetime:
    # A template ending at midnight (`None`) ends at 00:00 of the next day.
    moment = datetime.combine(day + timedelta(days=at is None), at or time.min)
    return timezone.make_aware(moment)


def generate_shifts(site: Site, month: date) -> int:
    """The month's shifts from the site's templates; existing ones are kept. Returns the count."""
    created = 0
    day = month
    templates = list(ShiftTemplate.objects.filter(site=site))
    closed = closed_days(site.pk, month, month_end(month))
    while day <= month_end(month):
        for template in templates:
            if day.weekday() not in template.weekdays or day in closed:
                continue
            _, new = Shift.objects.get_or_create(
                template=template,
                start=_aware(day, template.start),
                defaults={
                    "organisation_id": site.organisation_id,
                    "site": site,
                    "end": _aware(day, template.end),
                    "required": template.required,
                    "languages_any": template.languages_any,
                },
            )
            created += new
        day += timedelta(days=1)
    return created


@transaction.atomic
def create_draft(*, site: Site, month: date, by: Principal) -> Planning:
    """A draft for the month; after a publication it starts from the published version."""
    by.require(Perm.PLANNING_EDIT, site.pk)
    month = month.replace(day=1)
    if Planning.objects.filter(site=site, month=month, status=PlanningStatus.DRAFT).exists():
        raise ValidationError({"month": _("This month already has a draft.")})
    planning = _new_draft(site, month, by)
    audit.record(AuditAction.CREATE, principal=by, obj=planning)
    return planning


def _new_draft(site: Site, month: date, by: Principal) -> Planning:
    base = Planning.objects.filter(site=site, month=month, status=PlanningStatus.PUBLISHED).first()
    generate_shifts(site, month)
    planning = Planning.objects.create(
        organisation_id=site.organisation_id,
        site=site,
        month=month,
        based_on=base,
        created_by_id=by.named_worker_id(),
    )
    if base is not None:
        # A deactivated worker keeps the past shifts they worked, not the ones ahead.
        kept = base.assignments.filter(
            Q(worker__is_active=True) | Q(shift__start__lt=timezone.now())
        )
        copy_assignments(kept, planning, keep_fixed=False)
    return planning


def copy_assignments(
    assignments: Iterable[Assignment], into: Planning, *, keep_fixed: bool
) -> list[Assignment]:
    """The same workers on the same shifts in `into`; hand-set marks kept if `keep_fixed`."""
    return Assignment.objects.bulk_create(
        Assignment(
            organisation_id=into.organisation_id,
            planning=into,
            shift_id=a.shift_id,
            worker_id=a.worker_id,
            fixed=a.fixed and keep_fixed,
        )
        for a in assignments
    )


def _enqueue(run: PlanningRun) -> None:
    background.enqueue(run)


@transaction.atomic
def start_run(planning: Planning, *, time_limit: int, by: Principal) -> PlanningRun:
    _require_idle_draft(
        planning, by, Perm.PLANNING_EDIT, busy=_("The solver is already working on this draft.")
    )
    if not 1 <= time_limit <= MAX_TIME_LIMIT:
        raise ValidationError({"time_limit": _("Between 1 and 120 seconds.")})
    run = PlanningRun.objects.create(
        organisation_id=planning.organisation_id,
        planning=planning,
        time_limit=time_limit,
        created_by_id=by.named_worker_id(),
    )
    audit.record(AuditAction.CREATE, principal=by, obj=run, site_id=planning.site_id)
    _enqueue(run)
    return run


def cancel_run(run: PlanningRun, *, by: Principal) -> None:
    by.require(Perm.PLANNING_EDIT, run.planning.site_id)
    background.request_cancel(PlanningRun.objects.filter(pk=run.pk))
    audit.record(AuditAction.UPDATE, principal=by, obj=run, site_id=run.planning.site_id)


@transaction.atomic
def save_solution(planning: Planning, solution: Solution) -> None:
    """The solver's plan becomes the draft's assignments; hand-set (fixed) ones stay."""
    if not solution.assignments:
        return
    planning.assignments.filter(fixed=False).delete()
    kept = set(planning.assignments.values_list("shift_id", "worker_id"))
    Assignment.objects.bulk_create(
        Assignment(
            organisation_id=planning.organisation_id,
            planning=planning,
            shift_id=pk_of(a.shift),
            worker_id=pk_of(person),
        )
        for a in solution.assignments
        for person in a.people
        if (pk_of(a.shift), pk_of(person)) not in kept
    )
    for held in solution.oncall:
        RotaPeriod.objects.filter(pk=pk_of(held.period)).update(holder_id=pk_of(held.person))


@transaction.atomic
def assign_shift(
    planning: Planning,
    shift: Shift,
    *,
    workers: Collection[Worker],
    accept_broken_rules: bool,
    by: Principal,
) -> None:
    """Puts exactly `workers` on `shift`; a broken rule is refused unless knowingly accepted."""
    by.require(Perm.PLANNING_EDIT, planning.site_id)
    _draft(planning)
    problems = cell_problems(planning, shift, [w.pk for w in workers])
    if problems and not accept_broken_rules:
        raise ValidationError({"workers": problems})
    planning.assignments.filter(shift=shift).delete()
    Assignment.objects.bulk_create(
        Assignment(
            organisation_id=planning.organisation_id,
            planning=planning,
            shift=shift,
            worker=w,
            fixed=True,
        )
        for w in workers
    )
    audit.record(AuditAction.UPDATE, principal=by, obj=planning)


@transaction.atomic
def discard_draft(planning: Planning, *, by: Principal) -> None:
    """Rejects a draft (a proposed re-plan, say): the published version stays in force."""
    _require_idle_draft(
        planning,
        by,
        Perm.PLANNING_EDIT,
        busy=_("Wait for the solver to finish, or cancel it, first."),
    )
    writes.delete_audited(planning, by=by)


def next_published_version(planning: Planning) -> int:
    """Supersedes the month's published version; returns the number the new one takes."""
    same_month = Planning.objects.filter(site_id=planning.site_id, month=planning.month)
    last = same_month.aggregate(last=Max("version"))["last"] or 0
    same_month.filter(status=PlanningStatus.PUBLISHED).update(status=PlanningStatus.SUPERSEDED)
    return last + 1


@transaction.atomic
def publish_planning(planning: Planning, *, by: Principal) -> Planning:
    """The draft becomes the next version; the version it replaces stays, superseded."""
    _require_idle_draft(
        planning,
        by,
        Perm.PLANNING_PUBLISH,
        busy=_("Wait for the solver to finish, or cancel it, before publishing."),
    )
    planning.status = PlanningStatus.PUBLISHED
    planning.version = next_published_version(planning)
    planning.published_at = timezone.now()
    return writes.save_changed(planning, by=by, fields=["status", "version", "published_at"])


def _own_or_coordinator(worker: Worker, principal: Principal) -> None:
    """The worker themself, or a coordinator of one of their sites."""
    own = worker.user_id is not None and worker.user_id == principal.user_id
    sites = set(worker.sites.values_list("pk", flat=True))
    if not own and not sites & principal.sites_where(Perm.PLANNING_EDIT):
        raise PermissionDenied


@transaction.atomic
def renew_calendar_link(worker: Worker, *, by: Principal) -> Worker:
    """A new secret: the old calendar address stops working at once.

    By the worker, or by their coordination (for a worker without an account, or a leak).
    """
    _own_or_coordinator(worker, by)
    worker.calendar_token = new_calendar_token()
    worker.save(update_fields=["calendar_token"])
    audit.record(AuditAction.REVOKE, principal=by, obj=worker)
    return worker


@dataclass(frozen=True)
class RecordedAbsence:
    absence: Absence
    replans: list[Planning]  # the drafts whose fresh re-plan the absence started


@transaction.atomic
def record_absence(
    worker: Worker, *, reason: str, first_day: date, last_day: date, by: Principal
) -> RecordedAbsence:
    """Entered by the worker themself, or by a coordinator of one of their sites."""
    _own_or_coordinator(worker, by)
    absence = Absence(
        organisation_id=worker.organisation_id,
        worker=worker,
        reason=reason,
        first_day=first_day,
        last_day=last_day,
        entered_by_id=by.named_worker_id(),
    )
    writes.save_new(absence, by=by)
    return RecordedAbsence(absence, _propose_replans(absence, by=by))


def _propose_replans(absence: Absence, *, by: Principal) -> list[Planning]:
    """Each month where the absence hits a shift still ahead gets a fresh re-plan, solved at once.

    The shift may be in the published version or in an open draft. Without a draft, the
    re-plan is a new draft from the published version; an open draft is stale (it was
    planned without this absence) and is solved again, hand-set cells kept. A solve still
    working on it started from the absences of before: it is cancelled, and the fresh one
    runs after it. The coordinator then accepts the re-plan (publishes) or rejects it.
    """
    touched = (
        Assignment.objects.filter(
            worker=absence.worker,
            planning__status__in=(PlanningStatus.PUBLISHED, PlanningStatus.DRAFT),
            shift__start__date__range=(absence.first_day, absence.last_day),
            shift__end__gt=timezone.now(),
        )
        .values_list("planning__site_id", "planning__month")
        .distinct()
        .order_by("planning__month", "planning__site_id")
    )
    replans = []
    for site_id, month in touched:
        site = Site.objects.get(pk=site_id)
        draft = (
            Planning.objects.select_for_update()
            .filter(site=site, month=month, status=PlanningStatus.DRAFT)
            .first()
        )
        if draft is None:
            draft = _new_draft(site, month, by)
            audit.record(AuditAction.CREATE, principal=by, obj=draft)
        else:
            stale = draft.runs.filter(
                status__in=(background.RunStatus.QUEUED, background.RunStatus.RUNNING)
            )
            stale.update(cancel_requested=True)
        run = PlanningRun.objects.create(
            organisation_id=draft.organisation_id,
            planning=draft,
            time_limit=REPLAN_SECONDS,
            created_by_id=by.named_worker_id(),
        )
        audit.record(AuditAction.CREATE, principal=by, obj=run, site_id=site_id)
        _enqueue(run)
        replans.append(draft)
    return replans


@transaction.atomic
def add_worker(*, site: Site, by: Principal, **data: Any) -> Worker:
    by.require(Perm.PLANNING_EDIT, site.pk)
    if data["available_to"] <= data["available_from"]:
        raise ValidationError({"available_to": _("The window must end after it starts.")})
    worker = Worker(
        organisation_id=site.organisation_id,
        name=data["name"],
        kind=data["kind"],
        languages=data["languages"],
        female=data["female"],
        max_shifts_per_month=data["max_shifts_per_month"],
        contract_hours=data["contract_hours"],
        email=data.get("email", ""),
    )
    writes.save_new(worker, by=by, site_id=site.pk)
    worker.sites.add(site)
    WeeklyWindow.objects.bulk_create(
        WeeklyWindow(
            organisation_id=worker.organisation_id,
            worker=worker,
            kind="available",
            weekday=day,
            start=data["available_from"],
            end=data["available_to"],
        )
        for day in data["weekdays"]
    )
    return worker


@transaction.atomic
def add_template(template: ShiftTemplate, *, site: Site, by: Principal) -> ShiftTemplate:
    by.require(Perm.PLANNING_EDIT, site.pk)
    template.organisation_id, template.site = site.organisation_id, site
    return writes.save_new(template, by=by)


@transaction.atomic
def change_planning_settings(
    site: Site, *, closed_on_public_holidays: bool, by: Principal
) -> SitePlanningSettings:
    """From then on, drafts of the site plan no shift on a day it is closed."""
    by.require(Perm.PLANNING_EDIT, site.pk)
    row, _created = SitePlanningSettings.objects.get_or_create(
        site=site, defaults={"organisation_id": site.organisation_id}
    )
    row.closed_on_public_holidays = closed_on_public_holidays
    return writes.save_changed(row, by=by, fields=["closed_on_public_holidays"], site_id=site.pk)
