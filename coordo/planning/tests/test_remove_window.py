"""A weekly window removed: the solver no longer plans the worker then."""

from __future__ import annotations

from conftest import verified_client
from coordo.access.models import AuditAction, User
from coordo.planning.models import WeeklyWindow, Worker
from coordo.planning.tests.factories import audit_rows


def test_the_window_is_removed_and_audited(team: list[Worker], coordinator: User) -> None:
    worker = team[2]
    window = worker.windows.get(weekday=0)
    url = f"/planning/setup/workers/{worker.pk}/windows/{window.pk}/remove/"
    page = verified_client(coordinator).post(url, follow=True).content.decode()
    assert "The window is removed." in page
    assert sorted(worker.windows.values_list("weekday", flat=True)) == [1, 2, 3, 4, 5]
    assert not WeeklyWindow.objects.filter(pk=window.pk).exists()
    assert audit_rows(AuditAction.DELETE, "planning.weeklywindow", window.pk) == 1


def test_a_host_may_not(team: list[Worker], host: User) -> None:
    window = team[2].windows.get(weekday=0)
    url = f"/planning/setup/workers/{team[2].pk}/windows/{window.pk}/remove/"
    assert verified_client(host).post(url).status_code == 403
    assert WeeklyWindow.objects.filter(pk=window.pk).exists()
