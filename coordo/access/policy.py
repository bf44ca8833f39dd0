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
    # people
    PERSON_VIEW = "person.view"
    PERSON_VIEW_CONFIDENTIAL = "person.view_confidential"  # national number, phone
    PERSON_EDIT = "person.edit"
    CONSENT_EDIT = "consent.edit"


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
}

C, SW, MED, HOST, DISP, FIN, RES, FUND, ADM = (
    Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL, Role.HOST, Role.DISPATCHER,
    Role.FINANCE, Role.RESEARCHER, Role.FUNDER, Role.ADMIN,
)  # fmt: skip

GRANTS: dict[Perm, frozenset[str]] = {
    # access — the IT person manages accounts and reads the trail, never case content.
    Perm.AUDIT_VIEW: frozenset({C, ADM}),
    Perm.ORG_MANAGE: frozenset({ADM}),
    Perm.API_DOCS: frozenset({ADM}),
    Perm.REPORTS_AGGREGATE: frozenset({C, RES, FUND}),
    # people — hosts and finance never see case files; dispatchers see who, not how to reach them.
    Perm.PERSON_VIEW: frozenset({C, SW, MED, DISP}),
    Perm.PERSON_VIEW_CONFIDENTIAL: frozenset({C, SW, MED}),
    Perm.PERSON_EDIT: frozenset({C, SW}),
    Perm.CONSENT_EDIT: frozenset({C, SW}),
}


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


def role_has(role: str, perm: Perm) -> bool:
    return perm in POLICY[role].perms


def mfa_required_for(roles: set[str]) -> bool:
    return any(POLICY[role].mfa_required for role in roles)
