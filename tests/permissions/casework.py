"""Casework app: routes, record kinds and canaries for the matrix and the canary test.

The case file planted here belongs to a person with no `share_sites` consent, so its
content must never show to another site; its notes carry one canary per level.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Model

from conftest import make_person, make_user
from coordo.access.ids import MAX_ID  # an id of nothing (0 is no id: a 422)
from coordo.access.roles import Role
from coordo.casework.models import (
    Appointment,
    Attachment,
    CaseFile,
    CaseMeeting,
    Goal,
    Level,
    MeetingAction,
    Note,
    Referral,
    Request,
)
from coordo.partners.models import Partner, PartnerKind
from tests.audit_rule import of
from tests.permissions.routes import CASE_TEAM, Route, api
from tests.world import Place

C, SW, MED = Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL
CASE_READERS = frozenset({C, SW, MED})
NOTE_WRITERS = CASE_READERS
COORDINATION = frozenset({C})

ROUTES: dict[str, Route] = {
    "partner_stats": Route(allowed=COORDINATION),
    "front_desk": Route(allowed=CASE_TEAM),
    # Posted, so typed names stay out of addresses; the matrix searches a planted name.
    "front_desk_search": Route(method="POST", read_only=True, allowed=CASE_TEAM, data={"q": "Camara"}),
    "request_outcome": Route(method="POST", target="request", allowed=CASE_TEAM, ok=302, data={"outcome": "oriented"}),
    "referral_create": Route(target="person", allowed=CASE_TEAM),
    "referral_follow_up": Route(allowed=CASE_TEAM),
    "referral_status": Route(method="POST", target="referral", allowed=CASE_TEAM, ok=302, data={"status": "accepted"}),
    "referral_postpone": Route(method="POST", target="referral", allowed=CASE_TEAM, ok=302, data={"due_date": "2099-01-04"}),
    "case_file_list": Route(allowed=CASE_READERS),
    "appointment_calendar": Route(allowed=CASE_READERS),
    "case_file_open": Route(method="POST", target="person", allowed=CASE_TEAM, ok=302),
    "case_file_detail": Route(target="case_file", allowed=CASE_READERS),
    "case_file_close": Route(method="POST", target="case_file", allowed=CASE_TEAM, ok=302, data={"reason": "Moved out"}),
    # The world's file is open: the coordination is sent back with "open already", nothing written.
    "case_file_reopen": Route(method="POST", target="case_file", allowed=COORDINATION, ok=302, data={"reason": "Came back"}),
    "goal_add": Route(method="POST", target="case_file", allowed=CASE_TEAM, ok=302, data={"domain": "health", "description": "See a GP"}),
    "goal_progress": Route(method="POST", target="goal", allowed=CASE_TEAM, ok=302, data={"progress": "50"}),
    "appointment_add": Route(method="POST", target="case_file", allowed=CASE_TEAM, ok=302, data={"starts_at": "2026-12-01T10:00", "purpose": "CPAS"}),
    "note_add": Route(method="POST", target="case_file", allowed=NOTE_WRITERS, ok=302, data={"level": "1", "body": "Called"}),
    "note_edit": Route(target="note", allowed=CASE_TEAM),
    # Only the author or a coordinator lowers (others are sent back with a message), and a
    # team note cannot go lower: every case worker of the site gets a redirect, nothing changes.
    "note_lower": Route(method="POST", target="note", allowed=CASE_TEAM, ok=302, data={"level": "1"}),
    "attachment_upload": Route(method="POST", target="case_file", allowed=CASE_TEAM, ok=302, data={"title": "ID"}),
    "attachment_download": Route(target="attachment", allowed=CASE_TEAM),
    "subject_access_export": Route(target="casework_person", allowed=COORDINATION),
    "meeting_list": Route(allowed=CASE_READERS),
    "meeting_create": Route(allowed=CASE_TEAM),
    "meeting_detail": Route(target="meeting", allowed=CASE_READERS),
    "meeting_action_add": Route(
        method="POST", target="meeting", allowed=CASE_TEAM, ok=302,
        data={"description": "Ask the CPAS", "owner": "Referent", "due_date": "2026-12-01"},
    ),
    "api:list_desk_requests": api(allowed=CASE_TEAM),
    "api:create_desk_request": api(
        method="POST", target="person", allowed=CASE_TEAM, ok=201, own_site_key="site_id",
        data={"kind": "information"},
    ),
    "api:list_case_files": api(allowed=CASE_READERS),
    "api:get_case_file": api(target="case_file", allowed=CASE_READERS, denied=404),
    "api:list_referrals": api(allowed=CASE_TEAM),
    # Partner 0 does not exist: allowed roles get the 422 naming `partner_id`, nothing written.
    "api:create_referral": api(
        method="POST", target="person", allowed=CASE_TEAM, ok=422, own_site_key="site_id",
        data={"partner_id": MAX_ID, "reason": "Check-up", "consent_given": True, "due_date": "2026-12-01"},
    ),
    "api:update_referral": api(
        method="PATCH", target="referral", allowed=CASE_TEAM, denied=404, data={"status": "accepted"},
    ),
}  # fmt: skip

TARGETS = {
    "request": lambda place: {"request_id": place.records["request"].pk},
    "referral": lambda place: {"referral_id": place.records["referral"].pk},
    "case_file": lambda place: {"case_file_id": place.records["case_file"].pk},
    "goal": lambda place: {"goal_id": place.records["goal"].pk},
    "note": lambda place: {"note_id": place.records["note"].pk},
    "attachment": lambda place: {"attachment_id": place.records["attachment"].pk},
    "casework_person": lambda place: {"person_id": place.records["casework_person"].pk},
    "meeting": lambda place: {"meeting_id": place.records["meeting"].pk},
}

FILE_READERS = {(role, "case_file_detail") for role in CASE_READERS}
CANARIES = {
    "note.team": (
        "Team note CANARY-7TQ",
        {
            (C, "case_file_detail"),
            (SW, "case_file_detail"),
            (C, "subject_access_export"),
            (C, "note_edit"),
            (SW, "note_edit"),
        },
    ),
    "note.restricted": (
        "Restricted note CANARY-4RX",
        {
            (C, "case_file_detail"),
            (C, "subject_access_export"),
        },
    ),
    "note.medical": ("Medical note CANARY-9MD", {(MED, "case_file_detail")}),
    "meeting.decision": (
        "Decision CANARY-PMS5",
        {
            (C, "meeting_detail"),
            (SW, "meeting_detail"),
            (MED, "meeting_detail"),
            (C, "subject_access_export"),
        },
    ),
    # A file without sharing consent: its content shows at its own site only, never elsewhere.
    "casefile.without_consent": (
        "Goal CANARY-NOCONSENT",
        FILE_READERS | {(C, "subject_access_export")},
    ),
}

# Which persons an audit row of each record kind names (tests/audit_rule.py).
PERSONS_NAMED = {
    "casework.request": of(Request, lambda request: [request.person_id]),
    "casework.casefile": of(CaseFile, lambda case_file: [case_file.person_id]),
    "casework.casefile.reopened": of(CaseFile, lambda case_file: [case_file.person_id]),
    "casework.goal": of(Goal, lambda goal: [goal.case_file.person_id]),
    "casework.appointment": of(Appointment, lambda appointment: [appointment.case_file.person_id]),
    "casework.note": of(Note, lambda note: [note.case_file.person_id]),
    "casework.attachment": of(Attachment, lambda attachment: [attachment.case_file.person_id]),
    "casework.referral": of(Referral, lambda referral: [referral.person_id]),
    "casework.casemeeting": of(CaseMeeting, lambda m: m.persons.values_list("pk", flat=True)),
    "casework.meetingaction": of(
        MeetingAction, lambda action: action.meeting.persons.values_list("pk", flat=True)
    ),
}

PDF = b"%PDF-1.4\n%canary-free test document\n"


def matrix_document() -> str:
    """One stored file serves every world the matrix builds (thousands of them)."""
    name = "matrix/document.pdf"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(PDF))
    return name


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    site, organisation = place.site, place.site.organisation
    author = make_user(site, Role.SOCIAL_WORKER, email=f"author-{label}@test.example")
    medic = make_user(site, Role.MEDICAL, email=f"medic-{label}@test.example")
    person = make_person(site, "Selam", f"Tesfay-{label}", birth_year=1991)
    common = {"organisation": organisation, "site": site}
    request = Request.objects.create(**common, person=person, kind="accommodation")
    case_file = CaseFile.objects.create(**common, person=person, referent=author)
    goal = Goal.objects.create(
        organisation=organisation,
        case_file=case_file,
        domain="housing",
        description=planted.get("casefile.without_consent", "Find a flat"),
    )
    notes = {
        level: Note.objects.create(
            **common,
            case_file=case_file,
            level=level,
            author=medic if level == Level.MEDICAL else author,
            body=planted.get(f"note.{level.name.lower()}", f"{level.name} note"),
        )
        for level in Level
    }
    partner = Partner.objects.create(
        organisation=organisation,
        name=f"Hôpital Test {label}",
        kind=PartnerKind.HOSPITAL,
        languages=["fr", "prs"],  # pages name them (Dari is not "prs" to a reader)
    )
    referral = Referral.objects.create(
        **common,
        person=person,
        partner=partner,
        reason="Check-up",
        consent_given=True,
        due_date=date(2026, 11, 20) + timedelta(days=3),
        referred_by=author,
    )
    attachment = Attachment(
        **common,
        case_file=case_file,
        title="Scan",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=author,
    )
    attachment.file.name = matrix_document()
    attachment.save()
    meeting = CaseMeeting.objects.create(
        **common, held_on=date(2026, 11, 18), participants="Referent, nurse", created_by=author
    )
    meeting.persons.set([person])
    MeetingAction.objects.create(
        organisation=organisation,
        meeting=meeting,
        owner="Nadia Benali",
        due_date=date(2026, 12, 1),
        description=planted.get("meeting.decision", "Ask the CPAS"),
    )
    return {
        "casework_person": person,
        "request": request,
        "case_file": case_file,
        "goal": goal,
        "note": notes[Level.TEAM],
        "referral": referral,
        "attachment": attachment,
        "partner": partner,
        "meeting": meeting,
    }
