"""Dispatch app: routes, record kinds and canaries for the matrix and the canary test."""

from __future__ import annotations

from datetime import date
from typing import cast

from django.db.models import Model

from coordo.access.models import User
from coordo.access.roles import Role
from coordo.dispatch.fetch import build_instance
from coordo.dispatch.models import (
    Arrival,
    Batch,
    BatchStatus,
    MedicalScreening,
    Proposal,
    ReceptionCentre,
    SocialScreening,
)
from coordo.dispatch.optimiser.model import Explanation, Penalty
from coordo.dispatch.optimiser.solution import explanation_facts
from coordo.dispatch.tests.factories import make_arrival, make_medical, make_unit
from coordo.people.models import Household
from tests.audit_rule import of
from tests.permissions.routes import Route, api
from tests.world import Place

C, SW, MED, DISP = Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL, Role.DISPATCHER
VIEWERS = frozenset({C, SW, MED, DISP})
SCREENERS = frozenset({C, SW, DISP})
RUNNERS = frozenset({C, DISP})
MEDICAL = frozenset({MED})

ROUTES: dict[str, Route] = {
    "dispatch_home": Route(allowed=VIEWERS),
    "dispatch_arrival_create": Route(allowed=SCREENERS),
    "dispatch_arrival_detail": Route(target="arrival", allowed=VIEWERS),
    "dispatch_arrival_social": Route(target="arrival", allowed=SCREENERS),
    "dispatch_arrival_medical": Route(target="arrival", allowed=MEDICAL),
    "dispatch_network": Route(allowed=RUNNERS),
    # No file: the form's error is flashed on the network page.
    "dispatch_network_import": Route(method="POST", allowed=RUNNERS, ok=302),
    "dispatch_network_template": Route(allowed=RUNNERS),
    "dispatch_unit_free": Route(
        method="POST", target="reception_unit", allowed=RUNNERS, ok=302, data={"free": "1"}
    ),
    # The own site is not an arrival centre: refused with a message, back to the dispatch page.
    "dispatch_batch_create": Route(method="POST", allowed=RUNNERS, ok=302),
    "dispatch_batch_detail": Route(target="batch", allowed=VIEWERS),
    "dispatch_batch_progress": Route(target="batch", allowed=VIEWERS),
    "dispatch_batch_snapshot": Route(target="batch", allowed=RUNNERS),
    "dispatch_batch_cancel": Route(method="POST", target="batch", allowed=RUNNERS, ok=302),
    "dispatch_batch_accept": Route(method="POST", target="batch", allowed=RUNNERS, ok=302),
    "dispatch_batch_fairness": Route(target="batch", allowed=RUNNERS),
    "dispatch_proposal_override": Route(target="proposal", allowed=RUNNERS),
    "dispatch_fairness_month": Route(allowed=RUNNERS),
    "api:list_screenings": api(allowed=VIEWERS),
    "api:get_screening": api(target="arrival", allowed=VIEWERS, denied=404),
    "api:list_batches": api(allowed=VIEWERS),
    "api:get_batch": api(target="batch", allowed=VIEWERS, denied=404),
    "api:accept_batch": api(method="POST", target="batch", allowed=RUNNERS, denied=404),
    "api:override_proposal": api(
        method="POST", target="proposal", allowed=RUNNERS, ok=201, denied=404,
        data={"unit": None, "reason_code": "data", "comment": ""},
    ),
}  # fmt: skip

TARGETS = {
    "arrival": lambda place: {"arrival_id": place.records["arrival"].pk},
    "reception_unit": lambda place: {"unit_id": place.records["reception_unit"].pk},
    "batch": lambda place: {"batch_id": place.records["batch"].pk},
    "proposal": lambda place: {"proposal_id": place.records["proposal"].pk},
}

# The medical details: the medical team's page only, never the dispatcher, never the API.
CANARIES = {
    "dispatch.medical_details": (
        "Dialyse CANARY 4KQ8 trois fois par semaine",
        {(MED, "dispatch_arrival_medical")},
    ),
}

# Which persons an audit row of each record kind names (tests/audit_rule.py).
PERSONS_NAMED = {
    "dispatch.arrival": of(
        Arrival, lambda arrival: arrival.household.members.values_list("person_id", flat=True)
    ),
    "dispatch.batch": of(
        Batch,
        lambda batch: batch.proposals.values_list(
            "arrival__household__members__person_id", flat=True
        ),
    ),
    "dispatch.medicalscreening": of(
        MedicalScreening, lambda m: m.arrival.household.members.values_list("person_id", flat=True)
    ),
    "dispatch.socialscreening": of(
        SocialScreening, lambda s: s.arrival.household.members.values_list("person_id", flat=True)
    ),
    "dispatch.proposal": of(
        Proposal, lambda p: p.arrival.household.members.values_list("person_id", flat=True)
    ),
}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    site = place.site
    # A dispatch profile on the place's own site, so that its coordinator keeps its places.
    centre = ReceptionCentre.objects.create(
        organisation=site.organisation,
        site=site,
        code=f"RC-{label}",
        region="brussels",
        language="fr",
        model="collective",
        daily_intake=10,
    )
    unit = make_unit(centre, f"RC-{label}-F1", beds=4)
    user = cast(User, place.records["user"])
    household = cast(Household, place.records["household"])
    arrival = make_arrival(household, by=user, flags=["pregnant"])
    details = planted.get("dispatch.medical_details", "Suivi ordinaire")
    make_medical(arrival, by=user, details=details, needs_medical=True)
    snapshot, _arrivals = build_instance(site, date(2026, 11, 23))
    batch = Batch.objects.create(
        organisation=site.organisation,
        site=site,
        date=date(2026, 11, 23),
        snapshot=snapshot,
        status=BatchStatus.DONE,
        created_by=user,
        result={
            "status": "optimal",
            "score": {"V": 2, "P": 2, "W": 6, "Q": 0},
            "solve_seconds": 0.1,
        },
    )
    proposal = Proposal.objects.create(
        organisation=site.organisation,
        batch=batch,
        arrival=arrival,
        unit=unit,
        explanation=explanation_facts(
            Explanation(
                penalty=Penalty(),
                eligible_units=1,
                total_units=1,
                excluded=(),
                best_penalty=0,
                best_centre=None,
                better_left_free=False,
                profile="family",
                size=2,
                age=30,
                vulnerable=True,
                flags=("pregnant",),
                unit=unit.code,
                unit_kind="private",
                beds=4,
                unit_flags=("medical",),
                centre=centre.code,
                centre_region="brussels",
                centre_language="fr",
                other_school_languages=(),
                family_centre=None,
                region=None,
                needs=("medical",),
            )
        ),
        household_type="family",
        head_sex="F",
        vulnerable=True,
        size=2,
        waiting_days=3,
    )
    return {
        "arrival": arrival,
        "reception_unit": unit,
        "batch": batch,
        "proposal": proposal,
    }
