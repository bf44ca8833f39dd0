"""A small world for cross-cutting tests: every role at one site, and records at three places.

`own` is the acting users' site; `other_site` belongs to the same organisation;
`foreign` belongs to another organisation. Each app adds its records through a
builder in `tests/permissions/<app>.py` (see `BUILDERS` there). Canary values are
planted on the own site's records, and a variant of each (`at_other_site`) on the
other site's, so an answer tells which site's value it shows.

`MULTI_ROLE` users hold one role at the own site and another at the other site: a
check that asks "does the user hold this permission somewhere" instead of "at this
record's site" lets one site's role leak into the other, and they catch it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Model
from django.test import Client, override_settings
from django.utils import timezone

from conftest import FAST_HASHERS, client_in_session, make_site, make_user, verified_session
from coordo.access.models import Membership, Organisation, Site, User
from coordo.access.roles import Role, SiteKind

PLACES = ("own", "other_site", "foreign")
SITES = ("own", "other_site")  # the organisation's two sites, where users hold roles

C, SW, MED, HOST, DISP = (
    Role.COORDINATOR,
    Role.SOCIAL_WORKER,
    Role.MEDICAL,
    Role.HOST,
    Role.DISPATCHER,
)
# A higher role at one site and a lower one at the other, each pair chosen so that a
# confidential permission of one site has a reader of the same pages at the other:
MULTI_ROLE: dict[str, dict[str, str]] = {
    # the secret address: the case team at one site, a host (who sees buildings) at the other
    "social_worker@own+host@other_site": {"own": SW, "other_site": HOST},
    "host@own+coordinator@other_site": {"own": HOST, "other_site": C},
    # restricted and medical notes, medical screening details: both ways at once
    "medical@own+coordinator@other_site": {"own": MED, "other_site": C},
    # national numbers and phones: a dispatcher reads who, not how to reach them
    "dispatcher@own+social_worker@other_site": {"own": DISP, "other_site": SW},
}
# Valid check digits and the same birth date as the own site's (77.03.14-947.77).
OTHER_SITE_NATIONAL_NUMBER = "77031494084"


def at_other_site(key: str, value: str) -> str:
    """The other site's variant of a canary value: neither contains the other."""
    if key == "person.national_number":
        return OTHER_SITE_NATIONAL_NUMBER
    variant = re.sub(
        "canary", lambda m: m[0] + ("-B" if m[0].isupper() else "-b"), value, flags=re.I
    )
    assert value not in variant, key
    assert variant not in value, key
    return variant


@dataclass
class Place:
    site: Site
    records: dict[str, Model] = field(default_factory=dict)


@dataclass
class World:
    organisation: Organisation
    users: dict[str, User]  # role -> a user holding it at the own site only
    places: dict[str, Place]
    multi_role: dict[str, User] = field(default_factory=dict)  # MULTI_ROLE name -> user
    # role -> a user holding it at the other site only (the canary's other-site readers)
    other_site_users: dict[str, User] = field(default_factory=dict)
    sessions: dict[int, str] = field(default_factory=dict)  # user id -> a verified session

    def client(self, user: User, language: str = "en") -> Client:
        """A verified client for a user of the world, in a session made with the world.

        Logging in costs a fifth of a matrix request. The world's sessions live as long as
        the world: each test's writes to them (a logout, a site switch) roll back with it.
        """
        return client_in_session(self.sessions[user.pk], language)


def make_multi_role_user(sites: dict[str, Site], roles: dict[str, str]) -> User:
    first, *others = roles.items()
    user = make_user(sites[first[0]], first[1])
    for label, role in others:
        Membership.objects.create(
            organisation=sites[label].organisation, user=user, site=sites[label], role=role
        )
    return user


def build_world(planted: dict[str, str] | None = None) -> World:
    """`planted` maps canary keys (e.g. "person.phone") to values for the own site's records;
    the other site's records get their variants (`at_other_site`)."""
    from tests.permissions import BUILDERS

    organisation = Organisation.objects.create(name="Maison Test asbl", slug="maison-test")
    foreign_org = Organisation.objects.create(name="Autre Collectif asbl", slug="autre")
    sites = {
        "own": make_site(organisation, "Refuge Test"),
        "other_site": make_site(organisation, "Accueil Voisin", SiteKind.FRONT_DESK),
        "foreign": make_site(foreign_org, "Refuge Ailleurs"),
    }
    users = {role: make_user(sites["own"], role) for role in Role.values}
    places = {label: Place(site) for label, site in sites.items()}
    values = {
        "own": planted or {},
        "other_site": {key: at_other_site(key, value) for key, value in (planted or {}).items()},
    }
    for label, place in places.items():
        for builder in BUILDERS:
            built = builder(place, label, values.get(label, {}))
            # Two apps naming a record alike would point one app's routes at the other's ids.
            assert not place.records.keys() & built.keys(), f"{builder.__module__} repeats a record"
            place.records.update(built)
    # After the builders: these users must not become a builder's "acting" user of a site.
    multi_role = {name: make_multi_role_user(sites, roles) for name, roles in MULTI_ROLE.items()}
    other_site_users = {role: make_user(sites["other_site"], role) for role in Role.values}
    everyone = [*users.values(), *multi_role.values(), *other_site_users.values()]
    sessions = {user.pk: verified_session(user) for user in everyone}
    # Built once, so they must outlive the module, whose idle expiry no test pushes back.
    Session.objects.filter(session_key__in=sessions.values()).update(
        expire_date=timezone.now() + timedelta(days=1)
    )
    return World(organisation, users, places, multi_role, other_site_users, sessions)


def world_fixture(planted: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """A module-scoped world, built once and rolled back after the module.

    Each test still runs in its own savepoint (pytest-django), so a test that writes
    (a POST route) leaves the world as it found it for the next one.
    """

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker) -> Iterator[World]:  # type: ignore[no-untyped-def]
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                # Module-scoped, so built before conftest's function-scoped fast hashing.
                with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                    built = build_world(planted)
                yield built
            finally:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)

    return world
