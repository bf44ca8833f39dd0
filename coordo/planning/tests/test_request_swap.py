"""A host offers one of their published shifts to a named colleague or to the team."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_site
from coordo.access.models import AuditEvent, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import swaps as swap_actions
from coordo.planning.models import SwapRequest, SwapStatus, Worker
from coordo.planning.tests.factories import make_worker
from coordo.planning.tests.swap_factories import offer, publish_december, shift_at, with_account


@pytest.fixture
def hosts(site: Site, coordinator: User, team: list[Worker]) -> list[Worker]:
    publish_december(site, coordinator, team)
    with_account(team[2])  # Anna
    return team


def test_a_host_offers_a_shift_to_a_colleague(site: Site, hosts: list[Worker]) -> None:
    planning = hosts[2].assignments.get().planning
    swap = offer(planning, hosts[2], shift_at(site, 2, 9), hosts[3])
    assert (swap.status, swap.requester, swap.colleague, swap.planning) == (
        SwapStatus.OFFERED,
        hosts[2],
        hosts[3],
        planning,
    )
    assert (swap.site, swap.shift, swap.taker) == (site, shift_at(site, 2, 9), None)
    events = AuditEvent.objects.filter(object_type="planning.swaprequest")
    assert list(events.values_list("action", "object_id")) == [("create", str(swap.pk))]


def test_an_open_offer_names_nobody(site: Site, hosts: list[Worker]) -> None:
    swap = offer(hosts[2].assignments.get().planning, hosts[2], shift_at(site, 2, 9), None)
    assert (swap.status, swap.colleague) == (SwapStatus.OFFERED, None)


def test_the_same_shift_is_offered_once(site: Site, hosts: list[Worker]) -> None:
    planning = hosts[2].assignments.get().planning
    offer(planning, hosts[2], shift_at(site, 2, 9), None)
    with pytest.raises(ValidationError) as error:
        offer(planning, hosts[2], shift_at(site, 2, 9), hosts[4])
    assert error.value.messages == ["You already asked to swap this shift."]
    assert SwapRequest.objects.count() == 1


def test_a_shift_that_started_cannot_be_offered(site: Site, hosts: list[Worker]) -> None:
    planning = hosts[2].assignments.get().planning
    with time_machine.travel("2026-12-02 09:30 +01:00"), pytest.raises(ValidationError) as error:
        offer(planning, hosts[2], shift_at(site, 2, 9), None)
    assert error.value.messages == ["This shift has already started: it cannot be swapped."]


def test_the_colleague_works_at_the_site_and_not_on_the_shift(
    site: Site, hosts: list[Worker]
) -> None:
    planning = hosts[2].assignments.get().planning
    elsewhere = make_worker(make_site(site.organisation, "Autre maison"), "Eva Ailleurs")
    with pytest.raises(ValidationError) as error:
        offer(planning, hosts[2], shift_at(site, 2, 9), elsewhere)
    assert error.value.message_dict == {"colleague": ["Choose a colleague of this site."]}
    with pytest.raises(ValidationError) as error:
        offer(planning, hosts[2], shift_at(site, 2, 9), hosts[0])  # Yara works it too
    assert error.value.message_dict == {"colleague": ["This colleague already works this shift."]}
    assert SwapRequest.objects.count() == 0


def test_nobody_offers_someone_else_s_shift(site: Site, hosts: list[Worker], host: User) -> None:
    assignment = hosts[0].assignments.get()  # Yara's, and `host` is not Yara
    with pytest.raises(PermissionDenied):
        swap_actions.request_swap(assignment, colleague=None, by=principal_for_user(host))
    assert SwapRequest.objects.count() == 0
