"""The site the user is working at, when their role there holds a permission: one check for all."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from coordo.access.http import AuthedRequest, principal_of
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal


def site_holding(request: HttpRequest, principal: Principal, perm: Perm) -> Site | None:
    """The current site if `principal` holds `perm` there; None when no site is chosen or it is not held.

    For what only shows or hides a part of a page (a dashboard card, a button)."""
    site: Site | None = getattr(request, "current_site", None)
    if site is None or not principal.can(perm, site.pk):
        return None
    return site


def current_site(request: AuthedRequest, perm: Perm) -> Site:
    """The current site, where the user's role must hold `perm`: otherwise 403, as for any refusal."""
    site = site_holding(request, principal_of(request), perm)
    if site is None:
        raise PermissionDenied
    return site
