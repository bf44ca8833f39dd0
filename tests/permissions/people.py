"""People app: persons, households, consents; pages and API."""

from __future__ import annotations

from datetime import date

from django.db.models import Model

from conftest import make_household, make_person
from coordo.access.roles import Role
from coordo.people.models import ConsentRecord, Household
from tests.audit_rule import of
from tests.permissions.routes import CASE_TEAM, PERSON_READERS, Route, api
from tests.world import Place

ROUTES: dict[str, Route] = {
    # The search is posted (names stay out of addresses); the matrix searches a planted name.
    "person_list": Route(
        method="POST", read_only=True, allowed=PERSON_READERS, data={"q": "Camara"}
    ),
    "person_create": Route(allowed=CASE_TEAM),
    "person_detail": Route(target="person", allowed=PERSON_READERS),
    "person_edit": Route(target="person", allowed=CASE_TEAM),
    "person_consent_add": Route(
        method="POST", target="person", allowed=CASE_TEAM, ok=302,
        data={"purpose": "research", "given": "yes", "date": "2026-11-20"},
    ),
    "person_legal_hold": Route(
        method="POST", target="person", allowed=frozenset({Role.COORDINATOR}), ok=302,
        data={"reason": "Enquête en cours"},
    ),
    # The confirmation page; the erasure itself (POST) is tested in tests/test_retention.py.
    "person_erasure": Route(target="person", allowed=frozenset({Role.COORDINATOR})),
    "household_list": Route(allowed=PERSON_READERS),
    "household_create": Route(allowed=CASE_TEAM),
    "household_detail": Route(target="household", allowed=PERSON_READERS),
    "household_member_add": Route(method="POST", target="household", allowed=CASE_TEAM, ok=302),
    # Session credentials here; tokens are tested in coordo/access/tests/test_api_tokens.py.
    "api:list_people": api(allowed=PERSON_READERS),
    "api:create_person": api(
        method="POST", allowed=CASE_TEAM, ok=201, own_site_key="site_id",
        data={"first_name": "Nour", "last_name": "Haddad"},
    ),
    "api:get_person": api(target="person", allowed=PERSON_READERS, denied=404),
    "api:update_person": api(method="PATCH", target="person", allowed=CASE_TEAM, denied=404, data={"gender": "femme"}),
    "api:record_consent": api(
        method="POST", target="person", allowed=CASE_TEAM, ok=201, denied=404,
        data={"purpose": "research", "given": True, "date": "2026-11-20"},
    ),
    "api:list_households": api(allowed=PERSON_READERS),
    "api:get_household": api(target="household", allowed=PERSON_READERS, denied=404),
}  # fmt: skip

TARGETS = {
    "person": lambda place: {"person_id": place.records["person"].pk},
    "household": lambda place: {"household_id": place.records["household"].pk},
}

# Canary keys this app plants, and the (role, route) pairs where they may show (own site).
CONFIDENTIAL_VISIBLE_TO = {
    (role, route)
    for role in (Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL)
    for route in ("person_detail", "api:get_person", "api:list_people")
} | {(Role.COORDINATOR, "person_edit"), (Role.SOCIAL_WORKER, "person_edit")}
CANARIES = {
    "person.national_number": ("77031494777", CONFIDENTIAL_VISIBLE_TO),  # valid check digits
    "person.phone": ("+32 470 CANARY 9Q7Z", CONFIDENTIAL_VISIBLE_TO),
}

# Which persons an audit row of each record kind names (tests/audit_rule.py).
PERSONS_NAMED = {
    "people.person": lambda person_id: {int(person_id)},
    "people.household": of(Household, lambda h: h.members.values_list("person_id", flat=True)),
    "people.consentrecord": of(ConsentRecord, lambda consent: [consent.person_id]),
}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    fields = {
        key.split(".", 1)[1]: value for key, value in planted.items() if key.startswith("person.")
    }
    # Born in 1977, as the planted national number (77.03.14-947.77) says.
    head = make_person(place.site, "Hawa", f"Camara-{label}", birth_year=1977, **fields)
    # Every person of the world has a last name of their own: the audit rule's tracer.
    child = make_person(place.site, "Sekou", f"Keita-{label}", birth_year=2016)
    household = make_household(place.site, head, child)
    ConsentRecord.objects.create(
        organisation=place.site.organisation,
        person=head,
        purpose="share_sites",
        given=True,
        date=date(2026, 1, 5),
        recorded_by=place.records["user"],
    )
    return {"person": head, "household": household}
