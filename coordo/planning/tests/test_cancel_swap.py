"""The requester withdraws a pending swap request."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordo.access.models import AuditEvent, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import swaps as swap_actions
from coordo.planning.models import SwapStatus, Worker
from coordo.planning.tests.swap_factories import accepted, publish_december, shift_at, with_account


def test_the_requester_cancels_while_pending(
    site: Site, coordinator: User, team: list[Worker]
) -> None:
    planning = publish_december(site, coordinator, team)
    anna, bram = team[2], team[3]
    user, _other = with_account(anna), with_account(bram)
    swap = accepted(planning, anna, shift_at(site, 2, 9), bram)
    swap_actions.cancel_swap(swap, by=principal_for_user(user))
    swap.refresh_from_db()
    assert (swap.status, swap.decided_by) == (SwapStatus.CANCELLED, user)
    assert AuditEvent.objects.filter(object_type="planning.swaprequest").count() == 3
    with pytest.raises(ValidationError) as error:
        swap_actions.cancel_swap(swap, by=principal_for_user(user))
    assert error.value.messages == ["This request is no longer open."]


def test_nobody_else_cancels(site: Site, coordinator: User, team: list[Worker]) -> None:
    planning = publish_december(site, coordinator, team)
    with_account(team[2])
    other = with_account(team[3])
    swap = accepted(planning, team[2], shift_at(site, 2, 9), team[3])
    for user in (other, coordinator):
        with pytest.raises(PermissionDenied):
            swap_actions.cancel_swap(swap, by=principal_for_user(user))
    swap.refresh_from_db()
    assert swap.status == SwapStatus.ACCEPTED
