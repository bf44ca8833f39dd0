"""A published December for swap tests: hosts with accounts on the first shifts."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from conftest import make_user
from coordo.access.models import Site, User
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import generate_shifts
from coordo.planning.actions import swaps as swap_actions
from coordo.planning.models import (
    Assignment,
    Planning,
    PlanningStatus,
    Shift,
    SwapRequest,
    Worker,
)
from coordo.planning.tests.factories import DECEMBER

BRUSSELS = ZoneInfo("Europe/Brussels")


def shift_at(site: Site, day: int, hour: int) -> Shift:
    return Shift.objects.get(site=site, start=datetime(2026, 12, day, hour, tzinfo=BRUSSELS))


def publish_december(site: Site, coordinator: User, team: list[Worker]) -> Planning:
    """Wed 2nd 09–12: Yara + Anna; Wed 2nd 12–15: Bram + Chloé; Mon 7th 12–15: Dirk + Samir."""
    generate_shifts(site, DECEMBER)
    planning = Planning.objects.create(
        organisation=site.organisation,
        site=site,
        month=DECEMBER,
        created_by=coordinator,
        status=PlanningStatus.PUBLISHED,
        version=1,
    )
    yara, samir, anna, bram, chloe, dirk = team
    for shift, people in (
        (shift_at(site, 2, 9), (yara, anna)),
        (shift_at(site, 2, 12), (bram, chloe)),
        (shift_at(site, 7, 12), (dirk, samir)),
    ):
        for worker in people:
            Assignment.objects.create(
                organisation_id=planning.organisation_id,
                planning=planning,
                shift=shift,
                worker=worker,
            )
    return planning


def december_with_accounts(site: Site, coordinator: User, team: list[Worker]) -> Planning:
    """The published December, and an account for each of the team."""
    planning = publish_december(site, coordinator, team)
    for worker in team:
        with_account(worker)
    return planning


def with_account(worker: Worker) -> User:
    user = make_user(worker.sites.get(), Role.HOST)
    worker.user = user
    worker.save(update_fields=["user"])
    return user


def offer(planning: Planning, giver: Worker, shift: Shift, to: Worker | None) -> SwapRequest:
    assert giver.user is not None
    return swap_actions.request_swap(
        planning.assignments.get(shift=shift, worker=giver),
        colleague=to,
        by=principal_for_user(giver.user),
    )


def accepted(
    planning: Planning, giver: Worker, shift: Shift, taker: Worker, counter: Shift | None = None
) -> SwapRequest:
    return accept(offer(planning, giver, shift, taker), taker, counter)


def accept(swap: SwapRequest, taker: Worker, counter: Shift | None = None) -> SwapRequest:
    """`taker` takes the offered shift through their own account, giving `counter` if any."""
    assert taker.user is not None
    return swap_actions.accept_swap(
        swap, taker=taker, counter_shift=counter, by=principal_for_user(taker.user)
    )
