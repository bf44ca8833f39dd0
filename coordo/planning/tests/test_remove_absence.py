"""The coordination removes an absence entered by mistake."""

from __future__ import annotations

from datetime import date

from conftest import verified_client
from coordo.access.models import AuditAction, User
from coordo.planning.models import Absence, Worker
from coordo.planning.tests.factories import audit_rows, make_absence


def test_the_absence_is_removed_and_audited(team: list[Worker], coordinator: User) -> None:
    absence = make_absence(team[2], coordinator, date(2026, 12, 7), date(2026, 12, 9))
    url = f"/planning/setup/workers/{team[2].pk}/absences/{absence.pk}/remove/"
    page = verified_client(coordinator).post(url, follow=True).content.decode()
    assert "The absence is removed." in page
    assert not Absence.objects.exists()
    assert audit_rows(AuditAction.DELETE, "planning.absence", absence.pk) == 1


def test_an_absence_of_another_worker_answers_404(team: list[Worker], coordinator: User) -> None:
    absence = make_absence(team[3], coordinator, date(2026, 12, 7), date(2026, 12, 9))
    url = f"/planning/setup/workers/{team[2].pk}/absences/{absence.pk}/remove/"
    assert verified_client(coordinator).post(url).status_code == 404
    assert Absence.objects.count() == 1
