"""A weekly window edited in place: the row becomes a form (htmx), then saves."""

from __future__ import annotations

from datetime import time

from conftest import verified_client
from coordo.access.models import AuditAction, User
from coordo.planning.models import Worker
from coordo.planning.tests.factories import audit_rows


def test_the_row_turns_into_a_form_and_saves(team: list[Worker], coordinator: User) -> None:
    worker = team[2]
    window = worker.windows.get(weekday=0)
    url = f"/planning/setup/workers/{worker.pk}/windows/{window.pk}/"
    client = verified_client(coordinator)
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.startswith(f'\n<li id="window-{window.pk}">')
    assert "<html" not in fragment
    assert 'value="08:00"' in fragment
    assert audit_rows(AuditAction.VIEW, "planning.weeklywindow", window.pk) == 1
    full = client.get(url).content.decode()
    assert "<html" in full
    assert f'action="{url}"' in full
    data = {"edit-kind": "available", "edit-weekday": 0, "edit-start": "10:00", "edit-end": "14:00"}
    assert "The window is saved." in client.post(url, data, follow=True).content.decode()
    window.refresh_from_db()
    assert (window.start, window.end) == (time(10), time(14))
    assert audit_rows(AuditAction.UPDATE, "planning.weeklywindow", window.pk) == 1


def test_a_refused_change_keeps_the_window(team: list[Worker], coordinator: User) -> None:
    worker = team[2]
    window = worker.windows.get(weekday=0)
    url = f"/planning/setup/workers/{worker.pk}/windows/{window.pk}/"
    data = {"edit-kind": "available", "edit-weekday": 9, "edit-start": "10:00", "edit-end": "14:00"}
    page = verified_client(coordinator).post(url, data, follow=True).content.decode()
    assert "Weekday: Select a valid choice. 9 is not one of the available choices." in page
    window.refresh_from_db()
    assert (window.weekday, window.start) == (0, time(8))


def test_a_window_of_another_worker_answers_404(team: list[Worker], coordinator: User) -> None:
    window = team[3].windows.get(weekday=0)
    url = f"/planning/setup/workers/{team[2].pk}/windows/{window.pk}/"
    assert verified_client(coordinator).get(url).status_code == 404
