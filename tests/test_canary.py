"""A unique string planted in every confidential field may show only where the policy allows.

Each case requests one GET route (page or API), or a read-only POST (a search), as one role, for the records of one
place, from a user of the own site or of another site, and checks every canary in
the answer, in the log records written meanwhile, in the audit table and in the
outgoing mail; and that the audit rows the request wrote name every person it shows
(`tests/audit_rule.py`). The canaries and where each may show are declared beside the routes,
in `tests/permissions/<app>.py` (`CANARIES`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail

from conftest import make_user, verified_client
from coordo.access.models import AuditEvent
from coordo.access.roles import Role
from tests.audit_rule import audit_problems, last_audit_id, person_values
from tests.permissions import CANARIES, MATRIX
from tests.test_permission_matrix import route_url
from tests.world import PLACES, world_fixture

READ_ROUTES = [name for name, route in MATRIX.items() if route.method == "GET" or route.read_only]
PLANTED = {key: value for key, (value, _allowed) in CANARIES.items()}
world = world_fixture(PLANTED)


def cases() -> Iterator[Any]:
    for role in Role.values:
        for user_place in ("own", "other_site"):
            for name in READ_ROUTES:
                for place in PLACES if MATRIX[name].target else ("own",):
                    yield pytest.param(
                        role, user_place, name, place, id=f"{role}-{user_place}-{name}-{place}"
                    )


def test_the_national_number_canary_has_valid_check_digits():
    from stdnum.be import nn

    assert nn.is_valid(PLANTED["person.national_number"])


def test_every_canary_shows_somewhere_or_is_declared_invisible_everywhere():
    for key, (_value, allowed) in CANARIES.items():
        assert all(route in MATRIX for _role, route in allowed), key


@pytest.mark.django_db
def test_every_person_of_the_world_has_a_tracer(world):
    # The audit rule tells persons apart by their last names.
    last_names = [values[0] for values in person_values().values()]
    assert len(last_names) == len(set(last_names)) > 0


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "user_place", "name", "place"), list(cases()))
def test_confidential_fields_show_only_where_allowed(world, role, user_place, name, place, caplog):
    caplog.set_level(logging.DEBUG)
    user = (
        world.users[role]
        if user_place == "own"
        else make_user(world.places["other_site"].site, role)
    )
    client, since = verified_client(user), last_audit_id()
    # errors="replace": a PDF answer is binary; its text is searched all the same.
    url, route = route_url(name, world.places[place]), MATRIX[name]
    answer = client.post(url, route.data) if route.read_only else client.get(url)
    body = answer.content.decode(errors="replace")
    audit_dump = repr(list(AuditEvent.objects.values_list()))
    for key, (value, allowed) in CANARIES.items():
        visible = (role, name) in allowed and user_place == "own" and place == "own"
        assert (value in body) is visible, f"{key} {'missing' if visible else 'leaked'}"
        assert value not in caplog.text
        assert value not in audit_dump
        assert all(value not in message.body for message in mail.outbox)
    problems = audit_problems(body, since, user)
    assert not problems, "\n".join(problems)
