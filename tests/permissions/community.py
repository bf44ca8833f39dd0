"""Community app: the programme, attendance counts, figures; the public programme and its feed.

No Person is linked anywhere in the programme or the counts: nothing here is a canary. The
public pages answer everyone alike (no login, whatever the role): every place of the world
has a public programme, so each answers 200, and the app's own tests check the 404s.
"""

from __future__ import annotations

from datetime import date, time

from django.db.models import Model

from coordo.access.roles import Role
from coordo.community.models import (
    Activity,
    ActivityStatus,
    CommunitySettings,
    Decision,
    Meeting,
    MeetingKind,
    OutreachContact,
    OutreachRound,
    ProposerKind,
    RulesVersion,
)
from tests.audit_rule import of
from tests.permissions.routes import CASE_TEAM, NOBODY, Route, api
from tests.world import Place

C, SW, MED, HOST = Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL, Role.HOST
TEAM = frozenset({C, SW, MED, HOST})
COUNTERS = frozenset({C, SW, HOST})
COORDINATION = frozenset({C})

ROUTES: dict[str, Route] = {
    "community_programme": Route(allowed=TEAM),
    "community_propose": Route(allowed=TEAM),
    "community_poster": Route(allowed=TEAM),
    "community_settings": Route(allowed=COORDINATION),
    "community_activity": Route(target="activity", allowed=TEAM),
    "community_activity_edit": Route(target="activity", allowed=COORDINATION),
    "community_activity_accept": Route(method="POST", target="activity", allowed=COORDINATION, ok=302),
    "community_activity_publish": Route(method="POST", target="activity", allowed=COORDINATION, ok=302),
    "community_activity_withdraw": Route(method="POST", target="activity", allowed=COORDINATION, ok=302),
    "community_occurrence_cancel": Route(
        method="POST", target="activity", allowed=COORDINATION, ok=302,
        data={"original_date": "2026-09-01"},
    ),
    "community_occurrence_move": Route(
        method="POST", target="activity", allowed=COORDINATION, ok=302,
        data={"original_date": "2026-09-01", "moved_to": "2026-09-02"},
    ),
    "community_occurrence_restore": Route(
        method="POST", target="activity", allowed=COORDINATION, ok=302,
        data={"original_date": "2026-09-01"},
    ),
    "community_attendance": Route(target="occurrence", allowed=COUNTERS),
    "community_figures": Route(allowed=COORDINATION),
    "community_figures_export": Route(allowed=COORDINATION),
    "community_meetings": Route(allowed=TEAM),
    "community_meeting_create": Route(allowed=COORDINATION),
    "community_meeting": Route(target="community_meeting", allowed=TEAM),
    "community_meeting_edit": Route(target="community_meeting", allowed=COORDINATION),
    "community_agenda_add": Route(
        method="POST", target="community_meeting", allowed=TEAM, ok=302, data={"title": "Le jardin"},
    ),
    "community_decision_add": Route(
        method="POST", target="community_meeting", allowed=COORDINATION, ok=302,
        data={"text": "On ouvre le jardin le samedi."},
    ),
    "community_decisions": Route(allowed=TEAM),
    "community_decision_status": Route(
        method="POST", target="decision", allowed=COORDINATION, ok=302, data={"status": "done"},
    ),
    "community_house_rules": Route(allowed=TEAM),
    "community_rules_version_add": Route(allowed=COORDINATION),
    "community_rounds": Route(allowed=COUNTERS),
    "community_round_create": Route(allowed=COUNTERS),
    "community_round": Route(target="round", allowed=COUNTERS),
    "community_contact_add": Route(
        method="POST", target="round", allowed=COUNTERS, ok=302,
        data={"age_band": "26_45", "sex": "woman", "needs": ["shelter"]},
    ),
    "community_contact_orient": Route(method="POST", target="contact", allowed=CASE_TEAM, ok=302),
    "community_day_centre": Route(allowed=COUNTERS),
    "public_house_rules": Route(target="public_site", allowed=NOBODY, denied=200, anonymous=200),
    "api:list_public_activities": Route(
        api=True, target="public_site", allowed=NOBODY, denied=200, anonymous=200,
    ),
    "api:list_public_occurrences": Route(
        api=True, target="public_site", allowed=NOBODY, denied=200, anonymous=200,
    ),
    "api:record_attendance": api(
        method="POST", target="activity", allowed=COUNTERS, ok=201, denied=404,
        data={"occurrence_date": "2026-09-01", "total": 9, "participants": 7},
    ),
    "api:record_contact": api(
        method="POST", target="round", allowed=COUNTERS, ok=201, denied=404,
        data={"age_band": "26_45", "sex": "woman", "needs": ["shelter"], "given": ["food"]},
    ),
    "public_programme": Route(target="public_site", allowed=NOBODY, denied=200, anonymous=200),
    "public_activity": Route(target="public_activity", allowed=NOBODY, denied=200, anonymous=200),
    "public_programme_ics": Route(target="public_site", allowed=NOBODY, denied=200, anonymous=200),
}  # fmt: skip

# A round's page lists its contacts and, to who may name, the persons to name: one list row.
PERSONS_NAMED = {
    "community.outreachcontact": of(OutreachContact, lambda contact: [contact.person_id]),
}

TARGETS = {
    "activity": lambda place: {"activity_id": place.records["activity"].pk},
    "occurrence": lambda place: {"activity_id": place.records["activity"].pk, "day": "2026-09-01"},
    "public_site": lambda place: {"site_id": place.site.pk},
    "round": lambda place: {"round_id": place.records["round"].pk},
    "contact": lambda place: {"contact_id": place.records["contact"].pk},
    "community_meeting": lambda place: {"meeting_id": place.records["community_meeting"].pk},
    "decision": lambda place: {"decision_id": place.records["decision"].pk},
    "public_activity": lambda place: {
        "site_id": place.site.pk,
        "activity_id": place.records["activity"].pk,
    },
}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    organisation = place.site.organisation
    CommunitySettings.objects.create(
        organisation=organisation, site=place.site, public_programme=True
    )
    activity = Activity.objects.create(
        organisation=organisation, site=place.site, title="Atelier couture",
        proposer_kind=ProposerKind.PARTICIPANT, proposer_name="Nour", place="Grande salle",
        capacity=15, starts_on=date(2026, 9, 1), start_time=time(14), end_time=time(16),
        recurrence="FREQ=WEEKLY;BYDAY=TU", status=ActivityStatus.PUBLISHED,
    )  # fmt: skip
    meeting = Meeting.objects.create(
        organisation=organisation, site=place.site, kind=MeetingKind.ASSEMBLY,
        held_on=date(2026, 6, 4), attendance=14,
    )  # fmt: skip
    decision = Decision.objects.create(
        organisation=organisation, site=place.site, meeting=meeting,
        text="On ne fume pas dans la cour.",
    )  # fmt: skip
    RulesVersion.objects.create(
        organisation=organisation, site=place.site, number=1, title="Charte",
        text="On se respecte.", in_force_from=date(2026, 6, 4), decision=decision,
    )  # fmt: skip
    outreach = OutreachRound.objects.create(
        organisation=organisation, site=place.site, held_on=date(2026, 6, 10),
        start_time=time(20), area="Gare du Midi",
    )  # fmt: skip
    # She agreed to be named: her identity shows only to who reads persons at her site.
    contact = OutreachContact.objects.create(
        organisation=organisation, round=outreach, age_band="26_45", sex="woman",
        needs=["shelter"], person_id=place.records["person"].pk,
    )  # fmt: skip
    OutreachContact.objects.create(organisation=organisation, round=outreach, sex="woman")
    return {
        "activity": activity, "community_meeting": meeting, "decision": decision, "round": outreach,
        "contact": contact,
    }  # fmt: skip
