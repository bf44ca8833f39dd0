"""The daily batch's writes: build its snapshot, save the optimiser's answer, decide each proposal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo import background
from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.access.roles import SiteKind
from coordo.access.scoping import Principal
from coordo.dispatch import explanations
from coordo.dispatch.fetch import build_instance, household_type
from coordo.dispatch.models import (
    Arrival,
    ArrivalStatus,
    Batch,
    BatchStatus,
    Decision,
    DecisionOutcome,
    OverrideReason,
    Proposal,
    ReceptionUnit,
    UnitKind,
    WaitingEntry,
)
from coordo.dispatch.optimiser import (
    Solution,
    parse_instance,
    solution_from_plan,
)
from coordo.dispatch.optimiser.solution import explanation_facts, refusal_facts
from coordo.dispatch.queries import current_plan, household_document, unit_fits


@transaction.atomic
def create_batch(site: Site, *, by: Principal, time_limit: int = 10) -> Batch:
    """Freeze today's households and free places, and queue the optimiser on them."""
    by.require(Perm.DISPATCH_RUN, site.pk)
    if site.kind != SiteKind.ARRIVAL_CENTRE:
        raise ValidationError(_("Batches are run from an arrival centre."))
    background.fail_stale(Batch.objects.filter(site=site))
    if Batch.objects.filter(
        site=site, status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING, BatchStatus.DONE]
    ).exists():
        raise ValidationError(_("Finish the open batch of this site first."))
    today = timezone.localdate()
    snapshot, arrivals = build_instance(site, today)
    if not arrivals:
        raise ValidationError(_("No screened household is waiting at this site."))
    batch = Batch.objects.create(
        organisation_id=site.organisation_id,
        site=site,
        date=today,
        snapshot=snapshot,
        time_limit=time_limit,
        created_by_id=by.named_worker_id(),
    )
    audit.record(AuditAction.CREATE, principal=by, obj=batch)
    background.enqueue(batch)
    return batch


def request_cancel(batch: Batch, *, by: Principal) -> None:
    by.require(Perm.DISPATCH_RUN, batch.site_id)
    # The running task polls this flag and keeps the best plan found so far.
    background.request_cancel(Batch.objects.filter(pk=batch.pk))


@transaction.atomic
def save_solution(batch: Batch, solution: Solution) -> None:
    """One proposal per household of the snapshot; the unplaced go on the waiting list."""
    keys = [int(h["id"][1:]) for h in batch.snapshot["households"]]
    arrivals = {
        a.key: a for a in Arrival.objects.filter(pk__in=keys).select_related("household__head")
    }
    units = {u.code: u for u in ReceptionUnit.objects.filter(organisation_id=batch.organisation_id)}
    households = {h["id"]: h for h in batch.snapshot["households"]}
    day = batch.date
    placed = {p.household: p for p in solution.placements}
    unplaced = {u.household: u for u in solution.unplaced}
    for key, document in households.items():
        arrival = arrivals[key]
        placement = placed.get(key)
        proposal = Proposal(
            organisation_id=batch.organisation_id,
            batch=batch,
            arrival=arrival,
            household_type=household_type(document),
            head_sex=(arrival.household.head.sex if arrival.household.head else "U"),
            vulnerable=document["vulnerable"],
            size=len(document["members"]),
            language=_head_language(arrival),
            waiting_days=(day - arrival.registered).days,
        )
        if placement is not None:
            proposal.unit = units[placement.unit]
            proposal.penalty = placement.explanation.penalty.total
            proposal.eligible_units = placement.explanation.eligible_units
            # The facts, worded in the reader's language when shown (explanations.py).
            proposal.explanation = explanation_facts(placement.explanation)
        else:
            refused = unplaced[key]
            proposal.unplaced_reason = refused.reason
            proposal.explanation = refusal_facts(refused.why) if refused.why else {}
        if placement is None and not solution.cancelled:
            WaitingEntry.objects.create(
                organisation_id=batch.organisation_id,
                site_id=batch.site_id,
                arrival=arrival,
                batch=batch,
                reason=unplaced[key].reason,
                since=arrival.registered,
            )
        proposal.save()
    batch.result = {
        "status": solution.status,
        "score": solution.score.as_dict(),
        "solve_seconds": round(solution.solve_seconds, 3),
        "cancelled": solution.cancelled,
    }
    batch.save(update_fields=["result"])


def _head_language(arrival: Arrival) -> str:
    head = arrival.household.head
    return head.languages[0] if head and head.languages else ""


def _place(proposal: Proposal, unit: ReceptionUnit | None) -> None:
    """A decided placement takes the unit's beds: a private unit whole, one bed of a shared one."""
    arrival = proposal.arrival
    if unit is None:
        return
    # The network may have changed since the snapshot: never below zero.
    unit.free = 0 if unit.kind == UnitKind.PRIVATE else max(unit.free - 1, 0)
    ReceptionUnit.objects.filter(pk=unit.pk).update(free=unit.free)
    arrival.status, arrival.placed_unit = ArrivalStatus.PLACED, unit
    arrival.save(update_fields=["status", "placed_unit"])


def _check_decidable(batch: Batch, principal: Principal) -> None:
    principal.require(Perm.DISPATCH_RUN, batch.site_id)
    if batch.status != BatchStatus.DONE:
        raise ValidationError(_("This batch cannot be decided any more."))


@transaction.atomic
def accept_all(batch: Batch, *, by: Principal) -> int:
    """Accept every proposal not yet decided; the batch is then closed."""
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    _check_decidable(batch, by)
    undecided = batch.proposals.filter(decision__isnull=True).select_related("unit", "arrival")
    count = 0
    for proposal in undecided:
        Decision.objects.create(
            organisation_id=batch.organisation_id,
            proposal=proposal,
            outcome=DecisionOutcome.ACCEPTED,
            unit=proposal.unit,
            decided_by_id=by.named_worker_id(),
        )
        _place(proposal, proposal.unit and ReceptionUnit.objects.get(pk=proposal.unit.pk))
        count += 1
    batch.status = BatchStatus.CLOSED
    writes.save_changed(batch, by=by, fields=["status"])
    return count


@transaction.atomic
def override_proposal(
    proposal: Proposal,
    *,
    unit: ReceptionUnit | None,
    reason_code: str,
    comment: str,
    by: Principal,
) -> Decision:
    """Another unit (or none) than proposed, for a reason; checked against the snapshot's rules."""
    batch = Batch.objects.select_for_update().get(pk=proposal.batch_id)
    _check_decidable(batch, by)
    if hasattr(proposal, "decision"):
        raise ValidationError(_("This proposal has already been decided."))
    if reason_code not in OverrideReason.values:
        raise ValidationError({"reason_code": _("Choose the reason for the override.")})
    if reason_code == OverrideReason.OTHER and not comment.strip():
        raise ValidationError({"comment": _("Explain the reason in the comment.")})
    if unit is not None:
        fit = unit_fits(proposal).get(unit.code)
        if fit is None:
            raise ValidationError({"unit": _("This unit was not in the network of this batch.")})
        if fit.problems:
            household = explanations.household_facts(household_document(proposal))
            raise ValidationError({"unit": explanations.unfit_message(fit, household)})
        # The reference check, which the fits above agree with (tested).
        plan = current_plan(batch, without=proposal) | {proposal.arrival.key: unit.code}
        solution_from_plan(parse_instance(batch.snapshot), plan)
    decision = Decision.objects.create(
        organisation_id=batch.organisation_id,
        proposal=proposal,
        outcome=DecisionOutcome.OVERRIDDEN,
        unit=unit,
        reason_code=reason_code,
        comment=comment,
        decided_by_id=by.named_worker_id(),
    )
    _place(proposal, unit)
    if unit is None:
        WaitingEntry.objects.get_or_create(
            organisation_id=batch.organisation_id,
            site_id=batch.site_id,
            arrival=proposal.arrival,
            batch=batch,
            defaults={"reason": "override", "since": proposal.arrival.registered},
        )
    audit.record(AuditAction.UPDATE, principal=by, obj=decision, site_id=batch.site_id)
    return decision
