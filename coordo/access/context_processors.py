from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from coordo.access.policy import Perm
from coordo.access.scoping import principal_for_user


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the header needs: the sites to switch between and which menu entries to show."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if getattr(request, "second_factor_owed", None):
        return {"nav_sites": [], "nav": {}}  # half logged in: only logging out or the language
    principal = principal_for_user(user)  # type: ignore[arg-type]
    from coordo.access.queries import member_sites

    # CurrentSiteMiddleware has already read them (an empty list too); without it, read here.
    nav_sites = getattr(request, "member_sites", None)
    return {
        "nav_sites": member_sites(principal) if nav_sites is None else nav_sites,
        "current_site": getattr(request, "current_site", None),
        "nav": {
            "people": principal.can(Perm.PERSON_VIEW),
            "audit": principal.can(Perm.AUDIT_VIEW),
            "manage": principal.can(Perm.ORG_MANAGE),
            "api_docs": principal.can(Perm.API_DOCS),
            "dispatch": principal.can(Perm.DISPATCH_VIEW),
            "planning": principal.can(Perm.PLANNING_VIEW),
            "incidents": principal.can(Perm.INCIDENT_REPORT),
            "register": principal.can(Perm.REGISTER_VIEW),
            "community": principal.can(Perm.COMMUNITY_VIEW),
            "casework": "front_desk"
            if principal.can(Perm.REQUEST_EDIT)
            else "case_file_list"
            if principal.can(Perm.CASE_VIEW)
            else "partner_list"
            if principal.can(Perm.PARTNER_VIEW)
            else "",
            "housing": "housing_board"
            if principal.can(Perm.STAY_VIEW)
            else "building_list"
            if principal.can(Perm.HOUSING_VIEW)
            else "",
            "reports": "reports_home"
            if principal.can(Perm.REPORTS_VIEW)
            else "report_archive"
            if principal.can(Perm.REPORTS_AGGREGATE)
            else "",
        },
    }
