"""Housing app: inventory, stays, the board, the waiting list; the secret address is a canary."""

from __future__ import annotations

from datetime import date

from django.db.models import Model

from conftest import make_person
from coordo.access.ids import MAX_ID  # an id of nothing (0 is no id: a 422)
from coordo.access.roles import Role
from coordo.housing.models import (
    Building,
    HouseholdType,
    Occupancy,
    Offer,
    PlaceRequest,
    Stay,
    Unit,
    UnitClosure,
    UnitKind,
)
from coordo.people.models import Household
from tests.audit_rule import of
from tests.permissions.routes import CASE_TEAM, Route, api
from tests.world import Place

C, SW, HOST = Role.COORDINATOR, Role.SOCIAL_WORKER, Role.HOST
COORDINATION = frozenset({C})
HOUSING_READERS = frozenset({C, SW, HOST})
AGGREGATES = frozenset({C, Role.RESEARCHER, Role.FUNDER})

ROUTES: dict[str, Route] = {
    "housing_board": Route(allowed=CASE_TEAM),
    "stay_list": Route(allowed=CASE_TEAM),
    "stay_admit": Route(allowed=CASE_TEAM),
    "stay_detail": Route(target="stay", allowed=CASE_TEAM),
    "stay_end": Route(target="stay", allowed=CASE_TEAM),
    "stay_move": Route(target="stay", allowed=CASE_TEAM),
    "person_stays": Route(target="person", allowed=CASE_TEAM, across_sites=True),
    "building_list": Route(allowed=HOUSING_READERS),
    "building_create": Route(allowed=COORDINATION),
    "building_edit": Route(target="building", allowed=COORDINATION),
    "unit_create": Route(target="building", allowed=COORDINATION),
    "unit_edit": Route(target="unit", allowed=COORDINATION),
    "unit_close": Route(
        method="POST", target="unit", allowed=COORDINATION, ok=302,
        data={"start": "2027-01-04", "end": "2027-01-18", "reason": "Peinture"},
    ),
    "closure_edit": Route(target="closure", allowed=COORDINATION),
    "closure_remove": Route(method="POST", target="closure", allowed=COORDINATION, ok=302),
    "unit_offer": Route(method="POST", target="unit", allowed=CASE_TEAM, ok=302),
    "waiting_list": Route(allowed=CASE_TEAM),
    "place_request_create": Route(allowed=CASE_TEAM),
    "place_request_withdraw": Route(method="POST", target="place_request", allowed=CASE_TEAM, ok=302),
    "offer_answer": Route(
        method="POST", target="offer", allowed=CASE_TEAM, ok=302,
        data={"decision": "refuse", "on": "2026-11-20", "refusal_reason": "Trop loin de l'école"},
    ),
    "housing_figures": Route(allowed=COORDINATION),
    "housing_figures_export": Route(allowed=COORDINATION),
    "housing_import": Route(allowed=COORDINATION),
    "housing_import_template": Route(allowed=COORDINATION),
    "housing_figures_aggregate": Route(target="site", allowed=AGGREGATES),
    "housing_figures_aggregate_export": Route(target="site", allowed=AGGREGATES),
    # Session credentials here; tokens are tested in coordo/access/tests/test_api_tokens.py.
    "api:list_units": api(allowed=HOUSING_READERS),
    "api:get_unit": api(target="unit", allowed=HOUSING_READERS, denied=404),
    "api:list_stays": api(allowed=CASE_TEAM),
    "api:get_stay": api(target="stay", allowed=CASE_TEAM, denied=404),
    # The matrix cannot name a person of the place: the allowed roles reach the validation.
    "api:admit": api(method="POST", target="unit", allowed=CASE_TEAM, ok=422, denied=404, data={"start": "2026-12-01"}),
    "api:end_stay": api(
        method="POST", target="stay", allowed=CASE_TEAM, denied=404,
        data={"end": "2026-12-01", "exit_reason": "housing_found", "destination": "social_housing"},
    ),
    # No unit of the place can be named in the table: the allowed roles reach the validation.
    "api:move_stay": api(method="POST", target="stay", allowed=CASE_TEAM, ok=422, denied=404, data={"unit_id": MAX_ID, "on": "2026-12-01"}),
    # The family unit is lived in: nobody fits it, which only the allowed roles learn.
    "api:offer_unit": api(method="POST", target="unit", allowed=CASE_TEAM, ok=422, denied=404, data={"on": "2026-12-01"}),
    "api:answer_offer": api(
        method="POST", target="offer", allowed=CASE_TEAM, denied=404,
        data={"decision": "refuse", "on": "2026-11-20", "refusal_reason": "Trop loin de l'école"},
    ),
    "api:withdraw_request": api(method="POST", target="place_request", allowed=CASE_TEAM, denied=404),
    # A JSON body carries no form field: the coordinators reach the "site_id" validation.
    "api:import_inventory": api(method="POST", allowed=COORDINATION, ok=422),
    "api:list_requests": api(allowed=CASE_TEAM),
    "api:create_request": api(method="POST", allowed=CASE_TEAM, ok=422, own_site_key="site_id", data={"priority": 2}),
}  # fmt: skip

TARGETS = {
    "building": lambda place: {"building_id": place.records["building"].pk},
    "unit": lambda place: {"unit_id": place.records["unit"].pk},
    "stay": lambda place: {"stay_id": place.records["stay"].pk},
    "place_request": lambda place: {"request_id": place.records["place_request"].pk},
    "offer": lambda place: {"offer_id": place.records["offer"].pk},
    "closure": lambda place: {
        "unit_id": place.records["studio"].pk,
        "closure_id": place.records["closure"].pk,
    },
}

# The secret address shows only to the site's coordinators and social workers, where the
# building itself is shown; everyone else, everywhere else, reads "confidential location".
ADDRESS_VISIBLE_TO = {
    (C, "building_list"),
    (SW, "building_list"),
    (C, "building_edit"),
    (C, "api:list_units"),
    (SW, "api:list_units"),
    (C, "api:get_unit"),
    (SW, "api:get_unit"),
}
CANARIES = {"building.address": ("Rue CANARY-SECRET 7, 5000 Namur", ADDRESS_VISIBLE_TO)}


def _household_of(head_id: int, household: Household | None) -> set[int]:
    members = household.members.values_list("person_id", flat=True) if household else []
    return {head_id, *members}


# Which persons an audit row of each record kind names (tests/audit_rule.py).
PERSONS_NAMED = {
    "housing.stay": of(Stay, lambda stay: _household_of(stay.head_id, stay.household)),
    "housing.stay_history": lambda person_id: {int(person_id)},  # one person's stays
    "housing.placerequest": of(PlaceRequest, lambda r: _household_of(r.head_id, r.household)),
    "housing.offer": of(Offer, lambda o: _household_of(o.request.head_id, o.request.household)),
}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    organisation, site = place.site.organisation, place.site
    building = Building.objects.create(
        organisation=organisation,
        site=site,
        name=f"Discreet house {label}",
        address=planted.get("building.address", f"Rue Discrète 1 ({label})"),
        confidential=True,
    )
    unit = Unit.objects.create(
        organisation=organisation,
        building=building,
        name="A",
        kind=UnitKind.APARTMENT,
        capacity=3,
        family=True,
        in_service_from=date(2026, 1, 1),
    )
    studio = Unit.objects.create(
        organisation=organisation,
        building=building,
        name="B",
        kind=UnitKind.STUDIO,
        capacity=1,
        in_service_from=date(2026, 1, 1),
    )
    household = place.records["household"]
    assert isinstance(household, Household)
    stay = Stay.objects.create(
        organisation=organisation,
        site=site,
        household=household,
        head=household.head,
        household_type=HouseholdType.SINGLE_PARENT,
        start=date(2026, 10, 1),
    )
    Occupancy.objects.bulk_create(
        Occupancy(
            organisation=organisation,
            stay=stay,
            person=member.person,
            unit=unit,
            slot=slot,
            family=True,
            start=stay.start,
        )
        for slot, member in enumerate(household.members.all(), start=1)
    )
    waiting = make_person(site, "Ruth", f"Mensah-{label}", birth_year=1979)
    place_request = PlaceRequest.objects.create(
        organisation=organisation, site=site, head=waiting, requested_on=date(2026, 9, 14)
    )
    offer = Offer.objects.create(
        organisation=organisation, request=place_request, unit=studio, offered_on=date(2026, 11, 20)
    )
    closure = UnitClosure.objects.create(
        organisation=organisation,
        unit=studio,
        start=date(2027, 6, 1),
        end=date(2027, 6, 15),
        reason="Peinture",
    )
    return {
        "building": building,
        "unit": unit,
        "stay": stay,
        "place_request": place_request,
        "offer": offer,
        "studio": studio,
        "closure": closure,
    }
