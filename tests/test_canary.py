"""A unique string planted in every confidential field may show only where the policy allows.

Each case requests one GET route (page or API) as one role, for the records of one
place, from a user of the own site or of another site, and checks every canary in
the answer, in the log records written meanwhile, in the audit table and in the
outgoing mail. Confidential fields so far: a person's national number and phone, and
a secret-address building's address (which no page shows yet).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from conftest import make_user, verified_client
from coordo.access.models import AuditEvent
from coordo.access.roles import Role
from tests.test_permission_matrix import MATRIX, URL_KWARGS
from tests.world import PLACES, build_world

PERSON_CANARIES = {
    "national_number": "77031494777",  # valid check digits, found nowhere else
    "phone": "+32 470 CANARY 9Q7Z",
}
ADDRESS_CANARY = "Rue CANARY-SECRET 7, 5000 Namur"
# (role, route) pairs that may show confidential fields of a person of the role's own site.
PERSON_FIELDS_ALLOWED = {
    (role, route)
    for role in (Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL)
    for route in ("person_detail", "api:get_person", "api:list_people")
} | {(Role.COORDINATOR, "person_edit"), (Role.SOCIAL_WORKER, "person_edit")}
# canary -> the (role, route) pairs where it may show, for records of the role's own site
ALLOWED = {
    **{canary: PERSON_FIELDS_ALLOWED for canary in PERSON_CANARIES.values()},
    ADDRESS_CANARY: set(),
}

GET_ROUTES = [name for name, route in MATRIX.items() if route.method == "GET"]


def cases() -> Iterator[Any]:
    for role in Role.values:
        for user_place in ("own", "other_site"):
            for name in GET_ROUTES:
                for place in PLACES if MATRIX[name].target else ("own",):
                    yield pytest.param(
                        role, user_place, name, place, id=f"{role}-{user_place}-{name}-{place}"
                    )


def test_the_canary_is_a_valid_national_number():
    from stdnum.be import nn

    assert nn.is_valid(PERSON_CANARIES["national_number"])


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "user_place", "name", "place"), list(cases()))
def test_confidential_fields_show_only_where_allowed(role, user_place, name, place, caplog):
    caplog.set_level(logging.DEBUG)
    world = build_world(planted=PERSON_CANARIES, secret_address=ADDRESS_CANARY)
    user = (
        world.users[role]
        if user_place == "own"
        else make_user(world.places["other_site"].site, role)
    )
    route = MATRIX[name]
    kwargs = URL_KWARGS[route.target](world.places[place]) if route.target else {}
    body = verified_client(user).get(reverse(name, kwargs=kwargs)).content.decode()
    audit_dump = repr(list(AuditEvent.objects.values_list()))
    for canary, allowed in ALLOWED.items():
        visible = (role, name) in allowed and user_place == "own" and place == "own"
        assert (canary in body) is visible, f"{canary} {'missing' if visible else 'leaked'}"
        assert canary not in caplog.text
        assert canary not in audit_dump
        assert all(canary not in message.body for message in mail.outbox)
