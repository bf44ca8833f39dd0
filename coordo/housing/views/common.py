from __future__ import annotations

from django.db.models import QuerySet

from coordo.access.http import AuthedRequest, principal_of
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.housing.models import Unit
from coordo.housing.queries import units_visible_to
from coordo.people.models import Household, Person
from coordo.people.queries import households_visible_to, persons_visible_to


def site_units(request: AuthedRequest, site: Site) -> QuerySet[Unit]:
    return units_visible_to(principal_of(request), Perm.STAY_VIEW).filter(building__site=site)


def site_people(request: AuthedRequest, site: Site) -> tuple[QuerySet[Household], QuerySet[Person]]:
    principal = principal_of(request)
    return (
        households_visible_to(principal).filter(site=site),
        persons_visible_to(principal).filter(site=site),
    )
