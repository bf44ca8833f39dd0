"""Watching a solver run: the page view is audited once, not each poll of its board."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from conftest import verified_client
from coordo.access.models import AuditAction, User
from coordo.planning.models import Planning, PlanningRun
from coordo.planning.tests.factories import audit_rows, running_run


def _views(planning: Planning) -> int:
    return audit_rows(AuditAction.VIEW, "planning.planning", planning.pk)


def test_polls_write_no_audit_row(draft: Planning, coordinator: User) -> None:
    run = running_run(
        draft,
        coordinator,
        progress={"elapsed": 1.5, "objective": 42, "bound": 30, "assignments": {}},
    )
    client = verified_client(coordinator)
    assert client.get(f"/planning/{draft.pk}/").status_code == 200
    for _ in range(3):
        poll = client.get(f"/planning/runs/{run.pk}/", headers={"HX-Request": "true"})
        assert poll.status_code == 200
    assert _views(draft) == 1


def test_the_board_opened_directly_is_audited(draft: Planning, coordinator: User) -> None:
    run = PlanningRun.objects.create(
        organisation_id=draft.organisation_id, planning=draft, created_by=coordinator, status="done"
    )
    assert verified_client(coordinator).get(f"/planning/runs/{run.pk}/").status_code == 200
    assert _views(draft) == 1


def test_a_poll_without_a_recent_view_is_audited(draft: Planning, coordinator: User) -> None:
    # The HX-Request header is the client's word: it does not spare the audit row.
    run = PlanningRun.objects.create(
        organisation_id=draft.organisation_id, planning=draft, created_by=coordinator, status="done"
    )
    with time_machine.travel("2026-12-01 09:00 +0000", tick=False) as traveller:
        client = verified_client(coordinator)
        client.get(f"/planning/runs/{run.pk}/", headers={"HX-Request": "true"})
        assert _views(draft) == 1
        traveller.shift(timedelta(minutes=6))
        client.get(f"/planning/runs/{run.pk}/", headers={"HX-Request": "true"})
    assert _views(draft) == 2
