"""The coordination approves a swap: the month is published again with it, or refused whole."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from coordo.access.models import AuditEvent, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import swaps as swap_actions
from coordo.planning.models import (
    Assignment,
    Planning,
    PlanningStatus,
    Shift,
    SwapRequest,
    SwapStatus,
    Worker,
)
from coordo.planning.tests.factories import make_absence, make_draft
from coordo.planning.tests.swap_factories import (
    accepted,
    offer,
    shift_at,
)


def _approve(swap: SwapRequest, coordinator: User) -> Planning:
    return swap_actions.approve_swap(swap, by=principal_for_user(coordinator))


def _team(planning: Planning, shift: Shift) -> set[str]:
    return set(planning.assignments.filter(shift=shift).values_list("worker__name", flat=True))


def test_a_hand_over_publishes_the_next_version(
    site: Site, planning: Planning, team: list[Worker], coordinator: User
) -> None:
    swap = accepted(planning, team[2], shift_at(site, 2, 9), team[1])  # Anna to Samir
    new = _approve(swap, coordinator)
    assert (new.version, new.status, new.based_on) == (2, PlanningStatus.PUBLISHED, planning)
    assert _team(new, shift_at(site, 2, 9)) == {"Yara Test", "Samir Test"}
    assert _team(new, shift_at(site, 2, 12)) == {"Bram Test", "Chloé Test"}
    planning.refresh_from_db()
    assert planning.status == PlanningStatus.SUPERSEDED
    assert _team(planning, shift_at(site, 2, 9)) == {"Yara Test", "Anna Test"}
    swap.refresh_from_db()
    assert (swap.status, swap.decided_by) == (SwapStatus.APPROVED, coordinator)
    assert AuditEvent.objects.filter(
        action="create", object_type="planning.planning", object_id=str(new.pk)
    ).exists()


def test_a_swap_moves_both_shifts(
    site: Site, planning: Planning, team: list[Worker], coordinator: User
) -> None:
    anna, dirk = team[2], team[5]
    new = _approve(
        accepted(planning, anna, shift_at(site, 2, 9), dirk, shift_at(site, 7, 12)), coordinator
    )
    assert _team(new, shift_at(site, 2, 9)) == {"Yara Test", "Dirk Test"}
    assert _team(new, shift_at(site, 7, 12)) == {"Anna Test", "Samir Test"}


def _refused(swap: SwapRequest, coordinator: User) -> list[str]:
    with pytest.raises(ValidationError) as error:
        _approve(swap, coordinator)
    swap.refresh_from_db()
    assert swap.status == SwapStatus.ACCEPTED
    assert list(Planning.objects.values_list("version", "status")) == [(1, "published")]
    assert Assignment.objects.count() == 6
    return error.value.messages


def test_a_lost_language_is_refused(
    site: Site, planning: Planning, team: list[Worker], coordinator: User
) -> None:
    swap = accepted(planning, team[0], shift_at(site, 2, 9), team[4])  # Yara, the speaker, to Chloé
    assert _refused(swap, coordinator) == ["Nobody on this shift speaks ar / ti."]


def test_the_monthly_cap_is_kept(
    site: Site, planning: Planning, team: list[Worker], coordinator: User
) -> None:
    Worker.objects.filter(pk=team[3].pk).update(max_shifts_per_month=1)
    swap = accepted(planning, team[2], shift_at(site, 2, 9), team[3])  # Bram already works the 2nd
    assert _refused(swap, coordinator) == [
        "Bram Test: would go over their maximum shifts this month"
    ]


def test_an_absent_taker_is_refused(
    site: Site, planning: Planning, team: list[Worker], coordinator: User
) -> None:
    swap = accepted(planning, team[2], shift_at(site, 2, 9), team[1])
    make_absence(team[1], coordinator, date(2026, 12, 1), date(2026, 12, 3), reason="illness")
    assert _refused(swap, coordinator) == ["Samir Test: is absent that day"]


def test_an_open_draft_of_the_month_gets_it_too(
    site: Site, planning: Planning, team: list[Worker], coordinator: User
) -> None:
    draft = make_draft(site, coordinator)
    _approve(accepted(planning, team[2], shift_at(site, 2, 9), team[1]), coordinator)
    assert _team(draft, shift_at(site, 2, 9)) == {"Yara Test", "Samir Test"}


def test_a_request_nobody_took_cannot_be_approved(
    site: Site, planning: Planning, team: list[Worker], coordinator: User
) -> None:
    swap = offer(planning, team[2], shift_at(site, 2, 9), None)
    with pytest.raises(ValidationError) as error:
        _approve(swap, coordinator)
    assert error.value.messages == ["No colleague has taken this shift yet."]
