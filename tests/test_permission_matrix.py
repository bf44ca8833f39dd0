"""Every route × every role × own site / other site / other organisation, against one table.

The table says, per route, which roles succeed and what everyone else gets. A route
that exists in the URL configuration but not in the table fails
`test_every_route_is_in_the_matrix`. Object routes are requested for a record of the
user's own site, of another site of the same organisation, and of another organisation:
a record outside the user's scope answers 404, never 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import verified_client
from coordo.access.roles import Role
from tests.world import PLACES, Records, World, build_world

ALL_ROLES = frozenset(Role.values)
CASE_TEAM = frozenset({Role.COORDINATOR, Role.SOCIAL_WORKER})
PERSON_READERS = frozenset({Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL, Role.DISPATCHER})
ADMIN = frozenset({Role.ADMIN})
AUDITORS = frozenset({Role.COORDINATOR, Role.ADMIN})


@dataclass(frozen=True)
class Route:
    """What one route answers. `target` names the record kind in its URL, if any."""

    method: str = "GET"
    target: str | None = None
    allowed: frozenset[str] = ALL_ROLES
    ok: int = 200
    denied: int = 403
    anonymous: int = 302  # pages send strangers to the login page
    data: dict[str, Any] = field(default_factory=dict)
    # Organisation-level records (users, sites, tokens) are in scope at every site of the org.
    org_wide: bool = False
    api: bool = False


def api(**kwargs: Any) -> Route:
    kwargs.setdefault("anonymous", 401)
    return Route(api=True, **kwargs)


MATRIX: dict[str, Route] = {
    # Public or session plumbing
    "health": Route(anonymous=200),
    "login": Route(ok=302, anonymous=200),  # a logged-in user is sent to the dashboard
    "logout": Route(method="POST", ok=302, anonymous=302),
    "set_language": Route(method="POST", ok=302, anonymous=302, data={"language": "nl"}),
    "mfa_setup": Route(),
    "mfa_verify": Route(),
    "dashboard": Route(),
    "switch_site": Route(method="POST", ok=302, data={"site": "0"}),
    # Audit
    "audit_trail": Route(allowed=AUDITORS),
    # Organisation management
    "user_list": Route(allowed=ADMIN),
    "user_create": Route(allowed=ADMIN),
    "user_detail": Route(target="user", allowed=ADMIN, org_wide=True),
    "user_set_active": Route(method="POST", target="user", allowed=ADMIN, ok=302, org_wide=True, data={"active": "1"}),
    "membership_add": Route(method="POST", target="user", allowed=ADMIN, ok=302, org_wide=True),
    "membership_remove": Route(method="POST", target="membership", allowed=ADMIN, ok=302, org_wide=True),
    "site_list": Route(allowed=ADMIN),
    "site_create": Route(allowed=ADMIN),
    "site_edit": Route(target="site", allowed=ADMIN, org_wide=True),
    "token_list": Route(allowed=ADMIN),
    "token_revoke": Route(method="POST", target="token", allowed=ADMIN, ok=302, org_wide=True),
    # People
    "person_list": Route(allowed=PERSON_READERS),
    "person_create": Route(allowed=CASE_TEAM),
    "person_detail": Route(target="person", allowed=PERSON_READERS),
    "person_edit": Route(target="person", allowed=CASE_TEAM),
    "person_consent_add": Route(
        method="POST", target="person", allowed=CASE_TEAM, ok=302,
        data={"purpose": "research", "given": "on", "date": "2026-11-20"},
    ),
    "household_list": Route(allowed=PERSON_READERS),
    "household_create": Route(allowed=CASE_TEAM),
    "household_detail": Route(target="household", allowed=PERSON_READERS),
    "household_member_add": Route(method="POST", target="household", allowed=CASE_TEAM, ok=302),
    # API (session credentials here; tokens are tested in coordo/access/tests/test_api_tokens.py)
    "api:api-root": api(allowed=frozenset(), denied=404, anonymous=404),
    "api:openapi-json": api(allowed=ADMIN, denied=404, anonymous=404),
    "api:openapi-view": api(allowed=ADMIN, denied=404, anonymous=404),
    "api:list_people": api(allowed=PERSON_READERS),
    "api:create_person": api(
        method="POST", allowed=CASE_TEAM, ok=201, denied=403, data={"first_name": "Nour", "last_name": "Haddad"}
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

URL_KWARGS: dict[str, Callable[[Records], dict[str, int]]] = {
    "person": lambda r: {"person_id": r.person.pk},
    "household": lambda r: {"household_id": r.household.pk},
    "user": lambda r: {"user_id": r.user.pk},
    "membership": lambda r: {"membership_id": r.membership.pk},
    "site": lambda r: {"site_id": r.site.pk},
    "token": lambda r: {"token_id": r.token.pk},
}


def _route_names(patterns: list[Any], namespace: str | None = None) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _route_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)


def expected_status(route: Route, role: str | None, place: str) -> int:
    if role is None:
        return route.anonymous
    if role not in route.allowed:
        return route.denied
    if place == "foreign" or (place == "other_site" and not route.org_wide):
        return 404
    return route.ok


def cases() -> Iterator[Any]:
    for name, route in MATRIX.items():
        places = PLACES if route.target else ("own",)
        for role in [*sorted(ALL_ROLES), None]:
            for place in places:
                yield pytest.param(name, role, place, id=f"{name}-{role or 'anonymous'}-{place}")


def request(client: Client, route: Route, url: str, world: World) -> int:
    data = dict(route.data)
    if route.api:
        if route.method == "POST" and "first_name" in data:
            data["site_id"] = world.places["own"].site.pk
        call = getattr(client, route.method.lower())
        kwargs = {"content_type": "application/json"} if route.method != "GET" else {}
        return call(url, data, **kwargs).status_code
    if route.method == "POST":
        return client.post(url, data).status_code
    return client.get(url).status_code


def test_every_route_is_in_the_matrix() -> None:
    routes = set(_route_names(get_resolver().url_patterns))
    assert routes - MATRIX.keys() == set(), "add these routes to MATRIX"
    assert MATRIX.keys() - routes == set(), "these MATRIX rows name no route"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "place"), list(cases()))
def test_route_answers_as_the_matrix_says(name: str, role: str | None, place: str) -> None:
    world = build_world()
    route = MATRIX[name]
    kwargs = URL_KWARGS[route.target](world.places[place]) if route.target else {}
    url = reverse(name, kwargs=kwargs)
    client = verified_client(world.users[role]) if role else Client()
    assert request(client, route, url, world) == expected_status(route, role, place)
