"""A password-only session is one more row of the permission matrix, on every route.

Someone who typed the right password but has not given the second factor yet is half
logged in. Whatever the route, page or API, they get what a half-logged-in session gets:
pages send them to the verification page (or, for a role that needs a device and has
none yet, to the setup page), the API answers 401. The routes such a session may use are
listed in EXEMPT with their answers; any other route, a new one included, must redirect
or answer 401, so a route cannot forget the second factor.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.access.roles import Role
from tests.permissions import MATRIX
from tests.test_permission_matrix import route_url, send
from tests.world import World, world_fixture

VERIFY, SET_UP = "/accounts/mfa/verify/", "/accounts/mfa/setup/"
# Two roles that must give a second factor: one has a confirmed device, one none yet.
WITH_DEVICE, WITHOUT_DEVICE = Role.COORDINATOR, Role.SOCIAL_WORKER
Answer = tuple[int, str | None]  # status, and where a redirect goes
OPEN: Answer = (200, None)
HIDDEN: Answer = (404, None)  # the API schema and root hide from anyone not logged in

# route -> (answer with a device, answer without one)
EXEMPT: dict[str, tuple[Answer, Answer]] = {
    "health": (OPEN, OPEN),
    "login": (OPEN, OPEN),  # the login form, as for anyone logged out
    "logout": ((302, "/accounts/login/"), (302, "/accounts/login/")),
    "set_language": ((302, "/"), (302, "/")),
    "mfa_verify": (OPEN, (302, SET_UP)),
    "mfa_setup": ((302, f"{VERIFY}?{urlencode({'next': SET_UP})}"), OPEN),
    "password_reset_confirm": (OPEN, OPEN),  # as for anyone logged out: "this link is dead"
    "calendar_feed": (OPEN, OPEN),  # its secret address is the credential, session or not
    "public_programme": (OPEN, OPEN),  # a site's public programme: the same for everyone
    "public_activity": (OPEN, OPEN),
    "public_house_rules": (OPEN, OPEN),
    "api:list_public_activities": (OPEN, OPEN),  # the public programme: no token needed
    "api:list_public_occurrences": (OPEN, OPEN),
    "public_programme_ics": (OPEN, OPEN),
    "api:api-root": (HIDDEN, HIDDEN),
    "api:openapi-json": (HIDDEN, HIDDEN),
    "api:openapi-view": (HIDDEN, HIDDEN),
}

world = world_fixture()


class RememberingClient(Client):
    """Keeps its last answer: the matrix's `send` returns only the status."""

    last: Any = None

    def request(self, **request: Any) -> Any:
        self.last = super().request(**request)
        return self.last


@pytest.fixture(scope="module")
def half_logged_in(world: World, django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        # The world's users are logged in past the second factor (a device each): take the
        # device away from the one who has none yet.
        TOTPDevice.objects.filter(user=world.users[WITHOUT_DEVICE]).delete()
        TOTPDevice.objects.create(user=world.users[WITH_DEVICE], name="phone", confirmed=True)
    return {WITH_DEVICE: world.users[WITH_DEVICE], WITHOUT_DEVICE: world.users[WITHOUT_DEVICE]}


def expected(name: str, role: str, url: str) -> Answer:
    if name in EXEMPT:
        return EXEMPT[name][0 if role == WITH_DEVICE else 1]
    route = MATRIX[name]
    if route.api:
        return (401, None)
    if role == WITHOUT_DEVICE:
        return (302, SET_UP)
    if route.method == "GET" and url != "/":
        return (302, f"{VERIFY}?{urlencode({'next': url})}")  # back here once verified
    return (302, VERIFY)


def cases() -> Iterator[Any]:
    for name in MATRIX:
        for role in (WITH_DEVICE, WITHOUT_DEVICE):
            yield pytest.param(name, role, id=f"{name}-{role}")


def test_every_exempt_route_exists() -> None:
    assert EXEMPT.keys() - MATRIX.keys() == set()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), list(cases()))
def test_a_password_only_session_gets_no_further_than_the_second_factor(
    world: World, half_logged_in: dict[str, Any], name: str, role: str
) -> None:
    client = RememberingClient()
    client.force_login(half_logged_in[role])  # the password step only
    url = route_url(name, world.places["own"])
    send(client, MATRIX[name], url, world)
    response = client.last
    location = response["Location"] if response.status_code == 302 else None
    assert (response.status_code, location) == expected(name, role, url)
