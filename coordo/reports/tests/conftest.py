"""Reports fixtures: the housing quarter of the housing figures test, a front desk, a drop-in's
published month and an arrival centre's decisions, each counted by hand in its test."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from conftest import make_household, make_person
from coordo.access.models import Site, User
from coordo.casework.models import Referral, Request
from coordo.dispatch.models import Arrival, Batch, Decision, Proposal
from coordo.housing.actions import admit_household, close_unit, end_stay
from coordo.housing.tests.factories import make_building, make_unit, principal
from coordo.partners.models import Partner
from coordo.people.models import Sex
from coordo.planning.models import Assignment, Planning, Shift, Worker

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=BRUSSELS)


@pytest.fixture
def housing_quarter(site: Site, coordinator: User) -> Site:
    return make_housing_quarter(site, coordinator)


def make_housing_quarter(site: Site, coordinator: User) -> Site:
    """Q3 2026 (coordo/housing/tests/test_figures.py): a family of two hosted 20 June to
    11 August, exit to social housing; Sara 1 to 21 September, exit to family; a studio
    closed 25 September to 5 October. Birth years known, sexes known."""
    who = principal(coordinator)
    building = make_building(site)
    apartment = make_unit(building, "Appartement", capacity=3, family=True)
    studio = make_unit(building, "Studio", capacity=1)
    mother = make_person(site, "Awa", "Kone", sex=Sex.FEMALE, birth_year=1990)
    child = make_person(site, "Issa", "Kone", sex=Sex.MALE, birth_year=2019)
    family = admit_household(
        apartment, head=mother, household=make_household(site, mother, child),
        start=date(2026, 6, 20), by=who,
    )  # fmt: skip
    end_stay(
        family,
        end=date(2026, 8, 11),
        exit_reason="housing_found",
        destination="social_housing",
        by=who,
    )
    alone = admit_household(
        studio, head=make_person(site, "Sara", "Ba", sex=Sex.FEMALE, birth_year=None),
        start=date(2026, 9, 1), by=who,
    )  # fmt: skip
    end_stay(alone, end=date(2026, 9, 21), exit_reason="own_choice", destination="unknown", by=who)
    close_unit(studio, start=date(2026, 9, 25), end=date(2026, 10, 5), reason="Travaux", by=who)
    return site


@pytest.fixture
def front_desk(site: Site, coordinator: User, other_site: Site) -> Site:
    """Q3 2026: 3 requests (2 accommodation, 1 legal; outcomes referred, referred, none yet);
    2 referrals to Planning Familial (one answered after 2 days, one after 4), 1 to the CPAS
    (unanswered); a request in June and one at the other site that count nowhere."""
    person = make_person(site)
    rows = [
        ("accommodation", "referred", date(2026, 7, 3)),
        ("accommodation", "referred", date(2026, 8, 14)),
        ("legal", "", date(2026, 9, 30)),
        ("legal", "", date(2026, 6, 30)),
    ]
    for kind, outcome, day in rows:
        Request.objects.create(
            organisation=site.organisation, site=site, person=person, kind=kind, outcome=outcome,
            received_at=at(day),
        )  # fmt: skip
    Request.objects.create(
        organisation=site.organisation, site=other_site, person=person, kind="legal",
        received_at=at(date(2026, 7, 3)),
    )  # fmt: skip
    family_planning = Partner.objects.create(
        organisation=site.organisation, name="Planning Familial", kind="health"
    )
    cpas = Partner.objects.create(organisation=site.organisation, name="CPAS", kind="social")
    for partner, sent, answered_after, status in [
        (family_planning, date(2026, 7, 4), 2, "accepted"),
        (family_planning, date(2026, 8, 20), 4, "done"),
        (cpas, date(2026, 9, 1), None, "sent"),
    ]:
        Referral.objects.create(
            organisation=site.organisation, site=site, person=person, partner=partner,
            reason="Suivi", consent_given=True, status=status, due_date=sent + timedelta(days=7),
            referred_by=coordinator, sent_at=at(sent),
            answered_at=at(sent + timedelta(days=answered_after)) if answered_after else None,
        )  # fmt: skip
    return site


@pytest.fixture
def drop_in_month(site: Site, coordinator: User) -> Site:
    """September 2026, published: a 4-hour shift held by a volunteer and a staff member, a
    3-hour shift by the volunteer; a draft's shift and an August shift count nowhere."""
    org = site.organisation
    volunteer = Worker.objects.create(
        organisation=org, name="Vera", kind="volunteer", max_shifts_per_month=8
    )
    staff = Worker.objects.create(
        organisation=org, name="Sami", kind="staff", max_shifts_per_month=8
    )
    published = Planning.objects.create(
        organisation=org, site=site, month=date(2026, 9, 1), status="published", version=1,
        created_by=coordinator,
    )  # fmt: skip
    draft = Planning.objects.create(
        organisation=org, site=site, month=date(2026, 9, 1), status="draft", created_by=coordinator
    )
    long_shift = Shift.objects.create(
        organisation=org,
        site=site,
        start=at(date(2026, 9, 7), 9),
        end=at(date(2026, 9, 7), 13),
        required=2,
    )
    short_shift = Shift.objects.create(
        organisation=org,
        site=site,
        start=at(date(2026, 9, 9), 14),
        end=at(date(2026, 9, 9), 17),
        required=1,
    )
    august = Shift.objects.create(
        organisation=org,
        site=site,
        start=at(date(2026, 8, 31), 9),
        end=at(date(2026, 8, 31), 17),
        required=1,
    )
    for planning, shift, worker in [
        (published, long_shift, volunteer), (published, long_shift, staff),
        (published, short_shift, volunteer), (draft, short_shift, staff), (published, august, staff),
    ]:  # fmt: skip
        Assignment.objects.create(organisation=org, planning=planning, shift=shift, worker=worker)
    return site


@pytest.fixture
def arrival_centre(site: Site, coordinator: User) -> Site:
    """Q4 2026: 3 households arrived (October twice, November once; 2 placed); 2 decisions in
    November: one accepted after 4 days' wait, one overridden for school after 6."""
    org = site.organisation
    arrivals = []
    for name, day, status in [
        ("Alpha", date(2026, 10, 2), "placed"),
        ("Beta", date(2026, 10, 20), "placed"),
        ("Gamma", date(2026, 11, 3), "waiting"),
    ]:
        head = make_person(site, "Hawa", name)
        arrivals.append(
            Arrival.objects.create(
                organisation=org,
                site=site,
                household=make_household(site, head),
                registered=day,
                status=status,
            )
        )
    batch = Batch.objects.create(
        organisation=org,
        site=site,
        date=date(2026, 11, 5),
        snapshot={},
        created_by=coordinator,
        status="done",
    )
    for arrival, waited, outcome, reason in [
        (arrivals[0], 4, "accepted", ""),
        (arrivals[1], 6, "overridden", "school"),
    ]:
        proposal = Proposal.objects.create(
            organisation=org, batch=batch, arrival=arrival, household_type="family", head_sex="F",
            size=1, waiting_days=waited,
        )  # fmt: skip
        Decision.objects.create(
            organisation=org, proposal=proposal, outcome=outcome, reason_code=reason,
            decided_by=coordinator, decided_at=at(date(2026, 11, 5)),
        )  # fmt: skip
    return site


@pytest.fixture
def now_2027():  # type: ignore[no-untyped-def]
    import time_machine

    with time_machine.travel(datetime(2027, 1, 15, 9, tzinfo=BRUSSELS), tick=False):
        yield


@pytest.fixture
def drop_in_quarter(site: Site, coordinator: User, other_site: Site) -> Site:
    """Q3 2026 at the drop-in. Attendance: the sewing workshop on 7 July (10: 6 participants,
    1 neighbour, 2 children, 1 in no category; 3 first visits) and 14 July (12 participants),
    the repair café on 20 August (5: 3 residents, 2 partners' workers; 1 first visit). An
    assembly on 2 July (14 present) decides two things, one done; a hosts' meeting on
    10 August (nobody counted) replaces the other. Outreach: 20 July, 4 women met (one given
    food, one oriented, one given nothing, Nadia named and oriented to the front desk);
    12 September, 1 given information. June's workshop, meeting and round, and the other site's, count nowhere."""
    from coordo.community import actions as community
    from coordo.community.actions import meetings, outreach
    from coordo.community.models import Activity, Attendance
    from coordo.community.tests.factories import published

    who = principal(coordinator)
    sewing = published(site, coordinator)
    repair = published(
        site, coordinator, title="Repair café", starts_on=date(2026, 8, 20), recurrence=""
    )
    for activity, day, total, participants, neighbours, residents, children, partners, first in [
        (sewing, date(2026, 6, 30), 9, 9, 0, 0, 0, 0, 0),
        (sewing, date(2026, 7, 7), 10, 6, 1, 0, 2, 0, 3),
        (sewing, date(2026, 7, 14), 12, 12, 0, 0, 0, 0, 0),
        (repair, date(2026, 8, 20), 5, 0, 0, 3, 0, 2, 1),
    ]:
        community.record_attendance(
            activity,
            occurrence_date=day,
            total=total,
            participants=participants,
            neighbours=neighbours,
            residents=residents,
            children=children,
            partner_workers=partners,
            first_visits=first,
            by=who,
        )
    elsewhere = Activity.objects.create(
        organisation=site.organisation,
        site=other_site,
        title="Yoga",
        proposer_kind="host",
        starts_on=date(2026, 7, 1),
        start_time=time(10),
        end_time=time(11),
        status="published",
    )
    Attendance.objects.create(
        organisation=site.organisation,
        activity=elsewhere,
        occurrence_date=date(2026, 7, 1),
        total=7,
    )

    june = meetings.create_meeting(site, kind="residents", held_on=date(2026, 6, 15), by=who)
    meetings.record_decision(june, text="Nouvelle machine à laver", by=who)
    assembly = meetings.create_meeting(
        site, kind="assembly", held_on=date(2026, 7, 2), attendance=14, by=who
    )
    shared_meal = meetings.record_decision(assembly, text="Repas partagé le vendredi", by=who)
    meetings.set_decision_status(shared_meal, status="done", by=who)
    garden = meetings.record_decision(assembly, text="Jardin ouvert jusqu'à 20 h", by=who)
    hosts = meetings.create_meeting(site, kind="hosts", held_on=date(2026, 8, 10), by=who)
    meetings.record_decision(hosts, text="Jardin ouvert jusqu'à 21 h", replaces=garden, by=who)

    for held_on, area, contacts in [
        (date(2026, 6, 28), "Gare du Nord", [["food"]]),
        (date(2026, 7, 20), "Gare du Midi", [["food"], ["orientation"], []]),
        (date(2026, 9, 12), "Porte de Hal", [["information"]]),
    ]:
        round_ = outreach.create_round(
            site, held_on=held_on, start_time=time(20), area=area, by=who
        )
        for given in contacts:
            outreach.record_contact(round_, age_band="26_45", sex="woman", given=given, by=who)
    named = outreach.record_contact(
        round_of(site, date(2026, 7, 20)),
        age_band="18_25",
        sex="woman",
        person=make_person(site, "Nadia", "Outreach"),
        she_agrees=True,
        by=who,
    )
    outreach.orient_to_front_desk(named, by=who)
    return site


def round_of(site: Site, day: date):  # type: ignore[no-untyped-def]
    from coordo.community.models import OutreachRound

    return OutreachRound.objects.get(site=site, held_on=day)


@pytest.fixture
def incidents_quarter(site: Site, coordinator: User, other_site: Site) -> Site:
    """Q3 2026, local time: a threat on 5 July (reported 22:10, acknowledged after 4 minutes;
    two follow-up actions, one done), verbal abuse on 18 July (acknowledged after 2 minutes),
    an overdose on 9 August (severity 4, after 30 minutes; an action open), a threat at
    23:30 on 30 September (not acknowledged). At 00:30 on 1 October (still 30 September in
    UTC: an open action) and at the other site: nowhere. The register: 2 declarations in
    Q3, one in June."""
    import uuid

    from coordo.incidents.models import Declaration, FollowUpAction, Incident

    org = site.organisation
    rows = [
        (site, at(date(2026, 7, 5), 22), "threat", 2, 4, 2),
        (site, at(date(2026, 7, 18), 14), "verbal_abuse", 1, 2, 0),
        (site, at(date(2026, 8, 9), 3), "overdose", 4, 30, 1),
        (site, at(date(2026, 9, 30), 23) + timedelta(minutes=30), "threat", 2, None, 0),
        (site, at(date(2026, 10, 1), 0) + timedelta(minutes=30), "threat", 1, 5, 1),
        (other_site, at(date(2026, 7, 10), 12), "threat", 1, 3, 0),
    ]
    for where, occurred, kind, severity, minutes, actions in rows:
        reported = occurred + timedelta(minutes=10)
        incident = Incident.objects.create(
            organisation=org,
            site=where,
            occurred_at=occurred,
            place="common_room",
            type=kind,
            severity=severity,
            narrative="Fictif.",
            idempotency_key=uuid.uuid4(),
            created_by=coordinator,
            reported_at=reported,
            acknowledged_at=reported + timedelta(minutes=minutes) if minutes else None,
        )
        for index in range(actions):
            FollowUpAction.objects.create(
                organisation=org,
                incident=incident,
                title="Reparler du cadre",
                owner=coordinator,
                due=occurred.date() + timedelta(days=7),
                done_at=reported + timedelta(days=1) if index else None,
            )
    for occurred, kind in [
        (at(date(2026, 6, 20), 9), "threat"),
        (at(date(2026, 7, 5), 22), "threat"),
        (at(date(2026, 8, 1), 18), "verbal_abuse"),
    ]:
        Declaration.objects.create(
            organisation=org,
            site=site,
            occurred_at=occurred,
            type=kind,
            description="Fictif.",
        )
    return site
