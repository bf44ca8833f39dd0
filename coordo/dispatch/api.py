"""Dispatch endpoints: screenings (needs only, never medical details), batches, decisions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from coordo.access import audit
from coordo.access.api_auth import api_principal, named_worker
from coordo.access.ids import Id
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.api.input import Input
from coordo.api.pagination import listed, paginate
from coordo.dispatch import explanations, queries
from coordo.dispatch.actions import batches
from coordo.dispatch.models import (
    Arrival,
    ArrivalStatus,
    Batch,
    BatchStatus,
    Decision,
    DecisionOutcome,
    OverrideReason,
    Proposal,
    Region,
    SchoolLanguage,
    VulnerabilityFlag,
)

router = Router(tags=["dispatch"])


class NeedsOut(Schema):
    medical: bool
    accessible: bool
    women_only: bool


class ScreeningOut(Schema):
    arrival_id: Id
    household_id: Id
    site_id: Id
    registered: date
    status: ArrivalStatus
    size: int
    socially_screened: bool
    medically_screened: bool
    school_language: SchoolLanguage | Literal[""]
    region: Region | Literal[""]
    family_centre: str | None
    excluded_centres: list[str]
    flags: list[VulnerabilityFlag]
    unaccompanied_minor: bool
    needs: NeedsOut


def screening_out(arrival: Arrival) -> ScreeningOut:
    social = getattr(arrival, "social", None)
    medical = getattr(arrival, "medical", None)
    return ScreeningOut(
        arrival_id=arrival.pk,
        household_id=arrival.household_id,
        site_id=arrival.site_id,
        registered=arrival.registered,
        status=ArrivalStatus(arrival.status),
        size=len(arrival.household.members.all()),
        socially_screened=social is not None,
        medically_screened=medical is not None,
        school_language=social.school_language if social else "",
        region=social.region if social else "",
        family_centre=social.family_centre.code if social and social.family_centre else None,
        excluded_centres=[c.code for c in social.excluded_centres.all()] if social else [],
        flags=list(social.flags) if social else [],
        unaccompanied_minor=bool(social and social.unaccompanied_minor),
        needs=NeedsOut(
            medical=bool(medical and medical.needs_medical),
            accessible=bool(medical and medical.needs_accessible),
            women_only=bool(social and social.women_only),
        ),
    )


@router.get("/dispatch/screenings", response=list[ScreeningOut])
@paginate
def list_screenings(request: HttpRequest, site_id: Id | None = None) -> list[ScreeningOut]:
    principal = api_principal(request, Perm.DISPATCH_VIEW)
    arrivals = (
        queries.arrivals_visible_to(principal)
        .select_related("social__family_centre")
        .prefetch_related("household__members", "social__excluded_centres")
    )
    return [screening_out(arrival) for arrival in listed(principal, arrivals, site_id=site_id)]


@router.get("/dispatch/screenings/{arrival_id}", response=ScreeningOut)
def get_screening(request: HttpRequest, arrival_id: Id) -> ScreeningOut:
    principal = api_principal(request)
    arrival = queries.get_arrival(principal, arrival_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=arrival)
    return screening_out(arrival)


class DecisionOut(Schema):
    outcome: DecisionOutcome
    unit: str | None
    reason_code: OverrideReason | Literal[""]
    comment: str
    decided_by: Id
    decided_at: datetime


class ProposalOut(Schema):
    id: Id
    arrival_id: Id
    unit: str | None
    unplaced_reason: str
    penalty: int
    eligible_units: int
    explanation: str  # in the request's language
    reasons: dict[str, object]  # the optimiser's facts the explanation words
    decision: DecisionOut | None


class BatchOut(Schema):
    id: Id
    site_id: Id
    date: date
    status: BatchStatus
    progress: dict[str, object]
    result: dict[str, object]


class BatchDetailOut(BatchOut):
    proposals: list[ProposalOut]


def decision_out(decision: Decision | None) -> DecisionOut | None:
    if decision is None:
        return None
    return DecisionOut(
        outcome=DecisionOutcome(decision.outcome),
        unit=decision.unit.code if decision.unit else None,
        reason_code=OverrideReason(decision.reason_code) if decision.reason_code else "",
        comment=decision.comment,
        decided_by=decision.decided_by_id,
        decided_at=decision.decided_at,
    )


def proposal_out(proposal: Proposal, names: dict[str, str]) -> ProposalOut:
    reasons = proposal.explanation if "kind" in proposal.explanation else {}
    return ProposalOut(
        id=proposal.pk,
        arrival_id=proposal.arrival_id,
        unit=proposal.unit.code if proposal.unit else None,
        unplaced_reason=proposal.unplaced_reason,
        penalty=proposal.penalty,
        eligible_units=proposal.eligible_units,
        explanation=explanations.proposal_text(
            proposal.explanation, proposal.unplaced_reason, names
        ),
        reasons=reasons,
        decision=decision_out(getattr(proposal, "decision", None)),
    )


def batch_out(batch: Batch) -> BatchOut:
    return BatchOut(
        id=batch.pk,
        site_id=batch.site_id,
        date=batch.date,
        status=BatchStatus(batch.state),
        progress=batch.progress,
        result=batch.result,
    )


@router.get("/dispatch/batches", response=list[BatchOut])
@paginate
def list_batches(request: HttpRequest) -> list[BatchOut]:
    principal = api_principal(request, Perm.DISPATCH_VIEW)
    return [batch_out(batch) for batch in queries.batches_visible_to(principal)[:200]]


@router.get("/dispatch/batches/{batch_id}", response=BatchDetailOut)
def get_batch(request: HttpRequest, batch_id: Id) -> BatchDetailOut:
    principal = api_principal(request)
    batch = queries.get_batch(principal, batch_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=batch)
    names = queries.centre_names(batch.organisation_id)
    proposals = [proposal_out(p, names) for p in queries.proposals_of(batch)]
    return BatchDetailOut(**batch_out(batch).dict(), proposals=proposals)


@router.post("/dispatch/batches/{batch_id}/accept", response=BatchOut)
def accept_batch(request: HttpRequest, batch_id: Id) -> BatchOut:
    principal = api_principal(request)
    batch = queries.get_batch(principal, batch_id, Perm.DISPATCH_RUN)
    # Decisions are made by a named dispatcher, never by an integration token.
    batches.accept_all(batch, by=named_worker(request))
    batch.refresh_from_db()
    return batch_out(batch)


class OverrideIn(Input):
    unit: str | None = Field(None, max_length=30, description="A reception unit's code.")
    reason_code: OverrideReason
    comment: str = Field("", max_length=2000)


@router.post("/dispatch/proposals/{proposal_id}/override", response={201: DecisionOut})
def override_proposal(
    request: HttpRequest, proposal_id: Id, payload: OverrideIn
) -> tuple[int, DecisionOut | None]:
    principal = api_principal(request)
    proposal = queries.get_proposal(principal, proposal_id, Perm.DISPATCH_RUN)
    unit = None
    if payload.unit is not None:
        units = queries.network_units(principal.organisation_id)
        unit = get_object_or_404(units, code=payload.unit)
    decision = batches.override_proposal(
        proposal,
        unit=unit,
        reason_code=payload.reason_code,
        comment=payload.comment,
        by=named_worker(request),
    )
    return 201, decision_out(decision)
