"""The dashboard card: how many people and households the site holds, and where to find them."""

from __future__ import annotations

from django.http import HttpRequest

from coordo.access.dashboard import Card
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.people.queries import households_visible_to, persons_visible_to
from coordo.web.sites import site_holding


def people_card(request: HttpRequest, principal: Principal) -> Card | None:
    site = site_holding(request, principal, Perm.PERSON_VIEW)
    if site is None:
        return None
    return Card(
        "people/dashboard_card.html",
        {
            "person_count": persons_visible_to(principal).filter(site=site).count(),
            "household_count": households_visible_to(principal).filter(site=site).count(),
        },
    )
