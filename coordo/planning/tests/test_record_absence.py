"""Absences: entered by the worker on "my shifts", or by a coordinator of their site."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import verified_client
from coordo.access.models import AuditEvent, User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.models import Absence, Worker


def test_a_worker_enters_their_own_absence(team: list[Worker], host: User) -> None:
    Worker.objects.filter(pk=team[2].pk).update(user=host)
    response = verified_client(host).post(
        "/planning/mine/absences/",
        {"reason": "illness", "first_day": "2026-12-07", "last_day": "2026-12-09"},
    )
    assert response.status_code == 302
    absence = Absence.objects.get()
    assert (absence.worker_id, absence.reason, absence.entered_by) == (team[2].pk, "illness", host)
    assert (absence.first_day, absence.last_day) == (date(2026, 12, 7), date(2026, 12, 9))
    assert AuditEvent.objects.filter(object_type="planning.absence", action="create").count() == 1


def test_a_coordinator_enters_it_for_a_worker_of_their_site(
    team: list[Worker], coordinator: User
) -> None:
    actions.record_absence(
        team[3],
        reason="training",
        first_day=date(2026, 12, 1),
        last_day=date(2026, 12, 1),
        by=principal_for_user(coordinator),
    )
    assert Absence.objects.filter(worker=team[3], entered_by=coordinator).count() == 1


def test_nobody_else_may(team: list[Worker], host: User, other_site_worker: User) -> None:
    for user in (host, other_site_worker):
        with pytest.raises(PermissionDenied):
            actions.record_absence(
                team[3],
                reason="leave",
                first_day=date(2026, 12, 1),
                last_day=date(2026, 12, 1),
                by=principal_for_user(user),
            )


def test_the_last_day_comes_after_the_first(team: list[Worker], coordinator: User) -> None:
    with pytest.raises(ValidationError) as raised:
        actions.record_absence(
            team[3],
            reason="leave",
            first_day=date(2026, 12, 9),
            last_day=date(2026, 12, 1),
            by=principal_for_user(coordinator),
        )
    assert raised.value.message_dict == {
        "last_day": ["The last day cannot be before the first day."]
    }


def test_the_coordinator_enters_it_on_the_worker_page(
    team: list[Worker], coordinator: User
) -> None:
    url = f"/planning/setup/workers/{team[3].pk}/absences/"
    data = {"reason": "training", "first_day": "2026-12-14", "last_day": "2026-12-15"}
    page = verified_client(coordinator).post(url, data, follow=True).content.decode()
    assert "The absence is recorded." in page
    assert "Training · 14 December 2026–15 December 2026" in page
    absence = Absence.objects.get()
    assert (absence.worker, absence.entered_by) == (team[3], coordinator)


def test_a_refused_absence_on_the_worker_page_names_the_field(
    team: list[Worker], coordinator: User
) -> None:
    url = f"/planning/setup/workers/{team[3].pk}/absences/"
    data = {"reason": "training", "first_day": "2026-12-15", "last_day": "2026-12-14"}
    page = verified_client(coordinator).post(url, data, follow=True).content.decode()
    assert "Last day: The last day cannot be before the first day." in page
    assert not Absence.objects.exists()
