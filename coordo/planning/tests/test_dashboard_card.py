"""Who is on call now, on the site's dashboard."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import verified_client
from coordo.access.models import Site, User
from coordo.planning.models import Rota, RotaPeriod, Worker

BRUSSELS = ZoneInfo("Europe/Brussels")


def _day_from_eight(rota: Rota, day: int, holder: Worker) -> RotaPeriod:
    """`holder` is on call from 08:00 on `day` November 2026 to 08:00 the next day."""
    return RotaPeriod.objects.create(
        organisation_id=rota.organisation_id,
        rota=rota,
        start=datetime(2026, 11, day, 8, tzinfo=BRUSSELS),
        end=datetime(2026, 11, day + 1, 8, tzinfo=BRUSSELS),
        holder=holder,
    )


def test_the_holder_of_the_current_period_shows(
    site: Site, team: list[Worker], host: User, social_worker: User
) -> None:
    rota = Rota.objects.create(organisation=site.organisation, site=site, name="Garde de nuit")
    rota.members.add(*team[:2])
    _day_from_eight(rota, 23, team[1])
    _day_from_eight(rota, 24, team[0])
    page = verified_client(host).get("/").content.decode()
    assert "Garde de nuit: Samir Test" in page
    assert "Yara Test" not in page
    # Social workers do not hold the planning permission: no card.
    assert "On call and on shift" not in verified_client(social_worker).get("/").content.decode()
