"""The rota pages as a coordinator uses them, and who is on call on the dashboard."""

from __future__ import annotations

import time_machine

from conftest import verified_client
from coordo.access.models import AuditEvent, Site, User
from coordo.planning.models import Rota, RotaPeriod, Worker
from coordo.planning.tests.rota_factories import add_period, at, make_rota


def test_a_coordinator_creates_a_rota_and_its_periods(
    site: Site, coordinator: User, team: list[Worker]
) -> None:
    client = verified_client(coordinator)
    response = client.post(
        "/planning/rotas/new/", {"name": "Garde de nuit", "members": [team[0].pk, team[1].pk]}
    )
    rota = Rota.objects.get()
    assert response.url == f"/planning/rotas/{rota.pk}/"  # type: ignore[attr-defined]
    periods = f"/planning/rotas/{rota.pk}/periods/"
    first = {"start": "2026-12-01T08:00", "end": "2026-12-04T08:00", "holder": team[1].pk}
    assert client.post(periods, first).status_code == 302
    page = client.post(periods, {"start": "2026-12-03T20:00", "end": "2026-12-05T08:00"})
    assert page.status_code == 200
    assert (
        "This period overlaps the one from Tue 1 December 2026 08:00 to Fri 4 December 2026 08:00."
        in page.content.decode()
    )
    assert RotaPeriod.objects.count() == 1
    listing = client.get("/planning/rotas/").content.decode()
    assert "Garde de nuit" in listing
    assert "Samir Test" in listing
    assert AuditEvent.objects.filter(object_type="planning.rota", action="list").count() == 1


def test_a_period_is_edited_on_its_page(site: Site, coordinator: User, team: list[Worker]) -> None:
    rota = make_rota(site, coordinator, team[:2])
    period = add_period(rota, coordinator, at(1, 8), at(4, 8), team[1])
    url = f"/planning/rotas/{rota.pk}/periods/{period.pk}/"
    client = verified_client(coordinator)
    assert 'value="2026-12-01T08:00"' in client.get(url).content.decode()
    data = {"start": "2026-12-01T08:00", "end": "2026-12-04T08:00", "holder": team[3].pk}
    page = client.post(url, data).content.decode()
    assert "Select a valid choice." in page  # Bram is not a member
    client.post(url, {**data, "holder": team[0].pk})
    period.refresh_from_db()
    assert period.holder == team[0]


def test_a_site_with_a_rota_always_shows_who_is_on_call(
    site: Site, coordinator: User, host: User, team: list[Worker]
) -> None:
    rota = make_rota(site, coordinator, team[:2])
    add_period(rota, coordinator, at(1, 8), at(4, 8), team[1])
    # Sunday 29 November: no shift that day, no period yet: the card says so.
    with time_machine.travel("2026-11-29 12:00 +01:00"):
        assert "Nobody is on call right now." in verified_client(host).get("/").content.decode()
    with time_machine.travel("2026-12-02 12:00 +01:00"):
        assert "Garde de nuit: Samir Test" in verified_client(host).get("/").content.decode()
