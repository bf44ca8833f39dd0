"""A small world for cross-cutting tests: every role at one site, and records at three places.

`own` is the acting users' site; `other_site` belongs to the same organisation;
`foreign` belongs to another organisation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AnonymousUser

from conftest import make_household, make_person, make_site, make_user
from coordo.access.models import ApiToken, Membership, Organisation, Site, User, hash_token
from coordo.access.roles import Role, SiteKind
from coordo.housing.models import Building, Unit, UnitKind
from coordo.people.models import ConsentRecord, Household, Person

PLACES = ("own", "other_site", "foreign")


@dataclass
class Records:
    site: Site
    person: Person
    household: Household
    user: User
    membership: Membership
    token: ApiToken


@dataclass
class World:
    organisation: Organisation
    users: dict[str, User]
    places: dict[str, Records] = field(default_factory=dict)


def _records(site: Site, label: str, planted: dict[str, str] | None = None) -> Records:
    head = make_person(site, "Hawa", f"Camara-{label}", birth_year=1988, **(planted or {}))
    child = make_person(site, "Sekou", f"Camara-{label}", birth_year=2016)
    household = make_household(site, head, child)
    target_user = make_user(site, Role.HOST, email=f"target-{label}@test.example")
    membership = target_user.memberships.get()
    creator = target_user
    token = ApiToken.objects.create(
        organisation=site.organisation, name=f"token {label}", role=Role.COORDINATOR,
        site=site, prefix=label[:8], key_hash=hash_token(f"raw-{label}"), created_by=creator,
    )  # fmt: skip
    ConsentRecord.objects.create(
        organisation=site.organisation, person=head, purpose="share_sites", given=True,
        date=date(2026, 1, 5), recorded_by=creator,
    )  # fmt: skip
    return Records(site, head, household, target_user, membership, token)


def build_world(planted: dict[str, str] | None = None, secret_address: str = "") -> World:
    """`planted` fields (e.g. canary values) go on the own site's head of household;
    `secret_address` is the address of a confidential building of the own site."""
    organisation = Organisation.objects.create(name="Maison Test asbl", slug="maison-test")
    foreign_org = Organisation.objects.create(name="Autre Collectif asbl", slug="autre")
    own = make_site(organisation, "Refuge Test")
    other = make_site(organisation, "Accueil Voisin", SiteKind.FRONT_DESK)
    foreign = make_site(foreign_org, "Refuge Ailleurs")
    users: dict[str, User] = {role: make_user(own, role) for role in Role.values}
    if secret_address:
        building = Building.objects.create(
            organisation=organisation, site=own, name="Discreet house", address=secret_address,
            confidential=True,
        )  # fmt: skip
        Unit.objects.create(
            organisation=organisation,
            building=building,
            name="A",
            kind=UnitKind.APARTMENT,
            capacity=3,
        )
    world = World(organisation, users)
    world.places = {
        "own": _records(own, "own", planted),
        "other_site": _records(other, "other"),
        "foreign": _records(foreign, "foreign"),
    }
    return world


ANONYMOUS = AnonymousUser()
