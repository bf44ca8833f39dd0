from __future__ import annotations

from datetime import date

import pytest

from conftest import make_household, make_person
from coordo.access.roles import Role
from coordo.access.scoping import Grant, Principal
from coordo.housing.actions import admit_household
from coordo.housing.queries import (
    SiteFreePlaces,
    free_places_tonight,
    units_visible_to,
    units_with_free_places,
)
from coordo.housing.tests.factories import (
    make_building,
    make_closure,
    make_past_stay,
    make_unit,
    principal,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_23_november")]
TONIGHT = date(2026, 11, 23)


def test_free_places_count_stays_families_and_closures_of_the_sites_one_may_see(
    site, other_site, foreign_site, coordinator
):
    who = principal(coordinator)
    building = make_building(site)
    studio = make_unit(building, "Studio", capacity=2)
    flat = make_unit(building, "Appartement", capacity=4, family=True)
    dormitory = make_unit(building, "Dortoir", capacity=3, kind="dormitory")
    room = make_unit(building, "Chambre", capacity=1)
    admit_household(studio, head=make_person(site, "Awa", "Kone"), start=date(2026, 11, 1), by=who)
    mother = make_person(site, "Ruth", "Mensah")
    household = make_household(site, mother, make_person(site, "Ama", "Mensah"))
    admit_household(flat, head=mother, household=household, start=TONIGHT, by=who)
    make_closure(dormitory, date(2026, 11, 20), date(2026, 11, 24), "Peinture")
    make_past_stay(
        room,
        make_person(site, "Sara", "Ba"),
        date(2026, 11, 2),
        TONIGHT,
        by=who,
        exit_reason="housing_found",
    )
    make_unit(make_building(other_site, "Voisin"), "Chambre voisine", capacity=5)
    make_unit(make_building(foreign_site, "Ailleurs"), "Chambre ailleurs", capacity=7)

    assert free_places_tonight(who, TONIGHT) == [SiteFreePlaces(site.pk, "Refuge Test", 10, 2)]
    network = Principal(
        site.organisation_id,
        (Grant(site.pk, Role.COORDINATOR), Grant(other_site.pk, Role.COORDINATOR)),
        frozenset({site.pk, other_site.pk}),
    )
    assert free_places_tonight(network, TONIGHT) == [
        SiteFreePlaces(other_site.pk, "Accueil Voisin", 5, 5),
        SiteFreePlaces(site.pk, "Refuge Test", 10, 2),
    ]
    # The same figures as the per-unit annotation the inventory page shows.
    units = units_with_free_places(units_visible_to(network), TONIGHT)
    assert sum(unit.free for unit in units) == 7
    assert free_places_tonight(network, date(2026, 11, 24)) == [
        SiteFreePlaces(other_site.pk, "Accueil Voisin", 5, 5),
        SiteFreePlaces(site.pk, "Refuge Test", 10, 5),
    ]


def test_no_site_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert free_places_tonight(Principal(0, (), frozenset()), TONIGHT) == []
