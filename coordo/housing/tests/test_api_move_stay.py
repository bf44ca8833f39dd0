from __future__ import annotations

from datetime import date

import pytest

from conftest import make_household, make_person, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.housing.actions import admit_household
from coordo.housing.tests.factories import make_building, make_unit, principal

pytestmark = pytest.mark.django_db


def _stay(site, user):  # type: ignore[no-untyped-def]
    studio = make_unit(make_building(site), "Studio", capacity=2)
    mother = make_person(site, "Awa", "Kone")
    household = make_household(site, mother, make_person(site, "Issa", "Kone"))
    return admit_household(
        studio,
        head=mother,
        household=household,
        start=date(2026, 1, 10),
        by=principal(user),
    )


def test_a_social_worker_moves_a_household_into_a_confidential_unit(site, social_worker):
    stay = _stay(site, social_worker)
    secret = make_unit(make_building(site, "Discrète", confidential=True), "A", capacity=3)
    response = verified_client(social_worker).post(
        f"/api/housing/stays/{stay.pk}/move",
        {"unit_id": secret.pk, "on": "2026-03-01"},
        content_type="application/json",
    )
    assert response.status_code == 200
    rows = [(o["location"], o["start"], o["end"]) for o in response.json()["occupancies"]]
    assert sorted(rows) == [
        ("Discrète · A", "2026-03-01", None),
        ("Discrète · A", "2026-03-01", None),
        ("Maison Test · Studio", "2026-01-10", "2026-03-01"),
        ("Maison Test · Studio", "2026-01-10", "2026-03-01"),
    ]
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(stay.pk)).count() == 1


def test_a_unit_of_another_site_or_a_move_before_the_arrival_is_refused(
    site, other_site, coordinator
):
    stay = _stay(site, coordinator)
    client = verified_client(coordinator)
    url = f"/api/housing/stays/{stay.pk}/move"
    elsewhere = make_unit(make_building(other_site), "Ailleurs")
    wrong_site = client.post(
        url, {"unit_id": elsewhere.pk, "on": "2026-03-01"}, content_type="application/json"
    )
    assert (wrong_site.status_code, wrong_site.json()["detail"]) == (
        422,
        [{"loc": ["body", "unit_id"], "msg": "Choose a unit of this site.", "type": "value_error"}],
    )
    too_early = client.post(
        url,
        {"unit_id": make_unit(stay.site.buildings.get(), "B").pk, "on": "2026-01-10"},
        content_type="application/json",
    )
    assert (too_early.status_code, too_early.json()["detail"][0]["loc"]) == (422, ["body", "on"])
    assert too_early.json()["detail"][0]["msg"] == "The move must come after the last arrival."
    assert stay.occupancies.filter(end__isnull=True, unit__name="Studio").count() == 2


def test_a_stay_of_another_site_answers_404(site, other_site_worker, coordinator):
    stay = _stay(site, coordinator)
    response = verified_client(other_site_worker).post(
        f"/api/housing/stays/{stay.pk}/move",
        {"unit_id": 1, "on": "2026-03-01"},
        content_type="application/json",
    )
    assert response.status_code == 404
