"""The shapes of the housing API: what comes in, and what goes out with the secret address hidden.

A confidential building's address, and the unit someone lives in there, come back as
"confidential location" to every caller without the explicit permission at that site.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.utils import timezone
from ninja import Field, Schema

from coordo.access.ids import Id
from coordo.access.scoping import Principal
from coordo.api.input import Input
from coordo.housing import queries
from coordo.housing.models import (
    Destination,
    ExitReason,
    HouseholdType,
    Offer,
    OfferOutcome,
    PlaceRequest,
    Priority,
    RequestStatus,
    Stay,
    Unit,
    UnitKind,
)

Persons = Annotated[int, Field(ge=1, le=20)]  # the most a household request asks for, as the form
Reason = Annotated[str, Field(max_length=250)]


class UnitOut(Schema):
    id: Id
    site_id: Id
    building: str
    address: str
    name: str
    kind: UnitKind
    capacity: int
    women_only: bool
    family: bool
    accessible: bool
    in_service_from: date
    out_of_service_from: date | None
    free_tonight: int


class OccupancyOut(Schema):
    person_id: Id
    location: str
    unit_id: Id | None
    start: date
    end: date | None


class StayOut(Schema):
    id: Id
    site_id: Id
    head_id: Id
    household_id: Id | None
    household_type: HouseholdType
    start: date
    planned_end: date | None
    end: date | None
    exit_reason: ExitReason | Literal[""]
    destination: Destination | Literal[""]
    occupancies: list[OccupancyOut]


class AdmitIn(Input):
    head_id: Id | None = None
    household_id: Id | None = None
    # Part of the household only (its head among them); empty admits everyone.
    members: list[Id] = []  # person ids
    start: date
    planned_end: date | None = None


class MoveIn(Input):
    unit_id: Id
    on: date


class EndIn(Input):
    end: date
    exit_reason: ExitReason
    destination: Destination


class RequestOut(Schema):
    id: Id
    site_id: Id
    head_id: Id
    household_id: Id | None
    persons: int
    requested_on: date
    waited_days: int
    priority: Priority
    needs_family_unit: bool
    needs_women_only: bool
    needs_accessible: bool
    status: RequestStatus


class RequestIn(Input):
    site_id: Id
    head_id: Id | None = None
    household_id: Id | None = None
    requested_on: date | None = None
    priority: Priority = Priority.NORMAL
    persons: Persons | None = None
    needs_family_unit: bool = False
    needs_women_only: bool = False
    needs_accessible: bool = False
    notes: str = Field("", max_length=2000)


class OfferIn(Input):
    on: date
    # Without it, the unit goes to the next suitable household of the waiting list.
    request_id: Id | None = None


class OfferOut(Schema):
    id: Id
    request_id: Id
    unit_id: Id | None
    location: str
    offered_on: date
    outcome: OfferOutcome
    refusal_reason: str
    answered_on: date | None


class AnswerIn(Input):
    decision: Literal["accept", "refuse"]
    on: date  # the entry date when accepted
    refusal_reason: Reason = ""
    planned_end: date | None = None
    members: list[Id] = []  # person ids


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
        id=unit.pk,
        site_id=unit.building.site_id,
        building=unit.building.name,
        address=queries.address_of(principal, unit.building),
        name=unit.name,
        kind=UnitKind(unit.kind),
        capacity=unit.capacity,
        women_only=unit.women_only,
        family=unit.family,
        accessible=unit.accessible,
        in_service_from=unit.in_service_from,
        out_of_service_from=unit.out_of_service_from,
        free_tonight=getattr(unit, "free", 0),
    )


def stay_out(principal: Principal, stay: Stay) -> StayOut:
    occupancies = [
        OccupancyOut(
            person_id=o.person_id,
            location=queries.unit_label(principal, o.unit),
            unit_id=o.unit_id if queries.may_see_location(principal, o.unit.building) else None,
            start=o.start,
            end=o.end,
        )
        for o in stay.occupancies.all()
    ]
    fields = {name: getattr(stay, name) for name in STAY_FIELDS}
    return StayOut(**fields, occupancies=occupancies)


def offer_out(principal: Principal, offer: Offer) -> OfferOut:
    building = offer.unit.building
    return OfferOut(
        id=offer.pk,
        request_id=offer.request_id,
        unit_id=offer.unit_id if queries.may_see_location(principal, building) else None,
        location=queries.unit_label(principal, offer.unit),
        offered_on=offer.offered_on,
        outcome=OfferOutcome(offer.outcome),
        refusal_reason=offer.refusal_reason,
        answered_on=offer.answered_on,
    )


def request_out(request: PlaceRequest) -> RequestOut:
    fields = {name: getattr(request, name) for name in REQUEST_FIELDS}
    return RequestOut(**fields, waited_days=request.waited_days(timezone.localdate()))
