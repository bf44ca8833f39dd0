"""A small world for cross-cutting tests: every role at one site, and records at three places.

`own` is the acting users' site; `other_site` belongs to the same organisation;
`foreign` belongs to another organisation. Each app adds its records through a
builder in `tests/permissions/<app>.py` (see `BUILDERS` there); canary values are
planted on the own site's records only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.db.models import Model
from django.test import override_settings

from conftest import FAST_HASHERS, make_site, make_user
from coordo.access.models import Organisation, Site, User
from coordo.access.roles import Role, SiteKind

PLACES = ("own", "other_site", "foreign")


@dataclass
class Place:
    site: Site
    records: dict[str, Model] = field(default_factory=dict)


@dataclass
class World:
    organisation: Organisation
    users: dict[str, User]
    places: dict[str, Place]


def build_world(planted: dict[str, str] | None = None) -> World:
    """`planted` maps canary keys (e.g. "person.phone") to values for the own site's records."""
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
    for label, place in places.items():
        for builder in BUILDERS:
            place.records.update(builder(place, label, (planted or {}) if label == "own" else {}))
    return World(organisation, users, places)


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
