"""The one declarative policy: what each role may do, and over which scope.

Every check in Coordo reads this table; nothing else grants access. Later apps
add their permissions here so that the whole policy stays readable in one screen.
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
    PERSON_VIEW = "person.view"
    PERSON_VIEW_CONFIDENTIAL = "person.view_confidential"  # national number, phone
    PERSON_EDIT = "person.edit"
    CONSENT_EDIT = "consent.edit"
    AUDIT_VIEW = "audit.view"
    ORG_MANAGE = "org.manage"  # users, sites, memberships, API tokens
    API_DOCS = "api.docs"
    REPORTS_AGGREGATE = "reports.aggregate"


@dataclass(frozen=True)
class RolePolicy:
    scope: Scope
    perms: frozenset[Perm]
    mfa_required: bool


_CASE_TEAM = frozenset(
    {Perm.PERSON_VIEW, Perm.PERSON_VIEW_CONFIDENTIAL, Perm.PERSON_EDIT, Perm.CONSENT_EDIT}
)

POLICY: dict[str, RolePolicy] = {
    Role.COORDINATOR: RolePolicy(
        Scope.SITE, _CASE_TEAM | {Perm.AUDIT_VIEW, Perm.REPORTS_AGGREGATE}, mfa_required=True
    ),
    Role.SOCIAL_WORKER: RolePolicy(Scope.SITE, _CASE_TEAM, mfa_required=True),
    Role.MEDICAL: RolePolicy(
        Scope.SITE, frozenset({Perm.PERSON_VIEW, Perm.PERSON_VIEW_CONFIDENTIAL}), mfa_required=True
    ),
    # Hosts run the day at a drop-in: planning and activities, never case files.
    Role.HOST: RolePolicy(Scope.SITE, frozenset(), mfa_required=False),
    # Dispatchers need to know who is to be placed, not how to reach them.
    Role.DISPATCHER: RolePolicy(Scope.SITE, frozenset({Perm.PERSON_VIEW}), mfa_required=False),
    Role.FINANCE: RolePolicy(Scope.SITE, frozenset(), mfa_required=False),
    Role.RESEARCHER: RolePolicy(
        Scope.AGGREGATES, frozenset({Perm.REPORTS_AGGREGATE}), mfa_required=False
    ),
    Role.FUNDER: RolePolicy(
        Scope.AGGREGATES, frozenset({Perm.REPORTS_AGGREGATE}), mfa_required=False
    ),
    # The IT person manages accounts and reads the trail, never case content.
    Role.ADMIN: RolePolicy(
        Scope.ORGANISATION,
        frozenset({Perm.ORG_MANAGE, Perm.AUDIT_VIEW, Perm.API_DOCS}),
        mfa_required=True,
    ),
}


def role_has(role: str, perm: Perm) -> bool:
    return perm in POLICY[role].perms


def mfa_required_for(roles: set[str]) -> bool:
    return any(POLICY[role].mfa_required for role in roles)
