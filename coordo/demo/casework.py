"""Demo case work: a partner directory, conventions, and three months at the front desk and shelter.

Deterministic (seeded) and idempotent: partners are looked up by name, and the rest is
only written when the organisation has no request yet. Dates are fixed around
2026-11-23 so that today's queue, the follow-up list and the renewals have content.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from coordo.access.models import Organisation, Site, User
from coordo.casework.models import (
    Appointment,
    CaseFile,
    CaseMeeting,
    Goal,
    Level,
    MeetingAction,
    Note,
    Outcome,
    Referral,
    ReferralStatus,
    Request,
    RequestKind,
    Urgency,
)
from coordo.partners.models import Contact, Convention, Partner, Service
from coordo.people.models import ConsentPurpose, ConsentRecord, Household, Person

TODAY = date(2026, 11, 23)
BRUSSELS = ZoneInfo("Europe/Brussels")
SEED = 4

# (name, kind, line, languages, address, hours, services, contact)
PARTNERS = [
    ("Hôpital Saint-Aubin", "hospital", "second", ["fr", "nl", "en"], "Rue du Midi 200, 1000 Bruxelles",
     "24/7 emergencies; consultations Mon–Fri 8–17", ["Gynaecology", "Maternity", "Emergencies"], ("Dr Anne Ruelle", "Hospital social service")),
    ("CPAS de Molenvelde", "cpas", "second", ["fr", "nl"], "Place Communale 1, 1080 Molenvelde",
     "Mon–Fri 9–12", ["Social integration income", "Urgent medical aid"], ("Karim Ouali", "Social worker, reception")),
    ("Planning familial Les Tilleuls", "family_planning", "second", ["fr", "en", "ar"], "Rue des Tilleuls 8, 1060 Saint-Gilles",
     "Mon–Sat 9–18", ["Gynaecology consultation", "Contraception", "Psychological support"], ("Lucie Marchal", "Reception")),
    ("Maison médicale du Canal", "medical_house", "first", ["fr", "ar", "ti"], "Quai du Canal 44, 1000 Bruxelles",
     "Mon–Fri 8–19", ["General practice", "Nursing"], ("Dr Youssef Amrani", "General practitioner")),
    ("Droits Devant — permanence juridique", "legal_aid", "first", ["fr", "en", "fa"], "Rue de la Loi 99, 1040 Etterbeek",
     "Tue and Thu 14–18", ["Asylum and residence law", "Family law"], ("Maître Claire Jadot", "Lawyer")),
    ("Centre de santé mentale L'Escale", "mental_health", "second", ["fr", "en"], "Avenue Brugmann 12, 1190 Forest",
     "Mon–Fri 9–17", ["Trauma therapy", "Interpreting sessions"], ("Sofie Claes", "Psychologist")),
    ("Horizon Jeunes", "youth", "first", ["fr", "nl"], "Rue Haute 301, 1000 Bruxelles",
     "Every day 10–22", ["Young mothers' support"], ("Tom Peeters", "Youth worker")),
    ("Santé Mobile", "ngo", "first", ["fr", "en", "ar", "ti", "so"], "Hub, Boulevard du Nord 5, 1000 Bruxelles",
     "Mon–Fri 9–16", ["Outreach medical consultation", "Psychosocial support"], ("Marie Dewez", "Coordinator")),
]  # fmt: skip

GOALS = {
    "administrative": [
        "Renew the residence card",
        "Open a bank account",
        "Register at the commune",
    ],
    "health": ["Find a GP", "Pregnancy follow-up", "Dental care"],
    "housing": ["Register for social housing", "Find a studio with a rent guarantee"],
    "income": ["Apply for the integration income", "Claim child benefits"],
    "legal": ["Meet a lawyer about the asylum appeal"],
    "children": ["Enrol the children at school", "Find a crèche place"],
    "training_work": ["French course level A2", "Vocational training in care work"],
}
NOTES = {
    Level.TEAM: [
        "Came to the desk with her daughter; tired but calm.",
        "Prefers appointments in the morning.",
        "Documents for the CPAS gathered and copied.",
    ],
    Level.RESTRICTED: [
        "Disclosed violence by her former partner; safety plan discussed.",
        "Worried that her ex-partner could find the address.",
    ],
    Level.MEDICAL: [
        "Blood pressure high at intake; follow-up in a week.",
        "Pregnant, about 20 weeks; no follow-up so far.",
    ],
}

# Decided at every meeting: (who, what, within how many days).
MEETING_ACTIONS = [
    ("Referent worker", "Apply for urgent medical aid at the CPAS", 7),
    ("Outreach nurse", "Book a gynaecology appointment", 10),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BRUSSELS)


def build(organisation: Organisation, sites: dict[str, Site]) -> None:
    partners = _ensure_partners(organisation)
    if Request.objects.filter(organisation=organisation).exists():
        return  # built already: a second run changes nothing
    users = {u.email.split("@")[0]: u for u in User.objects.filter(organisation=organisation)}
    worker, coordinator, nurse = users["referente"], users["coordination"], users["infirmier"]
    rng = random.Random(SEED)
    _conventions(organisation, sites, partners, coordinator)
    desk_heads = _heads(sites["front_desk"])
    _requests(organisation, sites["front_desk"], desk_heads, worker, rng)
    shelter_heads = _heads(sites["shelter"])
    files = _case_files(organisation, sites["shelter"], shelter_heads[:18], worker, rng)
    files += _case_files(organisation, sites["front_desk"], desk_heads[:6], worker, rng)
    _notes(organisation, files, sites["shelter"], (worker, coordinator, nurse), rng)
    _referrals(organisation, sites, desk_heads, shelter_heads, partners, worker, coordinator, rng)
    _meetings(organisation, sites["shelter"], shelter_heads, worker)
    # Two front-desk women agreed that the shelter may read their file.
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            organisation=organisation,
            person=person,
            given=True,
            recorded_by=worker,
            purpose=ConsentPurpose.SHARE_BETWEEN_SITES,
            date=TODAY - timedelta(days=20),
        )
        for person in desk_heads[:2]
    )


def _ensure_partners(organisation: Organisation) -> list[Partner]:
    partners = []
    for name, kind, line, languages, address, hours, services, contact in PARTNERS:
        partner, created = Partner.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "kind": kind,
                "line": line,
                "languages": languages,
                "address": address,
                "opening_hours": hours,
            },
        )
        if created:
            Service.objects.bulk_create(
                Service(organisation=organisation, partner=partner, name=s) for s in services
            )
            Contact.objects.create(
                organisation=organisation, partner=partner, name=contact[0], role=contact[1]
            )
        partners.append(partner)
    return partners


def _heads(site: Site) -> list[Person]:
    heads = Household.objects.filter(site=site).order_by("id").values_list("head_id", flat=True)
    by_id = Person.objects.in_bulk(list(heads))
    return [by_id[pk] for pk in heads if pk in by_id]


def _conventions(
    organisation: Organisation, sites: dict[str, Site], partners: list[Partner], author: User
) -> None:
    # Two come up for renewal within the next weeks; the others run until the end of 2027.
    spec = [
        ("shelter", 7, date(2025, 2, 1), date(2027, 1, 31), 90, "Outreach consultations at the shelter, twice a week."),
        ("shelter", 2, date(2025, 3, 1), date(2027, 2, 28), 90, "Gynaecology appointments within 10 days for residents."),
        ("shelter", 4, date(2026, 1, 1), date(2027, 12, 31), 90, "Legal permanence at the shelter every Tuesday."),
        ("shelter", 3, date(2026, 1, 1), date(2027, 12, 31), 60, "Medical follow-up of residents without a GP."),
    ]  # fmt: skip
    for site_key, index, start, end, notice, subject in spec:
        convention = Convention(
            organisation=organisation,
            site=sites[site_key],
            partner=partners[index],
            subject=subject,
            start_date=start,
            end_date=end,
            renewal_notice_days=notice,
            insurance="Civil liability policy no. 0042-DEMO",
            created_by=author,
        )
        convention.renewal_due = convention.compute_renewal_due()
        convention.save()


def _requests(
    organisation: Organisation, site: Site, heads: list[Person], worker: User, rng: random.Random
) -> None:
    """About six requests a working day over three months; today's are still in the queue."""
    requests = []
    day = TODAY - timedelta(days=90)
    while day <= TODAY:
        if day.weekday() < 5:
            for _ in range(rng.randint(3, 8) if day < TODAY else 5):
                received = _at(day, rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
                kind = rng.choices(RequestKind.values, [6, 3, 3, 2, 2, 2, 1])[0]
                outcome = "" if day == TODAY else rng.choices(Outcome.values, [5, 3, 2, 1, 1])[0]
                requests.append(
                    Request(
                        organisation=organisation,
                        site=site,
                        person=rng.choice(heads),
                        kind=kind,
                        urgency=rng.choices(Urgency.values, [6, 3, 1])[0],
                        language=rng.choice(["fr", "ti", "ar", "so", "en", "prs"]),
                        interpreter_needed=rng.random() < 0.35,
                        received_at=received,
                        received_by=worker,
                        outcome=outcome,
                        outcome_at=received + timedelta(minutes=25) if outcome else None,
                        outcome_by=worker if outcome else None,
                    )
                )
        day += timedelta(days=1)
    Request.objects.bulk_create(requests)


def _case_files(
    organisation: Organisation, site: Site, persons: list[Person], worker: User, rng: random.Random
) -> list[CaseFile]:
    files = []
    for index, person in enumerate(persons):
        opened = TODAY - timedelta(days=rng.randint(10, 120))
        closed = index % 7 == 6
        case_file = CaseFile.objects.create(
            organisation=organisation,
            site=site,
            person=person,
            referent=worker,
            opened_at=opened,
            status="closed" if closed else "open",
            closed_reason="Moved to transitional housing" if closed else "",
            closed_at=opened + timedelta(days=60) if closed else None,
        )
        domains = rng.sample(list(GOALS), 3)
        Goal.objects.bulk_create(
            Goal(
                organisation=organisation,
                case_file=case_file,
                domain=domain,
                description=rng.choice(GOALS[domain]),
                progress=rng.choice([0, 20, 50, 80, 100]),
                target_date=TODAY + timedelta(days=rng.randint(-10, 120)),
            )
            for domain in domains
        )
        Appointment.objects.create(
            organisation=organisation,
            case_file=case_file,
            created_by=worker,
            starts_at=_at(TODAY + timedelta(days=rng.randint(0, 14)), rng.randint(9, 16)),
            purpose=rng.choice(
                ["Interview with the referent", "CPAS appointment", "School enrolment"]
            ),
        )
        files.append(case_file)
    return files


def _notes(
    organisation: Organisation,
    files: list[CaseFile],
    medical_site: Site,
    team: tuple[User, User, User],
    rng: random.Random,
) -> None:
    worker, coordinator, nurse = team
    notes = []
    for case_file in files:
        for level in Level:
            if level == Level.MEDICAL and case_file.site_id != medical_site.pk:
                continue
            count = {Level.TEAM: 3, Level.RESTRICTED: 1, Level.MEDICAL: 1}[level]
            for _ in range(count):
                author = {
                    Level.TEAM: rng.choice([worker, coordinator]),
                    Level.RESTRICTED: worker,
                    Level.MEDICAL: nurse,
                }[level]
                written = _at(case_file.opened_at + timedelta(days=rng.randint(0, 9)), 11)
                notes.append(
                    Note(
                        organisation=organisation,
                        site_id=case_file.site_id,
                        case_file=case_file,
                        author=author,
                        level=level,
                        body=rng.choice(NOTES[level]),
                        created_at=written,
                        updated_at=written,
                    )
                )
    Note.objects.bulk_create(notes)


def _referrals(
    organisation: Organisation,
    sites: dict[str, Site],
    desk_heads: list[Person],
    shelter_heads: list[Person],
    partners: list[Partner],
    worker: User,
    coordinator: User,
    rng: random.Random,
) -> None:
    """Every status, several times; the referente has some due this week and some overdue."""
    referrals = []
    statuses = ReferralStatus.values * 6
    for index, status in enumerate(statuses):
        at_desk = index % 2 == 0
        partner = partners[index % len(partners)]
        sent = _at(TODAY - timedelta(days=rng.randint(1, 80)), rng.randint(9, 16))
        answered = sent + timedelta(days=rng.randint(1, 9), hours=rng.randint(0, 6))
        referrals.append(
            Referral(
                organisation=organisation,
                site=sites["front_desk" if at_desk else "shelter"],
                person=rng.choice(desk_heads if at_desk else shelter_heads),
                partner=partner,
                service=partner.services.first(),
                reason=rng.choice(
                    [
                        "Pregnancy follow-up",
                        "Income application",
                        "Asylum appeal",
                        "Trauma support",
                        "General check-up",
                        "Young mother support",
                    ]
                ),
                urgency=rng.choices(Urgency.values, [6, 3, 1])[0],
                consent_given=True,
                information_shared="Name, birth year, reason for the referral",
                status=status,
                refusal_reason="No place before January" if status == "refused" else "",
                due_date=TODAY + timedelta(days=rng.randint(-5, 20)),
                referred_by=worker if index % 3 else coordinator,
                sent_at=sent,
                answered_at=answered if status not in ("sent", "cancelled") else None,
                closed_at=answered
                if status in ("refused", "done", "no_show", "cancelled")
                else None,
            )
        )
    Referral.objects.bulk_create(referrals)


def _meetings(organisation: Organisation, site: Site, heads: list[Person], author: User) -> None:
    """A PMS meeting every fortnight with the outreach nurse and the CPAS."""
    for index, held_on in enumerate([TODAY - timedelta(days=d) for d in (42, 28, 14)]):
        meeting = CaseMeeting.objects.create(
            organisation=organisation,
            site=site,
            held_on=held_on,
            created_by=author,
            participants="Referent worker, shelter coordinator, outreach nurse, CPAS social worker",
        )
        meeting.persons.set(heads[index * 3 : index * 3 + 3])
        MeetingAction.objects.bulk_create(
            MeetingAction(
                organisation=organisation,
                meeting=meeting,
                owner=owner,
                description=description,
                due_date=held_on + timedelta(days=days),
            )
            for owner, description, days in MEETING_ACTIONS
        )
