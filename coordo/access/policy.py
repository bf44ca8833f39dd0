"""The one declarative policy: what each role may do, and over which scope.

Every check in Coordo reads this module; nothing else grants access. It reads as
"permission → the roles that hold it", one section per domain, so a new module adds
its own section without touching the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coordo.access.roles import Role


class Scope(StrEnum):
    OWN = "own"  # the user's own records (their caseload, their shifts)
    SITE = "site"  # everything of the sites where the user holds the role
    ORGANISATION = "organisation"  # every site of the organisation
    AGGREGATES = "aggregates"  # counts only, never a person


class Perm(StrEnum):
    # access
    AUDIT_VIEW = "audit.view"
    ORG_MANAGE = "org.manage"  # users, sites, memberships, API tokens
    API_DOCS = "api.docs"
    REPORTS_AGGREGATE = "reports.aggregate"
    # reports
    REPORTS_VIEW = "reports.view"  # the site's reports, exact, and their archive
    REPORTS_EDIT = "reports.edit"  # copy, edit and generate report templates
    # people
    PERSON_VIEW = "person.view"
    PERSON_VIEW_CONFIDENTIAL = "person.view_confidential"  # national number, phone
    PERSON_EDIT = "person.edit"
    CONSENT_EDIT = "consent.edit"
    LEGAL_HOLD = "person.legal_hold"  # stop (or resume) the retention purge of her records
    ERASURE = "person.erasure"  # carry out her request to erase what may be (art. 17)
    # casework
    REQUEST_EDIT = "casework.request_edit"  # front desk: register requests, record outcomes
    CASE_VIEW = "casework.case_view"  # case files, plan, appointments; notes by level
    CASE_EDIT = "casework.case_edit"
    CASE_REOPEN = "casework.case_reopen"  # a closed file is read-only until reopened
    NOTE_WRITE = "casework.note_write"
    NOTE_RESTRICTED = "casework.note_restricted"  # read restricted notes, lower any level
    NOTE_MEDICAL = "casework.note_medical"  # read and write medical notes
    SUBJECT_ACCESS_EXPORT = "casework.subject_access_export"
    REFERRAL_EDIT = "casework.referral_edit"
    REFERRAL_STATS = "casework.referral_stats"  # outcomes and delays per partner
    # partners
    PARTNER_VIEW = "partners.partner_view"
    PARTNER_EDIT = "partners.partner_edit"
    CONVENTION_VIEW = "partners.convention_view"
    CONVENTION_EDIT = "partners.convention_edit"
    # housing
    HOUSING_VIEW = "housing.view"  # buildings, units, free places (no residents)
    HOUSING_EDIT = "housing.edit"  # buildings, units, out-of-service periods, import
    STAY_VIEW = "housing.stay_view"  # who lives where: stays, the board, the waiting list
    STAY_EDIT = "housing.stay_edit"  # admit, move, end stays; requests and offers
    CONFIDENTIAL_ADDRESS_VIEW = "housing.confidential_address"  # a confidential building's address
    HOUSING_FIGURES = "housing.figures"  # nights, occupancy, exits of a site
    # dispatch
    DISPATCH_VIEW = "dispatch.view"  # arrivals, their needs (never medical details), batches
    DISPATCH_SCREEN = "dispatch.screen"  # register arrivals, social screening
    DISPATCH_MEDICAL = "dispatch.medical"  # medical screening and its details
    DISPATCH_RUN = "dispatch.run"  # build and run batches, accept or override proposals
    DISPATCH_NETWORK_EDIT = "dispatch.network_edit"  # centres' profiles, units, free places
    # planning
    PLANNING_VIEW = "planning.view"  # a site's month plannings: who works when (no case files)
    PLANNING_EDIT = "planning.edit"  # generate and edit drafts
    PLANNING_PUBLISH = "planning.publish"
    # incidents
    INCIDENT_REPORT = "incidents.report"  # report an incident; see one's own reports
    INCIDENT_VIEW = "incidents.view"  # every report of a site, narrative and identities included
    INCIDENT_FOLLOW_UP = "incidents.follow_up"  # status, follow-up actions
    REGISTER_DECLARE = "incidents.register_declare"  # declare violence by a third party
    REGISTER_VIEW = "incidents.register_view"  # the register itself, its exports and summary
    # community
    COMMUNITY_VIEW = "community.view"  # the programme, its occurrences and attendance counts
    ACTIVITY_PROPOSE = "community.propose"  # enter an idea: an activity, an agenda item
    PROGRAMME_EDIT = "community.programme_edit"  # accept, publish, withdraw; exceptions; settings
    ATTENDANCE_RECORD = "community.attendance_record"  # anonymous counts per occurrence
    COMMUNITY_FIGURES = "community.figures"  # attendance per activity, month and category
    MEETING_EDIT = "community.meeting_edit"  # meetings, minutes, decisions, the house rules
    OUTREACH_RECORD = "community.outreach"  # outreach rounds, their contacts, day-centre counts


@dataclass(frozen=True)
class RoleSetup:
    scope: Scope
    mfa_required: bool


ROLES: dict[str, RoleSetup] = {
    Role.COORDINATOR: RoleSetup(Scope.SITE, mfa_required=True),
    Role.SOCIAL_WORKER: RoleSetup(Scope.SITE, mfa_required=True),
    Role.MEDICAL: RoleSetup(Scope.SITE, mfa_required=True),
    Role.HOST: RoleSetup(Scope.SITE, mfa_required=False),
    Role.DISPATCHER: RoleSetup(Scope.SITE, mfa_required=False),
    Role.FINANCE: RoleSetup(Scope.SITE, mfa_required=False),
    Role.RESEARCHER: RoleSetup(Scope.AGGREGATES, mfa_required=False),
    Role.FUNDER: RoleSetup(Scope.AGGREGATES, mfa_required=False),
    Role.ADMIN: RoleSetup(Scope.ORGANISATION, mfa_required=True),
    Role.PREVENTION_ADVISOR: RoleSetup(Scope.ORGANISATION, mfa_required=True),
    Role.DIRECTOR: RoleSetup(Scope.ORGANISATION, mfa_required=True),
}

C, SW, MED, HOST, DISP, FIN, RES, FUND, ADM, PREV, DIR = (
    Role.COORDINATOR,
    Role.SOCIAL_WORKER,
    Role.MEDICAL,
    Role.HOST,
    Role.DISPATCHER,
    Role.FINANCE,
    Role.RESEARCHER,
    Role.FUNDER,
    Role.ADMIN,
    Role.PREVENTION_ADVISOR,
    Role.DIRECTOR,
)

GRANTS: dict[Perm, frozenset[str]] = {
    # access — the IT person manages accounts and reads the trail, never case content.
    Perm.AUDIT_VIEW: frozenset({C, ADM}),
    Perm.ORG_MANAGE: frozenset({ADM}),
    Perm.API_DOCS: frozenset({ADM}),
    Perm.REPORTS_AGGREGATE: frozenset({C, RES, FUND}),
    # reports — the coordination writes the activity reports; funders read their version.
    Perm.REPORTS_VIEW: frozenset({C}),
    Perm.REPORTS_EDIT: frozenset({C}),
    # people — hosts and finance never see case files; dispatchers see who, not how to reach them.
    Perm.PERSON_VIEW: frozenset({C, SW, MED, DISP}),
    Perm.PERSON_VIEW_CONFIDENTIAL: frozenset({C, SW, MED}),
    Perm.PERSON_EDIT: frozenset({C, SW}),
    Perm.CONSENT_EDIT: frozenset({C, SW}),
    Perm.LEGAL_HOLD: frozenset({C}),
    Perm.ERASURE: frozenset({C}),
    # casework — hosts, dispatchers and finance never read case files; medical sees medical notes.
    Perm.REQUEST_EDIT: frozenset({C, SW}),
    Perm.CASE_VIEW: frozenset({C, SW, MED}),
    Perm.CASE_EDIT: frozenset({C, SW}),
    Perm.CASE_REOPEN: frozenset({C}),
    Perm.NOTE_WRITE: frozenset({C, SW, MED}),
    Perm.NOTE_RESTRICTED: frozenset({C}),
    Perm.NOTE_MEDICAL: frozenset({MED}),
    Perm.SUBJECT_ACCESS_EXPORT: frozenset({C}),
    Perm.REFERRAL_EDIT: frozenset({C, SW}),
    Perm.REFERRAL_STATS: frozenset({C}),
    # partners — the directory is for the case team; conventions are the coordination's.
    Perm.PARTNER_VIEW: frozenset({C, SW, MED}),
    Perm.PARTNER_EDIT: frozenset({C}),
    Perm.CONVENTION_VIEW: frozenset({C}),
    Perm.CONVENTION_EDIT: frozenset({C}),
    # housing — the team that places people knows where they live; hosts see free places only;
    # the secret address is for the site's coordinators and social workers alone.
    Perm.HOUSING_VIEW: frozenset({C, SW, HOST}),
    Perm.HOUSING_EDIT: frozenset({C}),
    Perm.STAY_VIEW: frozenset({C, SW}),
    Perm.STAY_EDIT: frozenset({C, SW}),
    Perm.CONFIDENTIAL_ADDRESS_VIEW: frozenset({C, SW}),
    Perm.HOUSING_FIGURES: frozenset({C}),
    # dispatch — the dispatcher sees needs, never the medical details behind them.
    Perm.DISPATCH_VIEW: frozenset({C, SW, MED, DISP}),
    Perm.DISPATCH_SCREEN: frozenset({C, SW, DISP}),
    Perm.DISPATCH_MEDICAL: frozenset({MED}),
    Perm.DISPATCH_RUN: frozenset({C, DISP}),
    Perm.DISPATCH_NETWORK_EDIT: frozenset({C, DISP}),
    # planning — hosts see the rota they work on; the coordination plans and publishes it.
    Perm.PLANNING_VIEW: frozenset({C, HOST}),
    Perm.PLANNING_EDIT: frozenset({C}),
    Perm.PLANNING_PUBLISH: frozenset({C}),
    # incidents — anyone of the team reports; the narrative and who was involved are read by
    # the site's coordination (and the report's author, in coordo/incidents/queries.py).
    Perm.INCIDENT_REPORT: frozenset({C, SW, MED, HOST, DISP, FIN}),
    Perm.INCIDENT_VIEW: frozenset({C}),
    Perm.INCIDENT_FOLLOW_UP: frozenset({C}),
    # the register of acts of violence by third parties (Code du bien-être au travail, I.3):
    # every worker declares; the employer (direction) and the prevention advisor read it,
    # organisation-wide; a site's coordinators only if they also hold one of those roles.
    Perm.REGISTER_DECLARE: frozenset({C, SW, MED, HOST, DISP, FIN}),
    Perm.REGISTER_VIEW: frozenset({PREV, DIR}),
    # community — the whole team meets participants; no names, so hosts record and propose.
    Perm.COMMUNITY_VIEW: frozenset({C, SW, MED, HOST}),
    Perm.ACTIVITY_PROPOSE: frozenset({C, SW, MED, HOST}),
    Perm.PROGRAMME_EDIT: frozenset({C}),
    Perm.ATTENDANCE_RECORD: frozenset({C, SW, HOST}),
    Perm.COMMUNITY_FIGURES: frozenset({C}),
    Perm.MEETING_EDIT: frozenset({C}),  # the coordinator "is the memory of the frame"
    # outreach: the team who goes out; a contact's name shows only to who reads persons.
    Perm.OUTREACH_RECORD: frozenset({C, SW, HOST}),
}


# What reads the people served (their records, cases, stays, screenings, the secret
# address): a token carrying one of these is issued only with a fresh second factor.
PERSONAL_DATA_PERMS: frozenset[Perm] = frozenset(
    {
        Perm.PERSON_VIEW,
        Perm.PERSON_VIEW_CONFIDENTIAL,
        Perm.CASE_VIEW,
        Perm.NOTE_RESTRICTED,
        Perm.NOTE_MEDICAL,
        Perm.SUBJECT_ACCESS_EXPORT,
        Perm.STAY_VIEW,
        Perm.CONFIDENTIAL_ADDRESS_VIEW,
        Perm.DISPATCH_VIEW,
        Perm.DISPATCH_MEDICAL,
        Perm.INCIDENT_VIEW,
    }
)


@dataclass(frozen=True)
class RolePolicy:
    scope: Scope
    perms: frozenset[Perm]
    mfa_required: bool


POLICY: dict[str, RolePolicy] = {
    role: RolePolicy(
        setup.scope,
        frozenset(perm for perm, roles in GRANTS.items() if role in roles),
        setup.mfa_required,
    )
    for role, setup in ROLES.items()
}


def reads_personal_data(role: str) -> bool:
    return bool(POLICY[role].perms & PERSONAL_DATA_PERMS)


def mfa_required_for(roles: set[str]) -> bool:
    return any(POLICY[role].mfa_required for role in roles)
