"""The shapes of the housing API: what comes in, and what goes out with the secret address hidden.

A confidential building's address, and the unit someone lives in there, come back as
"confidential location" to every caller without the explicit permission at that site.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.utils import timezone
from ninja import Schema

from coordo.access.scoping import Principal
from coordo.housing import queries
from coordo.housing.models import (
    Destination,
    ExitReason,
    Offer,
    PlaceRequest,
    Priority,
    Stay,
    Unit,
)


class UnitOut(Schema):
    id: int
    site_id: int
    building: str
    address: str
    name: str
    kind: str
    capacity: int
    women_only: bool
    family: bool
    accessible: bool
    in_service_from: date
    out_of_service_from: date | None
    free_tonight: int


class OccupancyOut(Schema):
    person_id: int
    location: str
    unit_id: int | None
    start: date
    end: date | None


class StayOut(Schema):
    id: int
    site_id: int
    head_id: int
    household_id: int | None
    household_type: str
    start: date
    planned_end: date | None
    end: date | None
    exit_reason: str
    destination: str
    occupancies: list[OccupancyOut]


class AdmitIn(Schema):
    head_id: int | None = None
    household_id: int | None = None
    # Part of the household only (its head among them); empty admits everyone.
    members: list[int] = []  # person ids
    start: date
    planned_end: date | None = None


class MoveIn(Schema):
    unit_id: int
    on: date


class EndIn(Schema):
    end: date
    exit_reason: ExitReason
    destination: Destination


class RequestOut(Schema):
    id: int
    site_id: int
    head_id: int
    household_id: int | None
    persons: int
    requested_on: date
    waited_days: int
    priority: int
    needs_family_unit: bool
    needs_women_only: bool
    needs_accessible: bool
    status: str


class RequestIn(Schema):
    site_id: int
    head_id: int | None = None
    household_id: int | None = None
    requested_on: date | None = None
    priority: Priority = Priority.NORMAL
    persons: int | None = None
    needs_family_unit: bool = False
    needs_women_only: bool = False
    needs_accessible: bool = False
    notes: str = ""


class OfferIn(Schema):
    on: date
    # Without it, the unit goes to the next suitable household of the waiting list.
    request_id: int | None = None


class OfferOut(Schema):
    id: int
    request_id: int
    unit_id: int | None
    location: str
    offered_on: date
    outcome: str
    refusal_reason: str
    answered_on: date | None


class AnswerIn(Schema):
    decision: Literal["accept", "refuse"]
    on: date  # the entry date when accepted
    refusal_reason: str = ""
    planned_end: date | None = None
    members: list[int] = []  # person ids


class AnswerOut(Schema):
    offer: OfferOut
    stay: StayOut | None


class ImportErrorOut(Schema):
    line: int
    field: str
    message: str


class ImportOut(Schema):
    rows: int
    created_buildings: int
    created_units: int
    updated_units: int
    written: bool
    errors: list[ImportErrorOut]


STAY_FIELDS = set(StayOut.model_fields) - {"occupancies"}
REQUEST_FIELDS = set(RequestOut.model_fields) - {"waited_days"}


def unit_out(principal: Principal, unit: Unit) -> UnitOut:
    return UnitOut(
        id=unit.pk, site_id=unit.building.site_id, building=unit.building.name,
        address=queries.address_of(principal, unit.building), name=unit.name, kind=unit.kind,
        capacity=unit.capacity, women_only=unit.women_only, family=unit.family,
        accessible=unit.accessible, in_service_from=unit.in_service_from,
        out_of_service_from=unit.out_of_service_from, free_tonight=getattr(unit, "free", 0),
    )  # fmt: skip


def stay_out(principal: Principal, stay: Stay) -> StayOut:
    occupancies = [
        OccupancyOut(
            person_id=o.person_id,
            location=queries.unit_label(principal, o.unit),
            unit_id=o.unit_id if queries.may_see_location(principal, o.unit.building) else None,
            start=o.start,
            end=o.end,
        )  # fmt: skip
        for o in stay.occupancies.all()
    ]
    fields = {name: getattr(stay, name) for name in STAY_FIELDS}
    return StayOut(**fields, occupancies=occupancies)


def offer_out(principal: Principal, offer: Offer) -> OfferOut:
    building = offer.unit.building
    return OfferOut(
        id=offer.pk, request_id=offer.request_id,
        unit_id=offer.unit_id if queries.may_see_location(principal, building) else None,
        location=queries.unit_label(principal, offer.unit), offered_on=offer.offered_on,
        outcome=offer.outcome, refusal_reason=offer.refusal_reason, answered_on=offer.answered_on,
    )  # fmt: skip


def request_out(request: PlaceRequest) -> RequestOut:
    fields = {name: getattr(request, name) for name in REQUEST_FIELDS}
    return RequestOut(**fields, waited_days=request.waited_days(timezone.localdate()))
