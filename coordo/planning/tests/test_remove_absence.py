"""The coordination removes an absence entered by mistake."""

from __future__ import annotations

from datetime import date

from conftest import verified_client
from coordo.access.models import AuditAction, AuditEvent, User
from coordo.planning.models import Absence, Worker


def test_the_absence_is_removed_and_audited(team: list[Worker], coordinator: User) -> None:
    absence = Absence.objects.create(
        organisation_id=team[2].organisation_id,
        worker=team[2],
        reason="leave",
        first_day=date(2026, 12, 7),
        last_day=date(2026, 12, 9),
        entered_by=coordinator,
    )
    url = f"/planning/setup/workers/{team[2].pk}/absences/{absence.pk}/remove/"
    page = verified_client(coordinator).post(url, follow=True).content.decode()
    assert "The absence is removed." in page
    assert not Absence.objects.exists()
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.DELETE, object_type="planning.absence", object_id=str(absence.pk)
        ).count()
        == 1
    )


def test_an_absence_of_another_worker_answers_404(team: list[Worker], coordinator: User) -> None:
    absence = Absence.objects.create(
        organisation_id=team[3].organisation_id,
        worker=team[3],
        reason="leave",
        first_day=date(2026, 12, 7),
        last_day=date(2026, 12, 9),
        entered_by=coordinator,
    )
    url = f"/planning/setup/workers/{team[2].pk}/absences/{absence.pk}/remove/"
    assert verified_client(coordinator).post(url).status_code == 404
    assert Absence.objects.count() == 1
