"""A colleague takes an offered shift, optionally giving one of theirs in exchange."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordo.access.models import AuditEvent, Site
from coordo.planning.models import Planning, SwapStatus, Worker
from coordo.planning.tests.swap_factories import (
    accept,
    accepted,
    offer,
    shift_at,
)


def test_the_named_colleague_takes_it_in_exchange_for_one_of_theirs(
    site: Site, planning: Planning, team: list[Worker]
) -> None:
    anna, dirk = team[2], team[5]
    swap = accepted(planning, anna, shift_at(site, 2, 9), dirk, shift_at(site, 7, 12))
    swap.refresh_from_db()
    assert (swap.status, swap.taker, swap.counter_shift) == (
        SwapStatus.ACCEPTED,
        dirk,
        shift_at(site, 7, 12),
    )
    actions = AuditEvent.objects.filter(object_type="planning.swaprequest").values_list("action")
    assert list(actions.order_by("pk")) == [("create",), ("update",)]


def test_anyone_of_the_team_takes_an_open_offer(
    site: Site, planning: Planning, team: list[Worker]
) -> None:
    swap = accept(offer(planning, team[2], shift_at(site, 2, 9), None), team[3])
    assert (swap.status, swap.taker, swap.counter_shift) == (SwapStatus.ACCEPTED, team[3], None)


def test_only_the_named_colleague_takes_a_named_request(
    site: Site, planning: Planning, team: list[Worker]
) -> None:
    swap = offer(planning, team[2], shift_at(site, 2, 9), team[3])
    with pytest.raises(PermissionDenied):
        accept(swap, team[4])
    with pytest.raises(PermissionDenied):
        accept(swap, team[2])  # the requester themself
    swap.refresh_from_db()
    assert (swap.status, swap.taker) == (SwapStatus.OFFERED, None)


def test_the_exchange_is_a_coming_shift_of_the_taker(
    site: Site, planning: Planning, team: list[Worker]
) -> None:
    swap = offer(planning, team[2], shift_at(site, 2, 9), team[3])
    with pytest.raises(ValidationError) as error:
        accept(swap, team[3], shift_at(site, 7, 12))  # Dirk's and Samir's, not Bram's
    assert error.value.message_dict == {
        "counter_shift": ["Choose one of your coming shifts that your colleague does not work."]
    }
    swap.refresh_from_db()
    assert swap.status == SwapStatus.OFFERED


def test_a_taken_request_is_not_taken_twice(
    site: Site, planning: Planning, team: list[Worker]
) -> None:
    swap = accept(offer(planning, team[2], shift_at(site, 2, 9), None), team[3])
    with pytest.raises(ValidationError) as error:
        accept(swap, team[4])
    assert error.value.messages == ["This request is no longer open."]
