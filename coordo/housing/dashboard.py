"""The dashboard card: today's free places for each site the user may see, or the figures."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from coordo.access.dashboard import Card
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.housing.figures import aggregate_sites
from coordo.housing.queries import free_places_tonight


def free_places_card(request: HttpRequest, principal: Principal) -> Card | None:
    if not principal.can(Perm.HOUSING_VIEW):
        return figures_card(principal)
    sites = free_places_tonight(principal, timezone.localdate())
    if not sites:
        return None
    link = "housing_board" if principal.can(Perm.STAY_VIEW) else "building_list"
    return Card("housing/dashboard_card.html", {"sites": sites, "link": link})


def figures_card(principal: Principal) -> Card | None:
    """Funders and researchers see no place: a link to each site's aggregated figures."""
    sites = list(aggregate_sites(principal)) if principal.can(Perm.REPORTS_AGGREGATE) else []
    return Card("housing/figures_card.html", {"sites": sites}) if sites else None
