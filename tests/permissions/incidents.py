"""Incidents app: reports, their follow-up; the narrative and the identities are canaries."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from django.db.models import Model

from coordo.access.models import User
from coordo.access.roles import Role
from coordo.incidents.models import (
    Debriefing,
    Declaration,
    FollowUpAction,
    Incident,
    Involvement,
    SupportOffer,
)
from coordo.people.models import Household
from tests.audit_rule import of
from tests.permissions.routes import ALL_ROLES, Route, api
from tests.world import Place

C, SW, MED, HOST, DISP, FIN, PREV, DIR = (
    Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL, Role.HOST, Role.DISPATCHER, Role.FINANCE,
    Role.PREVENTION_ADVISOR, Role.DIRECTOR,
)  # fmt: skip
REGISTER_READERS = frozenset({PREV, DIR})
COORDINATION = frozenset({C})
REPORTERS = frozenset({C, SW, MED, HOST, DISP, FIN})

ROUTES: dict[str, Route] = {
    "incident_list": Route(allowed=REPORTERS),
    "incident_report": Route(allowed=REPORTERS),
    # Someone else's report does not exist for a host, nor for anyone outside the coordination.
    "incident_detail": Route(target="incident", allowed=COORDINATION, denied=404),
    "incident_status": Route(
        method="POST", target="incident", allowed=COORDINATION, ok=302, denied=404,
        data={"status": "follow_up"},
    ),
    "incident_action_add": Route(
        method="POST", target="incident", allowed=COORDINATION, ok=302, denied=404,
        data={"title": "Appeler la police de quartier", "due": "2027-01-10"},
    ),
    # The people involved, after the report: the coordination only, like the follow-up.
    "incident_involvement_add": Route(
        method="POST", target="incident", allowed=COORDINATION, ok=302, denied=404,
        data={"role": "witness", "description": "Une voisine de palier"},
    ),
    "incident_involvement_remove": Route(
        method="POST", target="involvement", allowed=COORDINATION, ok=302, denied=404
    ),
    # What the alert says (no narrative, no name): to whom it was delivered, and the coordination.
    "incident_alert": Route(target="incident", allowed=COORDINATION, denied=404),
    "incident_acknowledge": Route(
        method="POST", target="incident", allowed=COORDINATION, ok=302, denied=404
    ),
    "my_follow_up": Route(allowed=ALL_ROLES),
    "debriefing_list": Route(allowed=COORDINATION),
    "debriefing_create": Route(allowed=COORDINATION),
    "debriefing_detail": Route(target="debriefing", allowed=COORDINATION, denied=404),
    "debriefing_action_add": Route(
        method="POST", target="debriefing", allowed=COORDINATION, ok=302, denied=404,
        data={"title": "Revoir la procédure", "due": "2027-01-10"},
    ),
    "support_offer": Route(
        method="POST", target="incident", allowed=COORDINATION, ok=302, denied=404,
        data={"kind": "confidential_person"},
    ),
    # The worker it is offered to (no role of the world) or the site's coordination answers.
    "support_answer": Route(
        method="POST", target="support_offer", allowed=COORDINATION, ok=302, denied=404,
        data={"answer": "accept"},
    ),
    "incident_figures": Route(allowed=COORDINATION),
    "escalation_settings": Route(allowed=COORDINATION),
    "incident_figures_aggregate": Route(
        target="site", allowed=frozenset({C, Role.RESEARCHER, Role.FUNDER})
    ),
    "incident_figures_export": Route(allowed=COORDINATION),
    "register_declare": Route(allowed=REPORTERS),
    "api:report_incident": api(
        method="POST", allowed=REPORTERS, ok=201, own_site_key="site_id",
        data={
            "key": "0b0c3f5e-5d1e-4a57-9a39-3f1f8a1f4c11", "occurred_at": "2026-11-03T21:40:00+01:00",
            "place": "desk", "type": "threat", "severity": 1, "narrative": "Menaces à l'accueil.",
        },
    ),
    "api:acknowledge_incident": api(method="POST", target="incident", allowed=COORDINATION, denied=404),
    "api:my_actions": api(allowed=ALL_ROLES),
    # Not the site's coordinators: the direction and the prevention advisor, organisation-wide.
    "register_list": Route(allowed=REGISTER_READERS),
    "register_export": Route(allowed=REGISTER_READERS),
    "register_pdf": Route(allowed=REGISTER_READERS),
    "register_summary": Route(allowed=REGISTER_READERS),
    "follow_up_done": Route(
        method="POST", target="follow_up_action", allowed=COORDINATION, ok=302, denied=404
    ),
}  # fmt: skip

TARGETS = {
    "incident": lambda place: {"incident_id": place.records["incident"].pk},
    "follow_up_action": lambda place: {"action_id": place.records["follow_up_action"].pk},
    "involvement": lambda place: {"involvement_id": place.records["involvement"].pk},
    "debriefing": lambda place: {"debriefing_id": place.records["debriefing"].pk},
    "support_offer": lambda place: {"offer_id": place.records["support_offer"].pk},
}

CONFIDENTIAL = {(C, "incident_detail")}
# The canary reads the PDF's text too (pdftotext, tests/test_canary.py).
REGISTER = {
    (role, route)
    for role in REGISTER_READERS
    for route in ("register_list", "register_export", "register_pdf")
}
CANARIES = {
    # Organisation-wide: its readers see both sites' declarations (tests/test_canary.py).
    "declaration.description": ("Insulté par un visiteur CANARY-register-description", REGISTER),
    "incident.narrative": ("Elle a été frappée CANARY-incident-narrative", CONFIDENTIAL),
    "involvement.description": ("Homme CANARY-involved-description", CONFIDENTIAL),
    "debriefing.what_happened": ("Débriefing CANARY-debriefing", {(C, "debriefing_detail")}),
}

PERSONS_NAMED = {
    "incidents.incident": of(
        Incident,
        lambda incident: incident.involvements.exclude(person=None).values_list(
            "person_id", flat=True
        ),
    ),
}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    organisation, site = place.site.organisation, place.site
    # The author holds no role of the world: the matrix's users see the report as strangers.
    reporter = User.objects.create_user(
        f"reporter-{label}@test.example", "unused-password-1", full_name=f"Reporter {label}",
        organisation=organisation,
    )  # fmt: skip
    incident = Incident.objects.create(
        organisation=organisation, site=site, occurred_at=datetime(2026, 11, 3, 21, 40, tzinfo=UTC),
        place="courtyard", type="physical_assault", gbv_context="stranger", severity=3,
        narrative=planted.get("incident.narrative", f"Une bousculade ({label})"),
        idempotency_key=uuid.uuid4(), created_by=reporter,
    )  # fmt: skip
    household = place.records["household"]
    assert isinstance(household, Household)
    Involvement.objects.create(
        organisation=organisation, incident=incident, role="victim", person=household.head
    )
    author = Involvement.objects.create(
        organisation=organisation, incident=incident, role="author",
        description=planted.get("involvement.description", f"Un passant ({label})"),
    )  # fmt: skip
    action = FollowUpAction.objects.create(
        organisation=organisation, incident=incident, title="Porter plainte", owner=reporter,
        due=date(2026, 11, 20),
    )  # fmt: skip
    Declaration.objects.create(
        organisation=organisation, site=site, occurred_at=datetime(2026, 10, 12, 9, 5, tzinfo=UTC),
        type="verbal_abuse", named=False,
        description=planted.get("declaration.description", f"Insultes ({label})"),
    )  # fmt: skip
    declarant = User.objects.create_user(
        f"declarant-{label}@test.example", "unused-password-1", organisation=organisation,
        full_name=f"Déclarante {label}",  # a user's name is in the user list: no canary
    )  # fmt: skip
    Declaration.objects.create(
        organisation=organisation, site=site, occurred_at=datetime(2026, 9, 2, 18, 0, tzinfo=UTC),
        type="threat", named=True, declarant=declarant, description=f"Menaces ({label})",
    )  # fmt: skip
    debriefing = Debriefing.objects.create(
        organisation=organisation, site=site, held_on=date(2026, 11, 10),
        what_happened=planted.get("debriefing.what_happened", f"Retour d'équipe ({label})"),
    )  # fmt: skip
    debriefing.incidents.add(incident)
    offer = SupportOffer.objects.create(
        organisation=organisation, incident=incident, worker=reporter, kind="coordination"
    )
    return {
        "incident": incident, "follow_up_action": action, "debriefing": debriefing,
        "support_offer": offer, "involvement": author,
    }  # fmt: skip
