"""Generate a draft: the solver runs as a task, stores progress, saves its plan."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from conftest import verified_client
from coordo.access.models import AuditEvent, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.models import Planning, PlanningRun, RunStatus, Shift, Worker
from coordo.planning.tasks import solve_planning
from coordo.planning.tests.conftest import IMMEDIATE
from coordo.planning.tests.factories import running_run


@override_settings(TASKS=IMMEDIATE)
def test_the_solver_fills_every_place(
    draft: Planning, coordinator: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.start_run(draft, time_limit=5, by=principal_for_user(coordinator))
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.result["status"] in ("optimal", "feasible")
    assert run.finished_at is not None
    # 18 shifts of two people each.
    assert draft.assignments.count() == 36
    assert (
        AuditEvent.objects.filter(object_type="planning.planningrun", action="create").count() == 1
    )
    page = verified_client(coordinator).get(f"/planning/{draft.pk}/").content.decode()
    assert "36 of 36 places filled · 0 missing" in page
    fairness = page[page.index('data-testid="fairness"') :]
    # Six people, each eligible for all 18 shifts (capped at 8): a fair share of 6.
    assert fairness.count("<td>6.0</td>") == 6


@override_settings(TASKS=IMMEDIATE)
def test_an_impossible_month_is_explained(
    draft: Planning, coordinator: User, django_capture_on_commit_callbacks
) -> None:
    # Morning shifts now need Tigrinya, which nobody speaks.
    Shift.objects.filter(pk__in=[s.pk for s in Shift.objects.all() if s.languages_any]).update(
        languages_any=["ti"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.start_run(draft, time_limit=5, by=principal_for_user(coordinator))
    run.refresh_from_db()
    assert run.status == RunStatus.INFEASIBLE
    assert run.result["conflicts"] != []
    assert draft.assignments.count() == 0


def test_a_cancelled_run_stops_at_once(draft: Planning, coordinator: User) -> None:
    run = PlanningRun.objects.create(
        organisation_id=draft.organisation_id, planning=draft, time_limit=60, created_by=coordinator
    )
    actions.cancel_run(run, by=principal_for_user(coordinator))
    assert solve_planning.call(run.pk) == RunStatus.DONE
    run.refresh_from_db()
    assert run.result["seconds"] < 30


def test_a_second_run_waits_for_the_first(draft: Planning, coordinator: User) -> None:
    PlanningRun.objects.create(
        organisation_id=draft.organisation_id, planning=draft, created_by=coordinator
    )
    with pytest.raises(ValidationError, match="already working"):
        actions.start_run(draft, time_limit=5, by=principal_for_user(coordinator))


def test_hosts_may_not_generate(draft: Planning, host: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.start_run(draft, time_limit=5, by=principal_for_user(host))


def test_the_page_polls_while_the_solver_works(
    draft: Planning, coordinator: User, site: Site, team: list[Worker]
) -> None:
    run = running_run(
        draft,
        coordinator,
        progress={"elapsed": 1.5, "objective": 42, "bound": 30, "assignments": {}},
    )
    client = verified_client(coordinator)
    page = client.get(f"/planning/{draft.pk}/").content.decode()
    assert f'hx-get="/planning/runs/{run.pk}/" hx-trigger="every 1s"' in page
    assert "best plan after 1.5 s" in page
    assert "penalty" not in page
    fragment = client.get(f"/planning/runs/{run.pk}/", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content
    assert b"every 1s" in fragment.content
