"""Reads of the housing app, always starting from what the principal may see.

Counts are computed in the database (subqueries per unit, one aggregate per site),
so a page costs the same number of queries whatever the number of stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.housing.actions.stays import overlapping
from coordo.housing.models import (
    CONFIDENTIAL_LOCATION,
    Building,
    Occupancy,
    Offer,
    PlaceRequest,
    RequestStatus,
    Stay,
    Unit,
    UnitClosure,
)

ONE_DAY = timedelta(days=1)


def _sites(principal: Principal, perm: Perm) -> dict[str, object]:
    return {
        "organisation_id": principal.organisation_id,
        "site_id__in": principal.sites_where(perm),
    }


def buildings_visible_to(
    principal: Principal, perm: Perm = Perm.HOUSING_VIEW
) -> QuerySet[Building]:
    return Building.objects.filter(**_sites(principal, perm)).select_related("site")


def units_visible_to(principal: Principal, perm: Perm = Perm.HOUSING_VIEW) -> QuerySet[Unit]:
    return Unit.objects.filter(
        organisation_id=principal.organisation_id,
        building__site_id__in=principal.sites_where(perm),
    ).select_related("building", "building__site")


def stays_visible_to(principal: Principal, perm: Perm = Perm.STAY_VIEW) -> QuerySet[Stay]:
    return Stay.objects.filter(**_sites(principal, perm)).select_related(
        "head", "household", "site"
    )


def requests_visible_to(
    principal: Principal, perm: Perm = Perm.STAY_VIEW
) -> QuerySet[PlaceRequest]:
    return PlaceRequest.objects.filter(**_sites(principal, perm)).select_related(
        "head", "household"
    )


def get_building(
    principal: Principal, building_id: int, perm: Perm = Perm.HOUSING_VIEW
) -> Building:
    return get_object_or_404(buildings_visible_to(principal, perm), pk=building_id)


def get_unit(principal: Principal, unit_id: int, perm: Perm = Perm.HOUSING_VIEW) -> Unit:
    return get_object_or_404(units_visible_to(principal, perm), pk=unit_id)


def get_stay(principal: Principal, stay_id: int, perm: Perm = Perm.STAY_VIEW) -> Stay:
    return get_object_or_404(stays_visible_to(principal, perm), pk=stay_id)


def get_request(principal: Principal, request_id: int, perm: Perm = Perm.STAY_VIEW) -> PlaceRequest:
    return get_object_or_404(requests_visible_to(principal, perm), pk=request_id)


def get_offer(principal: Principal, offer_id: int, perm: Perm = Perm.STAY_EDIT) -> Offer:
    return get_object_or_404(
        Offer.objects.filter(
            organisation_id=principal.organisation_id,
            request__site_id__in=principal.sites_where(perm),
        ).select_related("request", "request__head", "request__household", "unit__building"),
        pk=offer_id,
    )


# The secret address -----------------------------------------------------------------


def may_see_location(principal: Principal, building: Building) -> bool:
    return not building.confidential or principal.can(
        Perm.CONFIDENTIAL_ADDRESS_VIEW, building.site_id
    )


def address_of(principal: Principal, building: Building) -> str:
    return building.address if may_see_location(principal, building) else str(CONFIDENTIAL_LOCATION)


def unit_label(principal: Principal, unit: Unit) -> str:
    """Where someone lives, or "confidential location" for those who may not know it."""
    return str(unit) if may_see_location(principal, unit.building) else str(CONFIDENTIAL_LOCATION)


# Free places ------------------------------------------------------------------------


def units_with_free_places(units: QuerySet[Unit], night: date) -> QuerySet[Unit]:
    """Annotate `occupied`, `closed` and `free` (0 for a closed unit or a family already there)."""
    occupied = (
        Occupancy.objects.filter(overlapping(night, night + ONE_DAY), unit=OuterRef("pk"))
        .order_by()
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    closed = UnitClosure.objects.filter(overlapping(night, night + ONE_DAY), unit=OuterRef("pk"))
    return units.annotate(
        occupied=Coalesce(Subquery(occupied, output_field=IntegerField()), 0),
        closed=Exists(closed),
    ).annotate(
        free=Case(
            When(closed=True, then=Value(0)),
            When(Q(family=True) & Q(occupied__gt=0), then=Value(0)),
            default=F("capacity") - F("occupied"),
            output_field=IntegerField(),
        )
    )


@dataclass(frozen=True)
class SiteFreePlaces:
    site_id: int
    site_name: str
    capacity: int
    free: int


def free_places_tonight(principal: Principal, night: date) -> list[SiteFreePlaces]:
    """Per site the principal may see: capacity and the places free tonight (one query)."""
    units = units_with_free_places(units_visible_to(principal), night)
    rows = (
        units.order_by()
        .values("building__site_id", "building__site__name")
        .annotate(total=Sum("capacity"), free_places=Sum("free"))
        .order_by("building__site__name")
    )
    return [
        SiteFreePlaces(
            row["building__site_id"], row["building__site__name"], row["total"], row["free_places"]
        )
        for row in rows
    ]


def waiting_list(principal: Principal, site_id: int) -> QuerySet[PlaceRequest]:
    return (
        requests_visible_to(principal)
        .filter(site_id=site_id, status__in=[RequestStatus.WAITING, RequestStatus.OFFERED])
        .prefetch_related("offers__unit__building")
    )
