"""The coordination edits a worker's details from the team page."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from conftest import verified_client
from coordo.access.models import AuditAction, AuditEvent, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import team as team_actions
from coordo.planning.models import Worker
from coordo.planning.tests.factories import make_worker

DETAILS = {
    "name": "Anna Peeters",
    "kind": "staff",
    "languages": ["nl", "fr"],
    "female": "on",
    "max_shifts_per_month": 12,
    "contract_hours": 19,
}


def test_the_details_are_saved_and_audited(team: list[Worker], coordinator: User) -> None:
    worker = team[2]
    client = verified_client(coordinator)
    page = client.get(f"/planning/setup/workers/{worker.pk}/").content.decode()
    assert 'value="Anna Test"' in page
    response = client.post(f"/planning/setup/workers/{worker.pk}/", DETAILS)
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.name, worker.kind, worker.languages) == ("Anna Peeters", "staff", ["nl", "fr"])
    assert (worker.female, worker.max_shifts_per_month, worker.contract_hours) == (True, 12, 19)
    updates = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="planning.worker")
    assert list(updates.values_list("object_id", flat=True)) == [str(worker.pk)]
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(worker.pk)).count() == 1


def test_a_refused_field_is_named_and_nothing_is_saved(
    team: list[Worker], coordinator: User
) -> None:
    worker = team[2]
    response = verified_client(coordinator).post(
        f"/planning/setup/workers/{worker.pk}/", {**DETAILS, "max_shifts_per_month": 99}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "max_shifts_per_month": ["Ensure this value is less than or equal to 62."]
    }
    worker.refresh_from_db()
    assert (worker.name, worker.max_shifts_per_month) == ("Anna Test", 8)
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_a_worker_of_another_site_answers_404(
    today: None, other_site: Site, coordinator: User
) -> None:
    stranger = make_worker(other_site, "Zoë Ailleurs")
    client = verified_client(coordinator)
    assert client.get(f"/planning/setup/workers/{stranger.pk}/").status_code == 404
    assert client.post(f"/planning/setup/workers/{stranger.pk}/", DETAILS).status_code == 404
    stranger.refresh_from_db()
    assert stranger.name == "Zoë Ailleurs"


def test_only_the_coordination_of_the_site_may(
    team: list[Worker], host: User, other_site: Site
) -> None:
    with pytest.raises(PermissionDenied):
        team_actions.update_worker(
            team[2],
            site=team[2].sites.get(),
            name="X",
            kind="staff",
            languages=[],
            female=False,
            max_shifts_per_month=1,
            contract_hours=None,
            email="",
            by=principal_for_user(host),
        )
