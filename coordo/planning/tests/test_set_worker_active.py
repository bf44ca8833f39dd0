"""A deactivated worker is left out of new drafts; their published shifts ahead stay, flagged."""

from __future__ import annotations

from conftest import verified_client
from coordo.access.models import AuditAction, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning.actions import team as team_actions
from coordo.planning.fetch import build_instance, worker_id
from coordo.planning.models import Planning, Worker
from coordo.planning.tests.factories import audit_rows, make_draft, publish_with


def test_deactivation_keeps_and_flags_the_published_shifts(
    draft: Planning, team: list[Worker], coordinator: User, site: Site
) -> None:
    worker = team[2]
    publish_with(draft, [worker, team[3]], coordinator, needs_language=False)
    client = verified_client(coordinator)
    response = client.post(
        f"/planning/setup/workers/{worker.pk}/active/", {"active": "0"}, follow=True
    )
    page = response.content.decode()
    assert "1 published shift ahead still names them; it is flagged" in page
    assert "This deactivated worker is still on 1 published shift ahead: re-plan it." in page
    worker.refresh_from_db()
    assert worker.is_active is False
    assert draft.assignments.filter(worker=worker).count() == 1
    grid = client.get(f"/planning/{draft.pk}/").content.decode()
    assert 'Anna Test <span class="badge badge-no">deactivated</span>' in grid
    assert audit_rows(AuditAction.UPDATE, "planning.worker", worker.pk) == 1


def test_a_new_draft_leaves_the_deactivated_worker_out(
    draft: Planning, team: list[Worker], coordinator: User, site: Site
) -> None:
    worker = team[2]
    publish_with(draft, [worker, team[3]], coordinator, needs_language=False)
    team_actions.set_worker_active(
        worker, site=site, active=False, by=principal_for_user(coordinator)
    )
    replan = make_draft(site, coordinator)
    assert not replan.assignments.filter(worker=worker).exists()
    assert replan.assignments.filter(worker=team[3]).count() == 1
    people = {p["id"] for p in build_instance(replan)["people"]}
    assert worker_id(worker.pk) not in people


def test_reactivation_brings_them_back(team: list[Worker], coordinator: User, site: Site) -> None:
    worker = team[2]
    principal = principal_for_user(coordinator)
    team_actions.set_worker_active(worker, site=site, active=False, by=principal)
    response = verified_client(coordinator).post(
        f"/planning/setup/workers/{worker.pk}/active/", {"active": "1"}, follow=True
    )
    assert "The worker is active again; new drafts include them." in response.content.decode()
    worker.refresh_from_db()
    assert worker.is_active is True
