"""The occupancy board as stretches: free beds, out of service, stays, split at tonight."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import make_person, verified_client
from coordo.access.models import AuditEvent
from coordo.housing.actions import admit_household
from coordo.housing.tests.factories import (
    make_building,
    make_closure,
    make_past_stay,
    make_unit,
    principal,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday_23_november")]


def free(unit_id: int, place: str, first: str, label: str, count: int) -> str:
    href = f"/housing/stays/admit/?unit={unit_id}&amp;start={first}"
    return (
        f'<a class="board-free {place}" href="{href}" hx-get="{href}" '
        f'aria-label="{label}" title="{label}">{count}</a>'
    )


def past(place: str, label: str, count: int) -> str:
    return f'<span class="board-free {place}" title="{label}">{count}</span>'


def test_free_beds_show_as_stretches_split_at_tonight_and_closures_as_hatched(
    site, other_site, coordinator
):
    who = principal(coordinator)
    building = make_building(site, "Maison Lierre")
    studio = make_unit(building, "Studio", capacity=2)
    dormitory = make_unit(building, "Dortoir", capacity=3, kind="dormitory")
    stay = make_past_stay(
        studio,
        make_person(site, "Awa", "Kone"),
        date(2026, 11, 10),
        date(2026, 11, 20),
        by=who,
        exit_reason="housing_found",
    )
    make_closure(dormitory, date(2026, 11, 25), date(2026, 11, 28), "Dégât des eaux")
    make_unit(make_building(other_site, "Voisin"), "Chambre voisine", capacity=5)

    body = verified_client(coordinator).get("/housing/?start=2026-11-16&days=14").content.decode()

    assert body.count('class="board-free ') == 6
    # Nights gone by are shown, not offered: no link admits into them.
    assert past("c1 s4", "1 free from 16 November to 19 November", 1) in body
    assert past("c5 s3", "2 free from 20 November to 22 November", 2) in body
    assert past("c1 s7", "3 free from 16 November to 22 November", 3) in body
    assert "&amp;start=2026-11-1" not in body
    assert "&amp;start=2026-11-20" not in body
    assert (
        free(studio.pk, "c8 s7", "2026-11-23", "2 free from 23 November to 29 November: admit", 2)
        in body
    )
    assert (
        free(
            dormitory.pk, "c8 s2", "2026-11-23", "3 free from 23 November to 24 November: admit", 3
        )
        in body
    )
    assert (
        free(
            dormitory.pk, "c13 s2", "2026-11-28", "3 free from 28 November to 29 November: admit", 3
        )
        in body
    )
    assert (
        '<span class="board-closed c10 s3" title="Dégât des eaux">out of service: Dégât des eaux</span>'
    ) in body
    assert f'<a class="board-bar c1 s4 r1 open-left" href="/housing/stays/{stay.pk}/"' in body
    assert body.count('<span class="board-now c8 ') == 2
    assert '<div class="board-label rs3">Maison Lierre · Studio<br>' in body
    assert '<div class="board-label rs4">Maison Lierre · Dortoir<br>' in body
    assert "Chambre voisine" not in body
    assert AuditEvent.objects.filter(action="list", object_type="housing.stay").count() == 1


def test_a_single_free_night_says_on_which_night(site, coordinator):
    unit = make_unit(make_building(site), "Studio", capacity=1)
    admit_household(
        unit,
        head=make_person(site, "Awa", "Kone"),
        start=date(2026, 11, 24),
        by=principal(coordinator),
    )
    body = verified_client(coordinator).get("/housing/?start=2026-11-23&days=7").content.decode()
    assert body.count('class="board-free ') == 1
    assert free(unit.pk, "c1 s1", "2026-11-23", "1 free on 23 November: admit", 1) in body
