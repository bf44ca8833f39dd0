"""Who may see what: the principal behind a request and the sites it reaches per permission.

Every queryset of personal data starts from `sites_where(principal, perm)`; a record
outside that set does not exist for the caller (404, never 403).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied

from coordo.access.models import ApiToken, Membership, Site, User
from coordo.access.policy import POLICY, Perm, Scope


@dataclass(frozen=True)
class Grant:
    site_id: int
    role: str


@dataclass(frozen=True)
class Principal:
    """A logged-in user or an API token, reduced to what access checks need."""

    organisation_id: int  # 0 for a user outside any organisation: matches no row
    grants: tuple[Grant, ...]
    org_site_ids: frozenset[int]  # read only for organisation-wide roles (empty otherwise)
    user_id: int | None = None
    token_id: int | None = None

    @cached_property
    def user(self) -> User | None:
        """The named worker behind this principal; None for a token.

        `principal_for_user` fills it with the request's own user object, which django-otp
        marks verified; a principal built otherwise loads it on first use."""
        return User.objects.filter(pk=self.user_id).first() if self.user_id else None

    @property
    def label(self) -> str:
        return f"token:{self.token_id}" if self.token_id else f"user:{self.user_id}"

    @property
    def roles(self) -> set[str]:
        return {grant.role for grant in self.grants}

    def sites_where(self, perm: Perm) -> frozenset[int]:
        """The ids of the sites where this principal holds `perm`."""
        sites: set[int] = set()
        for grant in self.grants:
            policy = POLICY[grant.role]
            if perm not in policy.perms:
                continue
            if policy.scope == Scope.ORGANISATION:
                sites |= self.org_site_ids
            else:
                sites.add(grant.site_id)
        return frozenset(sites)

    def can(self, perm: Perm, site_id: int | None = None) -> bool:
        allowed = self.sites_where(perm)
        return bool(allowed) if site_id is None else site_id in allowed

    def require(self, perm: Perm, site_id: int | None = None) -> None:
        """Refuse (PermissionDenied) when this principal lacks `perm` at `site_id`.

        The one permission gate of actions; a private copy is a defect. Records out of
        scope never reach it: the queries that fetch them answer 404 first."""
        if not self.can(perm, site_id):
            raise PermissionDenied

    def named_worker_id(self) -> int:
        """The user behind this principal, for what only a named person does (and a record
        names): PermissionDenied for a token, which acts for an integration."""
        if self.user_id is None:
            raise PermissionDenied
        return self.user_id

    def roles_at(self, site_id: int) -> set[str]:
        return {grant.role for grant in self.grants if grant.site_id == site_id}


def _org_site_ids(organisation_id: int, *, active_only: bool = False) -> frozenset[int]:
    sites = Site.objects.filter(organisation_id=organisation_id)
    if active_only:
        sites = sites.filter(is_active=True)
    return frozenset(sites.values_list("id", flat=True))


def principal_for_user(user: User) -> Principal:
    cached: Principal | None = getattr(user, "_coordo_principal", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        principal = Principal(0, (), frozenset(), user_id=getattr(user, "pk", None))
    else:
        memberships = Membership.objects.filter(
            user=user,
            site__is_active=True,
            organisation_id=user.organisation_id,
            organisation__is_active=True,
        ).values_list("site_id", "role")
        grants = tuple(Grant(site_id, role) for site_id, role in memberships)
        # Only an organisation-wide role reaches beyond its own sites: others skip the query.
        org_wide = any(POLICY[grant.role].scope == Scope.ORGANISATION for grant in grants)
        principal = Principal(
            user.organisation_id,
            grants,
            _org_site_ids(user.organisation_id) if org_wide else frozenset(),
            user_id=user.pk,
        )
    if principal.user_id is not None:
        # The cached property's slot: the request's own object, not a second copy.
        principal.__dict__["user"] = user
    user._coordo_principal = principal  # type: ignore[attr-defined]
    return principal


def principal_for_token(token: ApiToken) -> Principal:
    """A token, like a membership, loses a site the moment the site is deactivated."""
    site_ids = _org_site_ids(token.organisation_id, active_only=True)
    if token.site_id:
        grant_sites = [token.site_id] if token.site_id in site_ids else []
    else:
        grant_sites = sorted(site_ids)
    return Principal(
        token.organisation_id,
        tuple(Grant(site_id, token.role) for site_id in grant_sites),
        site_ids,
        token_id=token.pk,
    )
