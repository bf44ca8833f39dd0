"""The fictional demo organisation: five kinds of site, a user per role, 200+ persons.

Idempotent: every object is looked up by a natural key first, so a second run
creates nothing and changes nothing.
"""

from __future__ import annotations

import base64
import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordo.access.models import Membership, Organisation, Site, User
from coordo.access.policy import POLICY
from coordo.access.roles import Role, SiteKind
from coordo.demo.names import COMMUNITIES
from coordo.housing.models import Building, Unit
from coordo.people.models import Household, HouseholdMember, Person, Relationship, Sex
from coordo.people.search import search_name

ORGANISATION = ("Réseau Passerelle asbl", "passerelle")
EMAIL_DOMAIN = "passerelle.example"
SEED = 2026

# (key, name, kind, city)
SITES = [
    ("housing", "Maison Lierre", SiteKind.TRANSITIONAL_HOUSING, "Namur"),
    ("shelter", "Refuge Ariane", SiteKind.SHELTER, "Bruxelles"),
    ("front_desk", "Accueil Ariane", SiteKind.FRONT_DESK, "Bruxelles"),
    ("drop_in", "La Boussole", SiteKind.DROP_IN, "Forest"),
    ("arrival", "Centre d'arrivée Kanaal", SiteKind.ARRIVAL_CENTRE, "Bruxelles"),
    ("rc_hetres", "Centre Les Hêtres", SiteKind.RECEPTION_CENTRE, "Arlon"),
    ("rc_linde", "Opvangcentrum De Linde", SiteKind.RECEPTION_CENTRE, "Gent"),
    ("rc_mesanges", "Centre Les Mésanges", SiteKind.RECEPTION_CENTRE, "Liège"),
    ("rc_zandberg", "Opvangcentrum Zandberg", SiteKind.RECEPTION_CENTRE, "Antwerpen"),
]


@dataclass(frozen=True)
class DemoUser:
    role: str
    email: str
    full_name: str
    password: str
    sites: tuple[str, ...]


USERS = [
    DemoUser(Role.COORDINATOR, f"coordination@{EMAIL_DOMAIN}", "Claire Vandersmissen", "Lierre-coord-2026", ("housing", "shelter", "drop_in")),
    DemoUser(Role.SOCIAL_WORKER, f"referente@{EMAIL_DOMAIN}", "Nadia Benkirane", "Ariane-social-2026", ("shelter", "front_desk")),
    DemoUser(Role.MEDICAL, f"infirmier@{EMAIL_DOMAIN}", "Jonas Verbeke", "Kanaal-soins-2026", ("arrival", "shelter")),
    DemoUser(Role.HOST, f"accueil@{EMAIL_DOMAIN}", "Mathis Delvaux", "Boussole-hote-2026", ("drop_in",)),
    DemoUser(Role.DISPATCHER, f"dispatch@{EMAIL_DOMAIN}", "Sarah Goossens", "Kanaal-dispatch-2026", ("arrival",)),
    DemoUser(Role.FINANCE, f"finances@{EMAIL_DOMAIN}", "Bernard Lhoist", "Passerelle-fin-2026", ("housing", "drop_in")),
    DemoUser(Role.RESEARCHER, f"recherche@{EMAIL_DOMAIN}", "Inès Moreau", "Passerelle-rech-2026", ("shelter",)),
    DemoUser(Role.FUNDER, f"subsides@{EMAIL_DOMAIN}", "Koen Vermeulen", "Passerelle-subs-2026", ("housing",)),
    DemoUser(Role.ADMIN, f"it@{EMAIL_DOMAIN}", "Olivier Denis", "Passerelle-admin-2026", ("housing",)),
    DemoUser(Role.PREVENTION_ADVISOR, f"prevention@{EMAIL_DOMAIN}", "Hélène Dubois", "Passerelle-prev-2026", ("housing",)),
    DemoUser(Role.DIRECTOR, f"direction@{EMAIL_DOMAIN}", "Marc Lejeune", "Passerelle-dir-2026", ("housing",)),
]  # fmt: skip

# (site key, building name, fictional address, confidential, [(unit name, kind, capacity, family)])
OPENED = date(2018, 9, 1)  # the houses' units, in service long before the demo's year
BUILDINGS = [
    ("housing", "Maison Lierre", "Rue des Glycines 14, 5000 Namur", False,
     [(f"Studio {n}", "studio", 2, False) for n in range(1, 8)]
     + [("Appartement A", "apartment", 3, True), ("Appartement B", "apartment", 3, True)]),
    ("housing", "Appartement discret", "Adresse confidentielle 3, 5000 Namur", True,
     [("Appartement C", "apartment", 4, True)]),
    ("shelter", "Refuge Ariane", "Avenue des Saules 120, 1000 Bruxelles", False,
     [(f"Chambre {n}", "room", 2, n > 8) for n in range(1, 13)] + [("Dortoir", "dormitory", 8, False)]),
]  # fmt: skip

# Sites that register persons, and how many households each gets.
HOUSEHOLDS_PER_SITE = {"housing": 14, "shelter": 30, "front_desk": 40, "arrival": 45}


def demo_totp_key(email: str) -> str:
    """A fixed TOTP key per demo user, so the README can say how to get a code."""
    return hashlib.sha256(f"coordo-demo-totp:{email}".encode()).hexdigest()[:40]


def totp_secret_base32(email: str) -> str:
    return base64.b32encode(bytes.fromhex(demo_totp_key(email))).decode().rstrip("=")


def national_number(birth: date, serial: int) -> str:
    """A Belgian national number with correct check digits (odd serial = male, even = female)."""
    body = f"{birth:%y%m%d}{serial:03d}"
    base = int(("2" if birth.year >= 2000 else "") + body)
    return f"{body}{97 - base % 97:02d}"


@dataclass(frozen=True)
class Counts:
    users: int = 0
    persons: int = 0
    households: int = 0

    @classmethod
    def of(cls, organisation: Organisation) -> Counts:
        return cls(
            users=User.objects.filter(organisation=organisation).count(),
            persons=Person.objects.filter(organisation=organisation).count(),
            households=Household.objects.filter(organisation=organisation).count(),
        )


@dataclass(frozen=True)
class Summary:
    """What the demo organisation holds after a build, and what this build added.

    Counted in the database, so every module's persons are in it (not only the
    households made here)."""

    total: Counts
    created: Counts


# Each module adds its demo data with `build(organisation, sites)` (idempotent, seeded).
DEMO_MODULES: list[str] = [
    "coordo.demo.casework",
    "coordo.demo.housing",
    "coordo.demo.dispatch",
    "coordo.demo.planning",
    "coordo.demo.incidents",
    "coordo.demo.community",
]


def build() -> Summary:
    with transaction.atomic():
        organisation, _ = Organisation.objects.get_or_create(
            slug=ORGANISATION[1], defaults={"name": ORGANISATION[0]}
        )
        before = Counts.of(organisation)
        sites = {
            key: Site.objects.get_or_create(
                organisation=organisation, name=name, defaults={"kind": kind, "city": city}
            )[0]
            for key, name, kind, city in SITES
        }
        for demo_user in USERS:
            _ensure_user(organisation, sites, demo_user)
        _ensure_buildings(organisation, sites)
        rng = random.Random(SEED)
        for key, count in HOUSEHOLDS_PER_SITE.items():
            _ensure_households(organisation, sites[key], count, rng)
        for module in DEMO_MODULES:
            import_module(module).build(organisation, sites)
        after = Counts.of(organisation)
    created = Counts(
        users=after.users - before.users,
        persons=after.persons - before.persons,
        households=after.households - before.households,
    )
    return Summary(total=after, created=created)


def _ensure_user(organisation: Organisation, sites: dict[str, Site], demo_user: DemoUser) -> None:
    user = User.objects.filter(email=demo_user.email).first()
    if user is None:
        user = User.objects.create_user(
            demo_user.email,
            demo_user.password,
            full_name=demo_user.full_name,
            organisation=organisation,
        )
    for key in demo_user.sites:
        Membership.objects.get_or_create(
            user=user,
            site=sites[key],
            role=demo_user.role,
            defaults={"organisation": organisation},
        )
    if POLICY[demo_user.role].mfa_required:
        TOTPDevice.objects.get_or_create(
            user=user,
            name="Demo authenticator",
            defaults={"key": demo_totp_key(demo_user.email), "confirmed": True},
        )


def _ensure_buildings(organisation: Organisation, sites: dict[str, Site]) -> None:
    for site_key, name, address, confidential, units in BUILDINGS:
        building, _ = Building.objects.get_or_create(
            site=sites[site_key],
            name=name,
            defaults={
                "organisation": organisation,
                "address": address,
                "confidential": confidential,
            },
        )
        for unit_name, kind, capacity, family in units:
            Unit.objects.get_or_create(
                building=building,
                name=unit_name,
                defaults={
                    "organisation": organisation,
                    "kind": kind,
                    "capacity": capacity,
                    "family": family,
                    "women_only": True,
                    "accessible": unit_name == "Studio 1",
                    "in_service_from": OPENED,
                },
            )


def _person(
    rng: random.Random, community: str, sex: str, age: int, today: date, last_name: str
) -> Person:
    female, male, _lasts, nationality, languages = COMMUNITIES[community]
    first = rng.choice(female if sex == Sex.FEMALE else male)
    birth = today - timedelta(days=age * 365 + rng.randrange(365))
    approximate = community not in {"belgian_fr", "belgian_nl"} and rng.random() < 0.3
    return Person(
        first_name=first,
        last_name=last_name,
        search_name=search_name(first, last_name),
        birth_date=None if approximate else birth,
        birth_year=birth.year,
        birth_year_approximate=approximate,
        sex=sex,
        nationality=nationality,
        languages=list(languages)
        + (["fr"] if rng.random() < 0.3 and "fr" not in languages else []),
    )


def _ensure_households(
    organisation: Organisation, site: Site, count: int, rng: random.Random
) -> None:
    """Mothers alone or with children, some couples with children, some single adults."""
    today = date(2026, 11, 1)
    existing = set(Household.objects.filter(site=site).values_list("name", flat=True))
    for index in range(count):
        community = rng.choice(list(COMMUNITIES))
        last_name = rng.choice(COMMUNITIES[community][2])
        name = f"{last_name} ({index + 1:02d})"
        shape = rng.choices(
            ["mother_children", "single_woman", "couple_children", "single_man"], [5, 3, 2, 1]
        )[0]
        children = rng.randint(1, 4) if shape.endswith("children") else 0
        # Draw every random number even for existing households, so later ones stay identical.
        head = _person(
            rng,
            community,
            Sex.MALE if shape == "single_man" else Sex.FEMALE,
            rng.randint(19, 55),
            today,
            last_name,
        )
        partner = (
            _person(rng, community, Sex.MALE, rng.randint(22, 58), today, last_name)
            if shape == "couple_children"
            else None
        )
        kids = [
            _person(
                rng,
                community,
                rng.choice([Sex.FEMALE, Sex.MALE]),
                rng.randint(0, 16),
                today,
                last_name,
            )
            for _ in range(children)
        ]
        with_contact = rng.random() < 0.7
        serial = rng.randrange(1, 997)
        phone = "+32 4{} {} {} {}".format(*(rng.randrange(10, 99) for _ in range(4)))
        if name in existing:
            continue
        if with_contact and head.birth_date:
            head.phone = phone
            head.national_number = national_number(head.birth_date, serial)
        members = [(head, Relationship.HEAD)] + (
            [(partner, Relationship.PARTNER)] if partner else []
        )
        members += [(kid, Relationship.CHILD) for kid in kids]
        for person, _relationship in members:
            person.organisation, person.site = organisation, site
        Person.objects.bulk_create([person for person, _ in members])
        household = Household.objects.create(
            organisation=organisation, site=site, name=name, head=members[0][0]
        )
        HouseholdMember.objects.bulk_create(
            HouseholdMember(
                organisation=organisation,
                household=household,
                person=person,
                relationship=relationship,
            )
            for person, relationship in members
        )
