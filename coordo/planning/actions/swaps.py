"""Writes of shift swaps: a host asks, a colleague takes, the coordination approves or rejects.

Approval publishes a new version of the month: the version in force stays as it was,
superseded, so who worked when remains readable. The new version must break no rule
that the version in force did not already break.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.planning.actions.plannings import copy_assignments, next_published_version
from coordo.planning.models import (
    OPEN_SWAP_STATUSES,
    Assignment,
    Planning,
    PlanningStatus,
    Shift,
    SwapRequest,
    SwapStatus,
    Worker,
)
from coordo.planning.validation import cell_problems


def _own(worker: Worker | None, principal: Principal) -> Worker:
    if worker is None or worker.user_id is None or worker.user_id != principal.user_id:
        raise PermissionDenied
    return worker


def _in_force(site_id: int, month: date) -> Planning | None:
    return Planning.objects.filter(
        site_id=site_id, month=month, status=PlanningStatus.PUBLISHED
    ).first()


def _works(planning: Planning, shift: Shift | None, worker: Worker | None) -> bool:
    return planning.assignments.filter(shift=shift, worker=worker).exists()


@transaction.atomic
def request_swap(assignment: Assignment, *, colleague: Worker | None, by: Principal) -> SwapRequest:
    """The worker offers one of their published shifts, to `colleague` or (None) to the team."""
    requester = _own(assignment.worker, by)
    planning, shift = assignment.planning, assignment.shift
    if planning.status != PlanningStatus.PUBLISHED:
        raise ValidationError(_("Only a shift of the planning in force can be swapped."))
    if shift.start <= timezone.now():
        raise ValidationError(_("This shift has already started: it cannot be swapped."))
    if colleague is not None:
        if colleague.pk == requester.pk or not colleague.sites.filter(pk=planning.site_id).exists():
            raise ValidationError({"colleague": _("Choose a colleague of this site.")})
        if _works(planning, shift, colleague):
            raise ValidationError({"colleague": _("This colleague already works this shift.")})
    if SwapRequest.objects.filter(
        shift=shift, requester=requester, status__in=OPEN_SWAP_STATUSES
    ).exists():
        raise ValidationError(_("You already asked to swap this shift."))
    swap = SwapRequest.objects.create(
        organisation_id=planning.organisation_id,
        site_id=planning.site_id,
        planning=planning,
        shift=shift,
        requester=requester,
        colleague=colleague,
    )
    audit.record(AuditAction.CREATE, principal=by, obj=swap)
    return swap


@transaction.atomic
def accept_swap(
    swap: SwapRequest,
    *,
    taker: Worker | None,
    counter_shift: Shift | None,
    by: Principal,
) -> SwapRequest:
    """A colleague takes the shift, optionally giving one of theirs in exchange."""
    taker = _own(taker, by)
    addressed = swap.colleague_id == taker.pk or (
        swap.colleague_id is None and taker.sites.filter(pk=swap.site_id).exists()
    )
    if swap.requester_id == taker.pk or not addressed:
        raise PermissionDenied
    if swap.status != SwapStatus.OFFERED:
        raise ValidationError(_("This request is no longer open."))
    if _works(swap.planning, swap.shift, taker):
        raise ValidationError(_("You already work this shift."))
    if counter_shift is not None and (
        not _works(swap.planning, counter_shift, taker)
        or counter_shift.start <= timezone.now()
        or _works(swap.planning, counter_shift, swap.requester)
    ):
        raise ValidationError(
            {
                "counter_shift": _(
                    "Choose one of your coming shifts that your colleague does not work."
                )
            }
        )
    swap.taker, swap.counter_shift, swap.status = taker, counter_shift, SwapStatus.ACCEPTED
    return writes.save_changed(swap, by=by, fields=["taker", "counter_shift", "status"])


@transaction.atomic
def cancel_swap(swap: SwapRequest, *, by: Principal) -> SwapRequest:
    """The requester withdraws while the request is still pending."""
    _own(swap.requester, by)
    if not swap.is_open:
        raise ValidationError(_("This request is no longer open."))
    return _close(swap, SwapStatus.CANCELLED, by=by)


def _close(swap: SwapRequest, status: str, *, by: Principal) -> SwapRequest:
    swap.status, swap.decided_by_id, swap.decided_at = status, by.user_id, timezone.now()
    return writes.save_changed(swap, by=by, fields=["status", "decided_by", "decided_at"])


def _decidable(swap: SwapRequest, principal: Principal) -> None:
    principal.require(Perm.PLANNING_PUBLISH, swap.site_id)
    if not swap.is_open:
        raise ValidationError(_("This request is no longer open."))


@transaction.atomic
def reject_swap(swap: SwapRequest, *, by: Principal) -> SwapRequest:
    _decidable(swap, by)
    return _close(swap, SwapStatus.REJECTED, by=by)


@transaction.atomic
def approve_swap(swap: SwapRequest, *, by: Principal) -> Planning:
    """Publishes the month again with the swap; a rule it would break refuses it, whole."""
    _decidable(swap, by)
    if swap.status != SwapStatus.ACCEPTED or swap.taker is None:
        raise ValidationError(_("No colleague has taken this shift yet."))
    current = _in_force(swap.site_id, swap.planning.month)
    moves = [(swap.shift, swap.requester, swap.taker)]
    if swap.counter_shift is not None:
        moves.append((swap.counter_shift, swap.taker, swap.requester))
    if current is None or not all(_works(current, s, giver) for s, giver, _t in moves):
        raise ValidationError(_("The planning in force has changed: these shifts are not theirs."))
    before = {s.pk: set(cell_problems(current, s, _team(current, s))) for s, _g, _t in moves}
    new = _republish(current, by=by)
    for shift, giver, taker in moves:
        _move(new, shift, giver, taker)
        _move_in_draft(current, shift, giver, taker)
    problems = [
        problem
        for shift, _g, _t in moves
        for problem in cell_problems(new, shift, _team(new, shift))
        if problem not in before[shift.pk]
    ]
    if problems:
        raise ValidationError(problems)  # the atomic block rolls the new version back
    audit.record(AuditAction.CREATE, principal=by, obj=new)
    _close(swap, SwapStatus.APPROVED, by=by)
    return new


def _team(planning: Planning, shift: Shift) -> list[int]:
    return sorted(planning.assignments.filter(shift=shift).values_list("worker_id", flat=True))


def _move(planning: Planning, shift: Shift, giver: Worker, taker: Worker) -> None:
    planning.assignments.filter(shift=shift, worker=giver).update(worker=taker)


def _move_in_draft(current: Planning, shift: Shift, giver: Worker, taker: Worker) -> None:
    """A draft re-planning the version in force gets the swap too, where it kept that shift."""
    draft = Planning.objects.filter(
        site_id=current.site_id, month=current.month, status=PlanningStatus.DRAFT
    ).first()
    if draft is not None and not _works(draft, shift, taker):
        _move(draft, shift, giver, taker)


def _republish(current: Planning, *, by: Principal) -> Planning:
    version = next_published_version(current)
    new = Planning.objects.create(
        organisation_id=current.organisation_id,
        site_id=current.site_id,
        month=current.month,
        status=PlanningStatus.PUBLISHED,
        version=version,
        based_on=current,
        created_by_id=by.named_worker_id(),
        published_at=timezone.now(),
    )
    copy_assignments(current.assignments.all(), new, keep_fixed=True)
    return new
