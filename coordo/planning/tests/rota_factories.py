"""An on-call rota for rota tests: two members of the site, Brussels times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import rotas as rota_actions
from coordo.planning.models import Rota, RotaPeriod, Worker

BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 12, day, hour, tzinfo=BRUSSELS)


def make_rota(site: Site, coordinator: User, members: list[Worker]) -> Rota:
    return rota_actions.create_rota(
        site=site,
        name="Garde de nuit",
        members=members,
        by=principal_for_user(coordinator),
    )


def add_period(
    rota: Rota, coordinator: User, start: datetime, end: datetime, holder: Worker | None
) -> RotaPeriod:
    return rota_actions.add_rota_period(
        rota,
        start=start,
        end=end,
        holder=holder,
        weekend=False,
        by=principal_for_user(coordinator),
    )
