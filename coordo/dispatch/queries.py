"""Reads of arrivals, screenings, batches and the network, from what the principal may see."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.roles import SiteKind
from coordo.access.scoping import Principal
from coordo.dispatch.models import Arrival, Batch, Proposal, ReceptionCentre, ReceptionUnit
from coordo.people.models import Person


def arrivals_visible_to(principal: Principal, perm: Perm = Perm.DISPATCH_VIEW) -> QuerySet[Arrival]:
    return Arrival.objects.filter(
        organisation_id=principal.organisation_id, site_id__in=principal.sites_where(perm)
    ).select_related("site", "household__head", "social", "medical")


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
    return Batch.objects.filter(
        organisation_id=principal.organisation_id, site_id__in=principal.sites_where(perm)
    ).select_related("site", "created_by")


def get_batch(principal: Principal, batch_id: int, perm: Perm = Perm.DISPATCH_VIEW) -> Batch:
    return get_object_or_404(batches_visible_to(principal, perm), pk=batch_id)


def proposals_of(batch: Batch) -> QuerySet[Proposal]:
    return batch.proposals.select_related(
        "arrival__household", "unit__centre__site", "decision__unit", "decision__decided_by"
    ).order_by("id")


def get_proposal(principal: Principal, proposal_id: int, perm: Perm) -> Proposal:
    proposals = Proposal.objects.filter(
        organisation_id=principal.organisation_id,
        batch__site_id__in=principal.sites_where(perm),
    ).select_related("batch", "arrival__household", "unit", "decision")
    return get_object_or_404(proposals, pk=proposal_id)


def centres_of(principal: Principal) -> QuerySet[ReceptionCentre]:
    """The network is the organisation's: no personal data, seen by whoever runs batches."""
    return ReceptionCentre.objects.filter(organisation_id=principal.organisation_id).select_related(
        "site"
    )


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
    units = ReceptionUnit.objects.filter(organisation_id=principal.organisation_id)
    if edits_whole_network(principal):
        return units
    return units.filter(centre__site_id__in=principal.sites_where(Perm.DISPATCH_NETWORK_EDIT))


def get_editable_unit(principal: Principal, unit_id: int) -> ReceptionUnit:
    return get_object_or_404(editable_units(principal).select_related("centre"), pk=unit_id)
