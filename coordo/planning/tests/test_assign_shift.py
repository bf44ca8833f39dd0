"""Editing a cell by hand: a broken rule is shown and refused unless knowingly accepted."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import verified_client
from coordo.access.models import User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.models import Planning, Shift, Worker
from coordo.planning.tests.factories import make_absence


def morning(day: int) -> Shift:
    return next(
        s for s in Shift.objects.order_by("start") if s.start.day == day and s.languages_any
    )


def _assign(
    draft: Planning,
    shift: Shift,
    workers: list[Worker],
    coordinator: User,
    *,
    accept_broken_rules: bool = False,
) -> None:
    actions.assign_shift(
        draft,
        shift,
        workers=workers,
        accept_broken_rules=accept_broken_rules,
        by=principal_for_user(coordinator),
    )


def test_a_valid_team_is_saved_as_fixed(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    shift = morning(2)
    _assign(draft, shift, [team[0], team[2]], coordinator)
    saved = draft.assignments.filter(shift=shift)
    assert sorted(saved.values_list("worker__name", flat=True)) == ["Anna Test", "Yara Test"]
    assert set(saved.values_list("fixed", flat=True)) == {True}


def test_broken_rules_are_named_and_refused(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    make_absence(team[2], coordinator, date(2026, 12, 2), date(2026, 12, 2))
    with pytest.raises(ValidationError) as raised:
        _assign(draft, morning(2), [team[2]], coordinator)
    assert raised.value.message_dict["workers"] == [
        "This shift needs 2 people; 1 assigned.",
        "Anna Test: is absent that day",
        "Nobody on this shift speaks ar / ti.",
    ]
    assert draft.assignments.filter(shift=morning(2)).count() == 0


def test_a_broken_rule_can_be_accepted_knowingly(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    _assign(draft, morning(2), [team[0]], coordinator, accept_broken_rules=True)
    assert draft.assignments.filter(shift=morning(2)).count() == 1


def test_the_page_checks_each_change_live(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    client = verified_client(coordinator)
    url = f"/planning/{draft.pk}/shifts/{morning(2).pk}/"
    response = client.post(
        f"{url}?check=1", {"workers": [team[2].pk, team[3].pk]}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"Nobody on this shift speaks ar / ti." in response.content
    saved = client.post(url, {"workers": [team[0].pk, team[1].pk]})
    assert saved.status_code == 302
    assert draft.assignments.filter(shift=morning(2)).count() == 2


def test_two_shifts_a_day_stay_within_the_day_limit(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    shifts = [s for s in Shift.objects.order_by("start") if s.start.day == 2]
    for shift in shifts:
        _assign(draft, shift, [team[0], team[1]], coordinator)
    assert draft.assignments.count() == 4  # 2 × 3 h: exactly the 6 h a day allowed


def test_a_monthly_cap_is_a_broken_rule(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    Worker.objects.filter(pk=team[0].pk).update(max_shifts_per_month=1)
    _assign(draft, morning(2), team[:2], coordinator)
    with pytest.raises(ValidationError) as raised:
        _assign(draft, morning(7), team[:2], coordinator)
    assert raised.value.message_dict["workers"] == [
        "Yara Test: would go over their maximum shifts this month"
    ]
