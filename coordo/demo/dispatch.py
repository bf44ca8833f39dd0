"""The reception network and a day at Centre d'arrivée Kanaal, ready for today's batch.

Eight fictional reception centres (the four demo sites and four more), their units
and free places, and the arrival centre's households registered over the last ten
days, most of them screened, their flags and the nurse's notes agreeing with who is
in each household. Seeded; a second run finds each object and changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from coordo.access.models import Organisation, Site, User
from coordo.access.roles import SiteKind
from coordo.dispatch.fetch import age_on
from coordo.dispatch.models import (
    Arrival,
    MedicalScreening,
    ReceptionCentre,
    ReceptionUnit,
    SocialScreening,
    UnitKind,
    VulnerabilityFlag,
)
from coordo.dispatch.optimiser.model import ADULT_AGE
from coordo.people.models import Household, Sex

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

# Fictional nurse's notes, (text, needs a medical place, needs reduced-mobility access).
PREGNANCY_NOTES = [
    ("Grossesse de 7 mois, suivi prénatal rapproché demandé par la sage-femme.", True, False),
    ("Grossesse de 3 mois sans complication, première consultation prénatale faite.", False, False),
]
ADULT_NOTES = [
    ("Diabète de type 1, insuline matin et soir, glycémies instables.", True, False),
    ("Insuffisance rénale, dialyse trois fois par semaine.", True, False),
    ("Fauteuil roulant depuis une fracture du bassin, rééducation en cours.", False, True),
    ("Béquilles après une entorse, escaliers impossibles pendant trois semaines.", False, True),
    ("Asthme, inhalateur ; le suivi par un généraliste suffit.", False, False),
    ("Hypertension traitée, contrôle mensuel.", False, False),
    ("Bilan de santé sans particularité.", False, False),
]
CHILD_NOTES = [
    ("Enfant asthmatique, nébuliseur à domicile.", False, False),
    ("Vaccinations des enfants à compléter.", False, False),
]
MEDICAL_NOTES = {
    text: (medical, accessible)
    for text, medical, accessible in PREGNANCY_NOTES + ADULT_NOTES + CHILD_NOTES
}
# A woman flagged pregnant in the demo is between these ages (the form asks to confirm
# any flag outside `actions.PREGNANCY_AGES`).
DEMO_PREGNANCY_AGES = range(18, 44)
ELDERLY_AGE = 65


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
    site = (
        sites.get(key)
        or Site.objects.get_or_create(
            organisation=organisation,
            name=key,
            defaults={"kind": SiteKind.RECEPTION_CENTRE, "city": city},
        )[0]
    )
    centre, _ = ReceptionCentre.objects.get_or_create(
        site=site,
        defaults={
            "organisation": organisation,
            "code": code,
            "region": region,
            "language": language,
            "model": model,
            "daily_intake": intake,
        },
    )
    return centre


def _ensure_units(organisation: Organisation, centre: ReceptionCentre, rng: random.Random) -> None:
    """Family rooms, shared rooms (some women-only), one medical and one accessible place."""
    specs: list[tuple[str, str, int, dict[str, bool]]] = []
    for n in range(1, 7):
        specs.append((f"{centre.code}-F{n:02d}", UnitKind.PRIVATE, rng.choice([3, 4, 5, 6]), {}))
    for n in range(1, 5):
        specs.append((f"{centre.code}-S{n:02d}", UnitKind.SHARED, 6, {"women_only": n <= 2}))
    specs.append((f"{centre.code}-M01", UnitKind.PRIVATE, 2, {"medical": True, "accessible": True}))
    specs.append((f"{centre.code}-M02", UnitKind.PRIVATE, 5, {"medical": True}))
    specs.append((f"{centre.code}-A01", UnitKind.PRIVATE, 4, {"accessible": True}))
    if centre.code in ("LIN", "HET"):
        specs.append((f"{centre.code}-J01", UnitKind.SHARED, 8, {"minors": True}))
    for code, kind, beds, flags in specs:
        free = (
            (beds if rng.random() < 0.4 else 0) if kind == UnitKind.PRIVATE else rng.randint(0, 3)
        )
        ReceptionUnit.objects.get_or_create(
            organisation=organisation,
            code=code,
            defaults={"centre": centre, "kind": kind, "beds": beds, "free": free, **flags},
        )


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
            defaults={
                "organisation": organisation,
                "site": site,
                "registered": registered,
                "registered_by": dispatcher,
            },
        )
        if not created or index % 6 == 5:
            continue  # one in six is still to be screened
        members = [
            (member.person.sex, age_on(member.person, TODAY))
            for member in household.members.select_related("person")
        ]
        flags = _flags(rng, members)
        has_adult_man = any(sex == Sex.MALE and age >= ADULT_AGE for sex, age in members)
        social = SocialScreening.objects.create(
            organisation=organisation,
            arrival=arrival,
            screened_by=dispatcher,
            school_language=rng.choice(["", "fr", "nl"]),
            region=rng.choice(["", "", "brussels", "wallonia", "flanders"]),
            flags=flags,
            women_only="violence" in flags and not has_adult_man,
            family_centre=rng.choice(centres) if rng.random() < 0.15 else None,
        )
        if rng.random() < 0.1:
            social.excluded_centres.set(
                [rng.choice([c for c in centres if c != social.family_centre])]
            )
        note = _medical_note(rng, flags, members, screened=index % 4 == 0)
        if note is not None:
            needs_medical, needs_accessible = MEDICAL_NOTES[note]
            MedicalScreening.objects.create(
                organisation=organisation,
                arrival=arrival,
                screened_by=nurse,
                details=note,
                needs_medical=needs_medical,
                needs_accessible=needs_accessible,
            )


def _flags(rng: random.Random, members: list[tuple[str, int]]) -> list[str]:
    """Vulnerabilities that agree with who is in the household."""
    adults = [(sex, age) for sex, age in members if age >= ADULT_AGE]
    flags = []
    if len(adults) == 1 and len(members) > 1:
        flags.append(VulnerabilityFlag.SINGLE_PARENT)
    alone = len(members) == 1 and members == adults
    if alone and adults[0][0] == Sex.FEMALE and rng.random() < 0.5:
        flags.append(VulnerabilityFlag.SINGLE_WOMAN)
    could_carry = any(sex == Sex.FEMALE and age in DEMO_PREGNANCY_AGES for sex, age in adults)
    if could_carry and rng.random() < 0.3:
        flags.append(VulnerabilityFlag.PREGNANT)
    if rng.random() < 0.2:
        flags.append(VulnerabilityFlag.VIOLENCE)
    if rng.random() < 0.15:
        flags.append(VulnerabilityFlag.PSYCHOLOGICAL)
    if any(age >= ELDERLY_AGE for _sex, age in members):
        flags.append(VulnerabilityFlag.ELDERLY)
    return [str(flag) for flag in flags]


def _medical_note(
    rng: random.Random, flags: list[str], members: list[tuple[str, int]], *, screened: bool
) -> str | None:
    """Every pregnancy is seen by the nurse; one household in four otherwise."""
    if VulnerabilityFlag.PREGNANT in flags:
        return rng.choice(PREGNANCY_NOTES)[0]
    if not screened:
        return None
    has_children = any(age < ADULT_AGE for _sex, age in members)
    return rng.choice(ADULT_NOTES + (CHILD_NOTES if has_children else []))[0]
