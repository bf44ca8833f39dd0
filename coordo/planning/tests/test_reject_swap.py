"""The coordination turns a swap request down; the planning in force stays as it is."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import swaps as swap_actions
from coordo.planning.models import Planning, SwapStatus, Worker
from coordo.planning.tests.swap_factories import accepted, publish_december, shift_at, with_account


def test_the_coordinator_rejects(
    site: Site, coordinator: User, host: User, team: list[Worker]
) -> None:
    planning = publish_december(site, coordinator, team)
    with_account(team[2]), with_account(team[3])
    swap = accepted(planning, team[2], shift_at(site, 2, 9), team[3])
    with pytest.raises(PermissionDenied):
        swap_actions.reject_swap(swap, by=principal_for_user(host))
    swap_actions.reject_swap(swap, by=principal_for_user(coordinator))
    swap.refresh_from_db()
    assert (swap.status, swap.decided_by) == (SwapStatus.REJECTED, coordinator)
    assert list(Planning.objects.values_list("version", "status")) == [(1, "published")]
    assert set(planning.assignments.filter(shift=swap.shift).values_list("worker", flat=True)) == {
        team[0].pk,
        team[2].pk,
    }
