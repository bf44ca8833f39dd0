"""La Boussole's programme with six months of attendance, its assemblies, decisions and
charter; the shelter's outreach rounds and the day centre's counts.

Seeded and all or nothing: a second run finds the programme and stops.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from coordo.access.models import Organisation, Site, User
from coordo.access.scoping import principal_for_user
from coordo.casework.actions.desk import record_outcome
from coordo.casework.models import Outcome, Request
from coordo.community.actions import outreach
from coordo.community.models import (
    CATEGORIES,
    Activity,
    ActivityStatus,
    AgeBand,
    AgendaItem,
    Attendance,
    CommunitySettings,
    ContactSex,
    DayCentreCount,
    Decision,
    DecisionStatus,
    Given,
    Meeting,
    MeetingKind,
    Need,
    OccurrenceChange,
    OutreachContact,
    OutreachRound,
    ProposerKind,
    RulesVersion,
)
from coordo.community.recurrence import BRUSSELS, occurrence_dates
from coordo.housing.models import Stay
from coordo.partners.models import Partner
from coordo.people.models import Person

TODAY = date(2026, 11, 23)
PLACED = 4  # women met on a round, oriented, then given a bed at the shelter
OUT_OF_PLACE = 2  # former guests met again on a round and oriented, with no bed since
SIX_MONTHS_AGO = date(2026, 5, 23)
SEED = 1403

# (title, kind, proposer, start, (start, end), rule, capacity, status, place, languages)
ACTIVITIES = [
    ("Atelier couture", ProposerKind.PARTICIPANT, "Nour", date(2026, 5, 5), (14, 16),
     "FREQ=WEEKLY;BYDAY=TU", 12, ActivityStatus.PUBLISHED, "Grande salle", ["fr", "ar"]),
    ("Repas partagé", ProposerKind.HOST, "", date(2026, 5, 7), (12, 14),
     "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 30, ActivityStatus.PUBLISHED, "Cuisine", ["fr", "nl"]),
    ("Permanence juridique", ProposerKind.PARTNER, "", date(2026, 5, 2), (10, 12),
     "FREQ=MONTHLY;BYDAY=1SA", None, ActivityStatus.PUBLISHED, "Petit salon", ["fr", "en"]),
    ("Sortie au parc de Forest", ProposerKind.PARTICIPANT, "Awa", date(2026, 6, 20), (14, 17),
     "", 20, ActivityStatus.PUBLISHED, "Départ devant la maison", ["fr"]),
    ("Fête de quartier", ProposerKind.HOST, "", date(2026, 12, 12), (15, 19),
     "", None, ActivityStatus.PUBLISHED, "Cour et grande salle", ["fr", "nl", "ar"]),
    ("Cours de néerlandais", ProposerKind.PARTICIPANT, "Samira", date(2027, 1, 12), (10, 12),
     "FREQ=WEEKLY;BYDAY=TU", 10, ActivityStatus.PROPOSED, "Petit salon", ["nl"]),
]  # fmt: skip

# (held on, attendance, agenda, [(decision, carried by, replaces index)])
Taken = list[tuple[str, str, int | None]]
ASSEMBLIES: list[tuple[date, int, list[str], Taken]] = [
    (date(2026, 6, 4), 19, ["Les horaires d'été", "La charte de la maison"],
     [("La maison ferme à 17 h en juillet et août.", "Mathis", None),
      ("La charte de la maison est adoptée.", "L'assemblée", None)]),
    (date(2026, 7, 2), 14, ["Le repas partagé"],
     [("Chacune apporte un plat au repas partagé, sans obligation.", "Les accueillant·es", None)]),
    (date(2026, 9, 3), 22, ["Bilan de l'été", "Les horaires"],
     [("La maison ferme à 18 h toute l'année.", "Mathis", 0)]),
    (date(2026, 10, 1), 17, ["Le silence du soir", "La fête de quartier"],
     [("On ajoute à la charte : pas de musique forte après 17 h.", "L'assemblée", None),
      ("La fête de quartier a lieu le 12 décembre.", "Awa et Mathis", None)]),
]  # fmt: skip

CHARTER = "Charte de La Boussole"
CHARTER_V1 = (
    "Ici, on se rencontre d'égale à égal.\n"
    "On se respecte, on s'écoute, on ne juge pas.\n"
    "On ne demande à personne ses papiers ni son histoire.\n"
    "On ne fume pas à l'intérieur."
)
CHARTER_V2 = CHARTER_V1 + "\nPas de musique forte après 17 h, pour les voisin·es."


def build(organisation: Organisation, sites: dict[str, Site]) -> None:
    site = sites["drop_in"]
    if Activity.objects.filter(site=site).exists():
        return
    rng = random.Random(SEED)
    host = User.objects.get(organisation=organisation, email__startswith="accueil@")
    coordinator = User.objects.get(organisation=organisation, email__startswith="coordination@")
    CommunitySettings.objects.get_or_create(
        site=site, defaults={"organisation": organisation, "public_programme": True}
    )
    _programme(organisation, site, host, coordinator, rng)
    _assemblies(organisation, site, host, coordinator)
    rounds = _outreach(organisation, sites["shelter"], rng)
    worker = User.objects.get(organisation=organisation, email__startswith="referente@")
    _oriented(sites["shelter"], rounds, worker)


def _programme(
    organisation: Organisation, site: Site, host: User, coordinator: User, rng: random.Random
) -> None:
    partner = Partner.objects.filter(organisation=organisation).order_by("name").first()
    for title, kind, name, start, (
        begin,
        end,
    ), rule, capacity, status, place, languages in ACTIVITIES:
        if kind == ProposerKind.PARTNER and partner is None:
            kind, name = ProposerKind.HOST, ""
        activity = Activity.objects.create(
            organisation=organisation,
            site=site,
            title=title,
            proposer_kind=kind,
            proposer_name=name,
            proposer_user=host if kind == ProposerKind.HOST else None,
            proposer_partner=partner if kind == ProposerKind.PARTNER else None,
            place=place,
            capacity=capacity,
            languages=languages,
            starts_on=start,
            start_time=time(begin),
            end_time=time(end),
            recurrence=rule,
            status=status,
            created_by=host,
            accepted_by=coordinator if status != ActivityStatus.PROPOSED else None,
            accessibility="Plain-pied, toilette accessible" if place != "Petit salon" else "",
        )
        days = occurrence_dates(start, time(begin), rule, SIX_MONTHS_AGO, TODAY)
        cancelled = set()
        if title == "Atelier couture":
            # Closed two weeks in August; one session moved to the Wednesday.
            for day in (date(2026, 8, 11), date(2026, 8, 18)):
                OccurrenceChange.objects.create(
                    organisation=organisation, activity=activity, original_date=day, cancelled=True
                )
                cancelled.add(day)
            OccurrenceChange.objects.create(
                organisation=organisation,
                activity=activity,
                original_date=date(2026, 12, 1),
                moved_to=date(2026, 12, 2),
            )
        Attendance.objects.bulk_create(
            _counts(organisation, activity, day, rng, host) for day in days if day not in cancelled
        )


def _counts(
    organisation: Organisation, activity: Activity, day: date, rng: random.Random, host: User
) -> Attendance:
    top = activity.capacity or 35
    total = rng.randint(max(3, top // 3), top)
    parts = dict.fromkeys(CATEGORIES, 0)
    for _ in range(total):
        parts[rng.choices(CATEGORIES, [10, 4, 0, 3, 1])[0]] += 1
    return Attendance(
        organisation=organisation,
        activity=activity,
        occurrence_date=day,
        total=total,
        first_visits=rng.randint(0, max(1, total // 5)),
        recorded_by=host,
        **parts,
    )


def _assemblies(organisation: Organisation, site: Site, host: User, coordinator: User) -> None:
    decisions: list[Decision] = []
    for held_on, attendance, agenda, taken in ASSEMBLIES:
        meeting = Meeting.objects.create(
            organisation=organisation,
            site=site,
            kind=MeetingKind.ASSEMBLY,
            held_on=held_on,
            title=f"Assemblée du {held_on:%d/%m}",
            attendance=attendance,
            minutes="Tour de parole, puis les points de l'ordre du jour.",
            created_by=coordinator,
        )
        meeting.team_present.set([host, coordinator])
        AgendaItem.objects.bulk_create(
            AgendaItem(organisation=organisation, meeting=meeting, title=item) for item in agenda
        )
        for text, carried_by, replaces in taken:
            decision = Decision.objects.create(
                organisation=organisation,
                site=site,
                meeting=meeting,
                text=text,
                carried_by=carried_by,
                created_by=coordinator,
                status=DecisionStatus.DONE if held_on < date(2026, 9, 1) else DecisionStatus.TODO,
                review_on=date(2027, 3, 4) if replaces is not None else None,
            )
            if replaces is not None:
                Decision.objects.filter(pk=decisions[replaces].pk).update(
                    status=DecisionStatus.REPLACED, replaced_by=decision
                )
            decisions.append(decision)
    for number, text, decision, since in (
        (1, CHARTER_V1, decisions[1], date(2026, 6, 4)),
        (2, CHARTER_V2, decisions[4], date(2026, 10, 5)),
    ):
        RulesVersion.objects.create(
            organisation=organisation,
            site=site,
            number=number,
            title=CHARTER,
            text=text,
            in_force_from=since,
            decision=decision,
            created_by=coordinator,
        )


def _outreach(organisation: Organisation, shelter: Site, rng: random.Random) -> list[OutreachRound]:
    """Wednesday evening rounds in the autumn, anonymous contacts; the day centre's weeks."""
    areas = ["Gare du Midi", "Gare du Nord", "Porte de Namur", "Parc Maximilien"]
    rounds = []
    day = date(2026, 9, 30)
    while day <= TODAY:
        found = OutreachRound.objects.create(
            organisation=organisation,
            site=shelter,
            held_on=day,
            start_time=time(20),
            end_time=time(23),
            area=rng.choice(areas),
        )
        rounds.append(found)
        OutreachContact.objects.bulk_create(
            OutreachContact(
                organisation=organisation,
                round=found,
                age_band=rng.choice([AgeBand.YOUNG, AgeBand.ADULT, AgeBand.ADULT, AgeBand.OLDER]),
                sex=ContactSex.WOMAN,
                languages=[rng.choice(["fr", "ar", "ti", "ro", "en"])],
                needs=rng.sample([Need.SHELTER, Need.FOOD, Need.HYGIENE, Need.HEALTH], 2),
                given=rng.sample([Given.FOOD, Given.HYGIENE_KIT, Given.INFORMATION], 2),
            )
            for _ in range(rng.randint(3, 8))
        )
        day += timedelta(days=7)
    for offset in range(30):
        women = rng.randint(12, 30)
        DayCentreCount.objects.create(
            organisation=organisation,
            site=shelter,
            day=TODAY - timedelta(days=offset),
            women=women,
            children=rng.randint(0, 6),
            first_visits=rng.randint(0, 3),
            meals=women - rng.randint(0, 4),
            showers=rng.randint(4, women),
            laundry=rng.randint(2, 10),
            rest=rng.randint(3, 12),
        )
    return rounds


def _oriented(shelter: Site, rounds: list[OutreachRound], worker: User) -> None:
    """Women met on a round who agreed to be named, oriented to the front desk with the round
    page's one step (outreach.orient_to_front_desk, a casework request): on every second
    round, one who got a bed at the shelter in the days after it (the front desk recording
    it); on two other rounds, a former guest met again, with no bed since. The actions write
    at the real time: the request and its outcome are then dated back to the round and the
    stay."""
    by = principal_for_user(worker)
    met: list[tuple[Person, OutreachRound, Stay | None]] = []
    for found in rounds[::2][:PLACED]:
        stay = (
            Stay.objects.filter(site=shelter, start__gt=found.held_on)
            .exclude(pk__in=[placed.pk for _p, _r, placed in met if placed])
            .order_by("start", "pk")
            .first()
        )
        if stay is not None:
            met.append((stay.head, found, stay))
    former = Stay.objects.filter(site=shelter, end__lt=rounds[0].held_on).order_by("-end", "pk")
    for found, stay in zip(rounds[1::4], former[:OUT_OF_PLACE], strict=False):
        met.append((stay.head, found, None))
    for person, found, stay in met:
        contact = outreach.record_contact(
            found,
            age_band=AgeBand.ADULT,
            sex=ContactSex.WOMAN,
            languages=person.languages[:1],
            needs=[Need.SHELTER],
            given=[Given.INFORMATION],
            person=person,
            she_agrees=True,
            by=by,
        )
        request = outreach.orient_to_front_desk(contact, by=by).request
        assert request is not None
        evening = datetime.combine(found.held_on, time(21, 30), tzinfo=BRUSSELS)
        Request.objects.filter(pk=request.pk).update(received_at=evening)
        if stay is not None:
            record_outcome(request, outcome=Outcome.ACCOMMODATED, by=by)
            admitted = datetime.combine(stay.start, time(18), tzinfo=BRUSSELS)
            Request.objects.filter(pk=request.pk).update(outcome_at=admitted)
