"""Every route × every role × own site / other site / other organisation, against one table.

The table (`tests/permissions/`, one module per app) says, per route, which roles
succeed and what everyone else gets. A route that exists in the URL configuration
but not in the table fails `test_every_route_is_in_the_matrix`. Object routes are
requested for a record of the user's own site, of another site of the same
organisation, and of another organisation: a record outside the user's scope
answers 404, never 403.

The users of `MULTI_ROLE` hold one role at each of the organisation's two sites and
work at the own site (the session's current site). For a record of either site they
get what their role at that site gets: another site's role never opens it
(`multi_role_answers`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coordo.access.middleware import SESSION_SITE_KEY
from coordo.access.models import Site, User
from coordo.access.roles import Role
from tests.permissions import MATRIX, TARGETS
from tests.permissions.routes import Route
from tests.world import MULTI_ROLE, PLACES, SITES, Place, World, world_fixture

CURRENT = "own"  # where the multi-role users work: the session's current site


def _route_names(patterns: list[Any], namespace: str | None = None) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _route_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else str(pattern.name)


def route_url(name: str, place: Place) -> str:
    route = MATRIX[name]
    return reverse(name, kwargs=TARGETS[route.target](place) if route.target else {})


def expected_status(route: Route, role: str | None, place: str) -> int:
    if role is None:
        return route.anonymous
    if role not in route.allowed:
        return route.denied
    if place == "foreign" or (place == "other_site" and not route.org_wide):
        return 404
    return route.ok


def multi_role_answers(route: Route, roles: dict[str, str], place: str) -> set[int]:
    """What a user holding `roles` (site label -> role), working at `CURRENT`, may get."""
    holders = {site for site, role in roles.items() if role in route.allowed}
    if not holders or route.linked_worker:
        return {route.denied}
    refusals = {404, route.denied}
    if route.target and place not in holders and not route.org_wide:
        # The leak this guards: one site's role opening another site's record.
        return {route.ok, *refusals} if route.across_sites else refusals
    # A page that acts at the current site may refuse what only another site's role allows.
    return {route.ok} if CURRENT in holders else {route.ok, *refusals}


def client_at(world: World, user: User, site: Site) -> Client:
    """A verified client whose current site (the site switcher's choice) is `site`."""
    client = world.client(user)
    session = client.session
    session[SESSION_SITE_KEY] = site.pk
    session.save()
    return client


def cases() -> Iterator[Any]:
    for name, route in MATRIX.items():
        for role in [*sorted(Role.values), None]:
            for place in PLACES if route.target else ("own",):
                yield pytest.param(name, role, place, id=f"{name}-{role or 'anonymous'}-{place}")


def send(client: Client, route: Route, url: str, world: World) -> int:
    if route.prepare:
        route.prepare()
    data = dict(route.data)
    if route.own_site_key:
        data[route.own_site_key] = world.places["own"].site.pk
    if route.api and route.method != "GET":
        call = getattr(client, route.method.lower())
        return call(url, data, content_type="application/json").status_code
    if route.method == "POST":
        return client.post(url, data).status_code
    return client.get(url).status_code


def test_every_route_is_in_the_matrix() -> None:
    routes = set(_route_names(get_resolver().url_patterns))
    assert routes - MATRIX.keys() == set(), "add these routes to tests/permissions/"
    assert MATRIX.keys() - routes == set(), "these rows of tests/permissions/ name no route"


world = world_fixture()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role", "place"), list(cases()))
def test_route_answers_as_the_matrix_says(
    world: World, name: str, role: str | None, place: str
) -> None:
    route = MATRIX[name]
    client = world.client(world.users[role]) if role else Client()
    status = send(client, route, route_url(name, world.places[place]), world)
    assert status == expected_status(route, role, place)


def multi_role_cases() -> Iterator[Any]:
    # Not the other organisation: every single role already meets its 404 there.
    for user in MULTI_ROLE:
        for name, route in MATRIX.items():
            for place in SITES if route.target else ("own",):
                yield pytest.param(name, user, place, id=f"{name}-{user}-{place}")


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "user", "place"), list(multi_role_cases()))
def test_a_role_at_one_site_opens_nothing_at_another(
    world: World, name: str, user: str, place: str
) -> None:
    route = MATRIX[name]
    client = client_at(world, world.multi_role[user], world.places[CURRENT].site)
    status = send(client, route, route_url(name, world.places[place]), world)
    assert status in multi_role_answers(route, MULTI_ROLE[user], place)
