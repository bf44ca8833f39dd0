"""The drop-in's demo planning: a published November, a December draft, a second load idle."""

from __future__ import annotations

import pytest

from coordo.access.models import Site
from coordo.demo import builder
from coordo.demo import planning as demo
from coordo.planning.models import (
    Assignment,
    Planning,
    PlanningStatus,
    Rota,
    RotaPeriod,
    Shift,
    Worker,
)


def counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in (Worker, Shift, Planning, Assignment, Rota, RotaPeriod)
    }


@pytest.mark.django_db
def test_the_drop_in_gets_a_team_and_a_published_month() -> None:
    builder.build()
    first = counts()
    site = Site.objects.get(name="La Boussole")
    # 25 in the drop-in's team, and the two on the incidents on-call rota (demo/incidents.py).
    assert Worker.objects.filter(sites=site).count() == 25 + 2
    published = Planning.objects.get(site=site, status=PlanningStatus.PUBLISHED)
    # November 2026: 25 days from Monday to Saturday, three slots, two people each.
    assert Shift.objects.filter(site=site, start__month=11).count() == 75
    assert published.assignments.count() == 150
    assert Planning.objects.filter(site=site, status=PlanningStatus.DRAFT).count() == 1
    assert Worker.objects.filter(user__email__startswith="accueil@").count() == 1
    rota = Rota.objects.get(site__name="Refuge Ariane")
    assert (rota.members.count(), rota.periods.filter(weekend=True).count()) == (3, 9)
    assert list(Site.objects.filter(women_only=True).values_list("name", flat=True)) == [
        "Refuge Ariane"
    ]
    demo.build(site.organisation, {"drop_in": site, "shelter": rota.site})
    assert counts() == first
