"""Nights by month over sites: occupancies crossing months and the period's bounds."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import make_person, make_site, make_user
from coordo.access.roles import Role
from coordo.housing.actions import admit_household
from coordo.housing.queries.figures import nights_by_month
from coordo.housing.tests.factories import make_building, make_past_stay, make_unit, principal

pytestmark = pytest.mark.django_db
# Three months cut by the period: 17 nights of January, 28 of February, 9 of March.
START, END = date(2026, 1, 15), date(2026, 3, 10)


def test_nights_are_counted_per_month_inside_the_period_for_each_site(site, coordinator):
    who = principal(coordinator)
    dormitory = make_unit(make_building(site), "Dortoir", capacity=10, kind="dormitory")

    def stay(first: str, start: date, end: date | None) -> None:
        person = make_person(site, first, "Kone")
        if end is None:
            admit_household(dormitory, head=person, start=start, by=who)
        else:
            make_past_stay(dormitory, person, start, end, by=who)

    stay("Awa", date(2025, 12, 20), date(2026, 1, 20))  # January 15–19: 5
    stay("Binta", date(2026, 1, 25), date(2026, 2, 5))  # January 25–31: 7, February 1–4: 4
    stay("Chloé", date(2026, 2, 5), date(2026, 2, 12))  # begins as Binta leaves: February 7
    stay("Dalia", date(2026, 2, 27), date(2026, 3, 20))  # February 2, March 1–9: 9
    stay("Esther", date(2026, 1, 1), None)  # still there: 17, 28 and 9
    stay("Fanta", date(2025, 11, 1), START)  # leaves the morning the period begins: none
    stay("Grace", END, date(2026, 3, 15))  # arrives the evening it ends: none
    other = make_site(site.organisation, "Maison Deux")
    other_who = principal(make_user(other, Role.COORDINATOR))
    room = make_unit(make_building(other, "Maison Deux"), "Chambre", capacity=1)
    make_past_stay(
        room, make_person(other, "Hawa"), date(2026, 2, 20), date(2026, 3, 5), by=other_who
    )
    empty = make_site(site.organisation, "Maison Vide")

    assert nights_by_month([site.pk, other.pk, empty.pk], START, END) == {
        site.pk: [5 + 7 + 17, 4 + 7 + 2 + 28, 9 + 9],
        other.pk: [0, 9, 4],  # February 20–28, March 1–4
    }
    # One month, both bounds inside it.
    assert nights_by_month([site.pk], date(2026, 2, 3), date(2026, 2, 8)) == {
        site.pk: [2 + 3 + 5]  # Binta 3–4, Chloé 5–7, Esther 3–7
    }
