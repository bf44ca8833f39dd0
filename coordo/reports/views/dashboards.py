"""The dashboards: a site's (its kind's indicators) and the organisation's."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.policy import Perm
from coordo.reports import dashboards
from coordo.web.sites import current_site


@require_perm(Perm.REPORTS_VIEW)
def site_dashboard(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.REPORTS_VIEW)
    codes = dashboards.TILES.get(site.kind, dashboards.ORGANISATION_TILES)
    tiles = dashboards.tiles((site.pk,), codes, timezone.localdate())
    return render(request, "reports/dashboard.html", {"site": site, "tiles": tiles})


@require_perm(Perm.REPORTS_VIEW)
def organisation_dashboard(request: AuthedRequest) -> HttpResponse:
    sites = tuple(sorted(principal_of(request).sites_where(Perm.REPORTS_VIEW)))
    tiles = dashboards.tiles(sites, dashboards.ORGANISATION_TILES, timezone.localdate())
    return render(
        request, "reports/dashboard.html", {"site": None, "tiles": tiles, "sites": len(sites)}
    )
