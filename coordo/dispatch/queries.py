"""Reads of arrivals, screenings, batches and the network, from what the principal may see."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Avg, Count, QuerySet
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404

from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.roles import SiteKind
from coordo.access.scoping import Principal
from coordo.dispatch import explanations
from coordo.dispatch.models import (
    Arrival,
    Batch,
    Decision,
    DecisionOutcome,
    Proposal,
    ReceptionCentre,
    ReceptionUnit,
    WaitingEntry,
)
from coordo.dispatch.optimiser import parse_instance
from coordo.dispatch.optimiser.rules import Fit, fits_in_plan
from coordo.people.models import Person


def arrivals_visible_to(principal: Principal, perm: Perm = Perm.DISPATCH_VIEW) -> QuerySet[Arrival]:
    return Arrival.objects.visible_to(principal, perm).select_related(
        "site", "household__head", "social", "medical"
    )


def arrivals_of_person(principal: Principal, person: Person) -> QuerySet[Arrival]:
    """The arrivals of her household, with their screenings, for her subject-access export."""
    return (
        arrivals_visible_to(principal)
        .filter(household__members__person=person)
        .select_related("placed_unit__centre__site")
        .distinct()
        .order_by("registered", "pk")
    )


def get_arrival(principal: Principal, arrival_id: int, perm: Perm = Perm.DISPATCH_VIEW) -> Arrival:
    return get_object_or_404(arrivals_visible_to(principal, perm), pk=arrival_id)


def batches_visible_to(principal: Principal, perm: Perm = Perm.DISPATCH_VIEW) -> QuerySet[Batch]:
    return Batch.objects.visible_to(principal, perm).select_related("site", "created_by")


def get_batch(principal: Principal, batch_id: int, perm: Perm = Perm.DISPATCH_VIEW) -> Batch:
    return get_object_or_404(batches_visible_to(principal, perm), pk=batch_id)


def proposals_of(batch: Batch) -> QuerySet[Proposal]:
    return batch.proposals.select_related(
        "arrival__household", "unit__centre__site", "decision__unit", "decision__decided_by"
    ).order_by("id")


def get_proposal(principal: Principal, proposal_id: int, perm: Perm) -> Proposal:
    proposals = Proposal.objects.visible_to(principal, perm).select_related(
        "batch", "arrival__household", "unit", "decision"
    )
    return get_object_or_404(proposals, pk=proposal_id)


def centres_of(principal: Principal) -> QuerySet[ReceptionCentre]:
    """The network is the organisation's: no personal data, seen by whoever runs batches."""
    return ReceptionCentre.objects.of_organisation(principal).select_related("site")


def centre_names(organisation_id: int) -> dict[str, str]:
    """Centre code -> its site's name, to word the optimiser's reasons."""
    return dict(
        ReceptionCentre.objects.filter(organisation_id=organisation_id).values_list(
            "code", "site__name"
        )
    )


def edits_whole_network(principal: Principal) -> bool:
    """An arrival centre's team keeps the whole network's free places (the daily import)."""
    sites = principal.sites_where(Perm.DISPATCH_NETWORK_EDIT)
    return Site.objects.filter(pk__in=sites, kind=SiteKind.ARRIVAL_CENTRE).exists()


def editable_units(principal: Principal) -> QuerySet[ReceptionUnit]:
    if edits_whole_network(principal):
        return ReceptionUnit.objects.of_organisation(principal)
    return ReceptionUnit.objects.visible_to(principal, Perm.DISPATCH_NETWORK_EDIT)


def get_editable_unit(principal: Principal, unit_id: int) -> ReceptionUnit:
    return get_object_or_404(editable_units(principal).select_related("centre"), pk=unit_id)


# A batch under review: what each proposal could become, the others as decided so far.
def current_plan(batch: Batch, *, without: Proposal) -> dict[str, str]:
    """Household key -> unit code of every proposal as decided so far, but `without`'s."""
    plan: dict[str, str] = {}
    for proposal in batch.proposals.exclude(pk=without.pk).select_related("unit", "decision__unit"):
        decision = getattr(proposal, "decision", None)
        unit = decision.unit if decision else proposal.unit
        if unit is not None:
            plan[proposal.arrival.key] = unit.code
    return plan


def household_document(proposal: Proposal) -> dict[str, Any]:
    key = proposal.arrival.key
    return next(h for h in proposal.batch.snapshot["households"] if h["id"] == key)


def unit_fits(proposal: Proposal) -> dict[str, Fit]:
    """Unit code -> whether the proposal's household could go there, the others as decided."""
    batch = proposal.batch
    plan = current_plan(batch, without=proposal)
    fits = fits_in_plan(parse_instance(batch.snapshot), plan, proposal.arrival.key)
    return {fit.unit: fit for fit in fits}


def unit_choices(proposal: Proposal) -> list[tuple[str, str]]:
    """The override list: every unit of the batch's network, those that suit first, each
    with its free beds and, if it does not suit, why."""
    household = explanations.household_facts(household_document(proposal))
    names = centre_names(proposal.organisation_id)
    fits = sorted(unit_fits(proposal).values(), key=lambda fit: (bool(fit.problems), fit.unit))
    return [(fit.unit, explanations.fit_label(fit, household, names)) for fit in fits]


def proposal_rows(batch: Batch) -> list[dict[str, Any]]:
    """What the review screen shows, every proposal and refusal worded in the reader's language."""
    names = centre_names(batch.organisation_id)
    return [
        {
            "proposal": p,
            "text": explanations.proposal_text(p.explanation, p.unplaced_reason, names),
            "decision": getattr(p, "decision", None),
        }
        for p in proposals_of(batch)
    ]


def waiting_reasons(site: Site) -> dict[int, str]:
    """Arrival id -> why the latest batch of the site left her household waiting."""
    return dict(
        WaitingEntry.objects.filter(site=site)
        .order_by("batch_id")
        .values_list("arrival_id", "reason")
    )


def network_units(organisation_id: int) -> QuerySet[ReceptionUnit]:
    """The organisation's reception units (the network has no personal data)."""
    return ReceptionUnit.objects.filter(organisation_id=organisation_id)


def units_by_code() -> QuerySet[ReceptionUnit]:
    """Units in code order, to prefetch under centres already scoped (`centres_of`)."""
    return ReceptionUnit.objects.order_by("code")


def proposals_of_batches(batches: QuerySet[Batch]) -> QuerySet[Proposal]:
    return Proposal.objects.filter(batch__in=batches)


# The reports' indicators (coordo/reports/indicators/dispatch.py): counts over sites and
# days [start, end), one grouped query each.
def arrival_counts(site_ids: tuple[int, ...], start: date, end: date, per: str) -> dict[Any, int]:
    """Households registered in the period, per `status` or `month` (its first day)."""
    arrivals = Arrival.objects.filter(
        site_id__in=site_ids, registered__gte=start, registered__lt=end
    ).order_by()
    if per == "month":
        arrivals = arrivals.annotate(month=TruncMonth("registered"))
    return dict(arrivals.values_list(per).annotate(n=Count("pk")))


def _decided(site_ids: tuple[int, ...], start: date, end: date) -> QuerySet[Decision]:
    return Decision.objects.filter(
        proposal__batch__site_id__in=site_ids,
        decided_at__date__gte=start,
        decided_at__date__lt=end,
    ).order_by()


def decision_counts(site_ids: tuple[int, ...], start: date, end: date, per: str) -> dict[Any, int]:
    """Dispatch decisions taken in the period, per `outcome`, or overrides by `reason`."""
    decided = _decided(site_ids, start, end)
    if per == "reason":
        decided = decided.filter(outcome=DecisionOutcome.OVERRIDDEN)
        return dict(decided.values_list("reason_code").annotate(n=Count("pk")))
    return dict(decided.values_list("outcome").annotate(n=Count("pk")))


def waiting_days_at_decision(site_ids: tuple[int, ...], start: date, end: date) -> float | None:
    """The average days households had waited when their dispatch was decided."""
    average = _decided(site_ids, start, end).aggregate(days=Avg("proposal__waiting_days"))["days"]
    return None if average is None else round(average, 1)
