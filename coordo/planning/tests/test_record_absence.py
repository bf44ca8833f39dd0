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


def _record(worker: Worker, user: User, reason: str, first_day: date, last_day: date) -> object:
    return actions.record_absence(
        worker, reason=reason, first_day=first_day, last_day=last_day, by=principal_for_user(user)
    )


def _post_on_worker_page(worker: Worker, coordinator: User, first_day: str, last_day: str) -> str:
    url = f"/planning/setup/workers/{worker.pk}/absences/"
    data = {"reason": "training", "first_day": first_day, "last_day": last_day}
    return verified_client(coordinator).post(url, data, follow=True).content.decode()


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
    _record(team[3], coordinator, "training", date(2026, 12, 1), date(2026, 12, 1))
    assert Absence.objects.filter(worker=team[3], entered_by=coordinator).count() == 1


def test_nobody_else_may(team: list[Worker], host: User, other_site_worker: User) -> None:
    for user in (host, other_site_worker):
        with pytest.raises(PermissionDenied):
            _record(team[3], user, "leave", date(2026, 12, 1), date(2026, 12, 1))


def test_the_last_day_comes_after_the_first(team: list[Worker], coordinator: User) -> None:
    with pytest.raises(ValidationError) as raised:
        _record(team[3], coordinator, "leave", date(2026, 12, 9), date(2026, 12, 1))
    assert raised.value.message_dict == {
        "last_day": ["The last day cannot be before the first day."]
    }


def test_the_coordinator_enters_it_on_the_worker_page(
    team: list[Worker], coordinator: User
) -> None:
    page = _post_on_worker_page(team[3], coordinator, "2026-12-14", "2026-12-15")
    assert "The absence is recorded." in page
    assert "Training · 14 December 2026–15 December 2026" in page
    absence = Absence.objects.get()
    assert (absence.worker, absence.entered_by) == (team[3], coordinator)


def test_a_refused_absence_on_the_worker_page_names_the_field(
    team: list[Worker], coordinator: User
) -> None:
    page = _post_on_worker_page(team[3], coordinator, "2026-12-15", "2026-12-14")
    assert "Last day: The last day cannot be before the first day." in page
    assert not Absence.objects.exists()
