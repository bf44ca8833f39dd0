"""The coordination enters a worker's weekly windows: available, preferred, undesired."""

from __future__ import annotations

from datetime import time

from conftest import verified_client
from coordo.access.models import AuditAction, User
from coordo.planning.fetch import build_instance, worker_id
from coordo.planning.models import Planning, WeeklyWindow, Worker
from coordo.planning.tests.factories import audit_rows


def _add(user: User, worker: Worker, **window: object):  # type: ignore[no-untyped-def]
    url = f"/planning/setup/workers/{worker.pk}/windows/"
    return verified_client(user).post(url, window, follow=True)


def test_a_preferred_window_reaches_the_solver(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    worker = team[2]
    response = _add(coordinator, worker, kind="preferred", weekday=2, start="12:00", end="15:00")
    assert "The window is added." in response.content.decode()
    window = WeeklyWindow.objects.get(worker=worker, kind="preferred")
    assert (window.weekday, window.start, window.end) == (2, time(12), time(15))
    person = next(p for p in build_instance(draft)["people"] if p["id"] == worker_id(worker.pk))
    assert person["preferred"] == [{"weekday": 2, "from": "12:00", "to": "15:00"}]
    assert audit_rows(AuditAction.CREATE, "planning.weeklywindow", window.pk) == 1


def test_an_undesired_window_may_run_to_midnight(team: list[Worker], coordinator: User) -> None:
    _add(coordinator, team[2], kind="undesired", weekday=4, start="18:00", end="")
    window = WeeklyWindow.objects.get(worker=team[2], kind="undesired")
    assert (window.start, window.end) == (time(18), None)


def test_a_window_ending_before_it_starts_is_refused(team: list[Worker], coordinator: User) -> None:
    response = _add(coordinator, team[2], kind="preferred", weekday=2, start="15:00", end="12:00")
    assert "The window must end after it starts." in response.content.decode()
    assert not WeeklyWindow.objects.filter(worker=team[2], kind="preferred").exists()


def test_an_overlapping_window_of_the_same_kind_is_refused(
    team: list[Worker], coordinator: User
) -> None:
    # The factory's team is available 08:00–20:00 from Monday to Saturday.
    response = _add(coordinator, team[2], kind="available", weekday=0, start="19:00", end="22:00")
    assert (
        "From: This window overlaps another window of the same kind that day."
        in response.content.decode()
    )
    assert WeeklyWindow.objects.filter(worker=team[2], kind="available", weekday=0).count() == 1
