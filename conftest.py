"""Shared fixtures: two organisations, named users per role, a verified login helper.

Named users follow the domain: `coordinator`, `social_worker`, `host`,
`other_site_worker` … each holds one role at one site.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.access.models import Membership, Organisation, Site, User
from coordo.access.roles import Role, SiteKind
from coordo.people.models import Household, HouseholdMember, Person, Relationship
from coordo.people.search import search_name

PASSWORD = "correct-horse-battery-staple"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    # Messages are asserted in English, the source language; pages pick theirs per request.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_hashing(settings: pytest.FixtureRequest) -> None:
    # Argon2 is the production hasher; tests hash hundreds of passwords.
    settings.PASSWORD_HASHERS = FAST_HASHERS


def make_site(organisation: Organisation, name: str, kind: str = SiteKind.SHELTER) -> Site:
    return Site.objects.create(organisation=organisation, name=name, kind=kind)


def make_user(site: Site, role: str, *, email: str | None = None, mfa_device: bool = False) -> User:
    user = User.objects.create_user(
        email or f"{role}-{next(_counter)}@test.example", PASSWORD,
        full_name=f"{role.replace('_', ' ').title()} {site.name}", organisation=site.organisation,
    )  # fmt: skip
    Membership.objects.create(organisation=site.organisation, user=user, site=site, role=role)
    if mfa_device:
        TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return user


def make_person(site: Site, first: str = "Amina", last: str = "Diallo", **fields: object) -> Person:
    return Person.objects.create(
        organisation=site.organisation, site=site, first_name=first, last_name=last,
        search_name=search_name(first, last), **fields,
    )  # fmt: skip


def make_household(site: Site, head: Person, *children: Person) -> Household:
    household = Household.objects.create(
        organisation=site.organisation, site=site, name=f"{head.last_name} family", head=head
    )
    HouseholdMember.objects.create(
        organisation=site.organisation,
        household=household,
        person=head,
        relationship=Relationship.HEAD,
    )
    for child in children:
        HouseholdMember.objects.create(
            organisation=site.organisation, household=household, person=child,
            relationship=Relationship.CHILD,
        )  # fmt: skip
    return household


def verified_session(user: User) -> str:
    """The key of a session logged in as `user`, past the second factor when the role needs one."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return str(session.session_key)


def client_in_session(session_key: str, language: str = "en") -> Client:
    client = Client(headers={"accept-language": language})
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client


def verified_client(user: User, language: str = "en") -> Client:
    """A client logged in as `user`, past the second factor when the role needs one."""
    return client_in_session(verified_session(user), language)


@pytest.fixture(autouse=True, scope="session")
def _static_files_found_on_request() -> None:
    # Each test client builds its own middleware chain, and WhiteNoise without autorefresh
    # walks every static file when it is built: a third of a permission-matrix request.
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture
def organisation(db: None) -> Organisation:
    return Organisation.objects.create(name="Maison Test asbl", slug="maison-test")


@pytest.fixture
def other_organisation(db: None) -> Organisation:
    return Organisation.objects.create(name="Autre Collectif asbl", slug="autre-collectif")


@pytest.fixture
def site(organisation: Organisation) -> Site:
    return make_site(organisation, "Refuge Test")


@pytest.fixture
def other_site(organisation: Organisation) -> Site:
    return make_site(organisation, "Accueil Voisin", SiteKind.FRONT_DESK)


@pytest.fixture
def foreign_site(other_organisation: Organisation) -> Site:
    return make_site(other_organisation, "Refuge Ailleurs")


@pytest.fixture
def coordinator(site: Site) -> User:
    return make_user(site, Role.COORDINATOR)


@pytest.fixture
def social_worker(site: Site) -> User:
    return make_user(site, Role.SOCIAL_WORKER)


@pytest.fixture
def host(site: Site) -> User:
    return make_user(site, Role.HOST)


@pytest.fixture
def admin_user(site: Site) -> User:
    return make_user(site, Role.ADMIN)


@pytest.fixture
def other_site_worker(other_site: Site) -> User:
    return make_user(other_site, Role.SOCIAL_WORKER)


@pytest.fixture
def person(site: Site) -> Person:
    return make_person(
        site, "Éloïse", "Van den Brœck", birth_date=date(1990, 4, 2), birth_year=1990
    )


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    return verified_client
