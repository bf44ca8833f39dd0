"""The reception network and a day at Centre d'arrivée Kanaal, ready for today's batch.

Eight fictional reception centres (the four demo sites and four more), their units
and free places, and the arrival centre's households registered over the last ten
days, most of them screened. Seeded; a second run finds each object and changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from coordo.access.models import Organisation, Site, User
from coordo.access.roles import SiteKind
from coordo.dispatch.models import (
    Arrival,
    MedicalScreening,
    ReceptionCentre,
    ReceptionUnit,
    SocialScreening,
    UnitKind,
)
from coordo.people.models import Household

TODAY = date(2026, 11, 23)
SEED = 6006

# (site key or new site name, city, code, region, language, model, daily intake)
CENTRES = [
    ("rc_hetres", "", "HET", "wallonia", "fr", "collective", 12),
    ("rc_linde", "", "LIN", "flanders", "nl", "collective", 10),
    ("rc_mesanges", "", "MES", "wallonia", "fr", "individual", 6),
    ("rc_zandberg", "", "ZAN", "flanders", "nl", "collective", 14),
    ("Centre Les Tilleuls", "Namur", "TIL", "wallonia", "fr", "collective", 8),
    ("Opvangcentrum De Meander", "Leuven", "MEA", "flanders", "nl", "individual", 5),
    ("Centre Quai des Péniches", "Bruxelles", "PEN", "brussels", "fr", "collective", 10),
    ("Aufnahmezentrum Hohes Venn", "Eupen", "VEN", "wallonia", "de", "collective", 4),
]

MEDICAL_NOTES = [
    "Suivi de grossesse, 7e mois.",
    "Fauteuil roulant depuis une fracture, rééducation en cours.",
    "Diabète de type 1, insuline quotidienne.",
    "Asthme sévère, inhalateur.",
]


def build(organisation: Organisation, sites: dict[str, Site]) -> None:
    centres = [_ensure_centre(organisation, sites, *spec) for spec in CENTRES]
    for index, centre in enumerate(centres):
        _ensure_units(organisation, centre, random.Random(SEED + index))
    _ensure_arrivals(organisation, sites["arrival"], centres)


def _ensure_centre(
    organisation: Organisation,
    sites: dict[str, Site],
    key: str,
    city: str,
    code: str,
    region: str,
    language: str,
    model: str,
    intake: int,
) -> ReceptionCentre:
    site = sites.get(key) or Site.objects.get_or_create(
        organisation=organisation, name=key,
        defaults={"kind": SiteKind.RECEPTION_CENTRE, "city": city},
    )[0]  # fmt: skip
    centre, _ = ReceptionCentre.objects.get_or_create(
        site=site,
        defaults={
            "organisation": organisation, "code": code, "region": region,
            "language": language, "model": model, "daily_intake": intake,
        },
    )  # fmt: skip
    return centre


def _ensure_units(organisation: Organisation, centre: ReceptionCentre, rng: random.Random) -> None:
    """Family rooms, shared rooms (some women-only), one medical and one accessible place."""
    specs: list[tuple[str, str, int, dict[str, bool]]] = []
    for n in range(1, 7):
        specs.append((f"{centre.code}-F{n:02d}", UnitKind.PRIVATE, rng.choice([3, 4, 5, 6]), {}))
    for n in range(1, 5):
        specs.append((f"{centre.code}-S{n:02d}", UnitKind.SHARED, 6, {"women_only": n <= 2}))
    specs.append((f"{centre.code}-M01", UnitKind.PRIVATE, 2, {"medical": True, "accessible": True}))
    specs.append((f"{centre.code}-A01", UnitKind.PRIVATE, 4, {"accessible": True}))
    if centre.code in ("LIN", "HET"):
        specs.append((f"{centre.code}-J01", UnitKind.SHARED, 8, {"minors": True}))
    for code, kind, beds, flags in specs:
        free = (
            (beds if rng.random() < 0.4 else 0) if kind == UnitKind.PRIVATE else rng.randint(0, 3)
        )
        ReceptionUnit.objects.get_or_create(
            organisation=organisation, code=code,
            defaults={"centre": centre, "kind": kind, "beds": beds, "free": free, **flags},
        )  # fmt: skip


def _ensure_arrivals(
    organisation: Organisation, site: Site, centres: list[ReceptionCentre]
) -> None:
    dispatcher = User.objects.filter(
        email__startswith="dispatch@", organisation=organisation
    ).first()
    nurse = User.objects.filter(email__startswith="infirmier@", organisation=organisation).first()
    if dispatcher is None or nurse is None:
        return
    households = Household.objects.filter(site=site).order_by("name")[:30]
    for index, household in enumerate(households):
        rng = random.Random(f"{SEED}-{household.name}")
        registered = TODAY - timedelta(days=rng.randint(0, 10))
        arrival, created = Arrival.objects.get_or_create(
            household=household,
            defaults={"organisation": organisation, "site": site, "registered": registered,
                      "registered_by": dispatcher},
        )  # fmt: skip
        if not created or index % 6 == 5:
            continue  # one in six is still to be screened
        flags = rng.sample(
            ["violence", "single_parent", "pregnant", "psychological"], rng.randint(0, 2)
        )
        social = SocialScreening.objects.create(
            organisation=organisation, arrival=arrival, screened_by=dispatcher,
            school_language=rng.choice(["", "fr", "nl"]),
            region=rng.choice(["", "", "brussels", "wallonia", "flanders"]), flags=flags,
            women_only="violence" in flags,
            family_centre=rng.choice(centres) if rng.random() < 0.15 else None,
        )  # fmt: skip
        if rng.random() < 0.1:
            social.excluded_centres.set(
                [rng.choice([c for c in centres if c != social.family_centre])]
            )
        if index % 4 == 0:
            note = MEDICAL_NOTES[index % len(MEDICAL_NOTES)]
            MedicalScreening.objects.create(
                organisation=organisation, arrival=arrival, screened_by=nurse, details=note,
                needs_medical="insuline" in note or "grossesse" in note,
                needs_accessible="Fauteuil" in note,
            )  # fmt: skip
