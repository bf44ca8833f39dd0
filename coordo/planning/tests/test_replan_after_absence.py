"""After publishing, an illness: a new draft re-plans from the published version, or is discarded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from conftest import verified_client
from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.grid import build_grid, saved_plan
from coordo.planning.models import Planning, PlanningStatus, Worker
from coordo.planning.tests.conftest import IMMEDIATE
from coordo.planning.tests.factories import make_draft, publish_with

ILL = (date(2026, 12, 7), date(2026, 12, 9))  # Monday 7 and Wednesday 9


def _solve(planning: Planning, coordinator: User, capture: Callable[..., Any]) -> None:
    with capture(execute=True):
        actions.start_run(planning, time_limit=3, by=principal_for_user(coordinator))


@override_settings(TASKS=IMMEDIATE)
def test_an_absence_proposes_a_re_plan_that_shows_what_changed(
    draft: Planning,
    team: list[Worker],
    coordinator: User,
    django_capture_on_commit_callbacks,
) -> None:
    principal = principal_for_user(coordinator)
    _solve(draft, coordinator, django_capture_on_commit_callbacks)
    published = actions.publish_planning(draft, by=principal)
    ill = published.assignments.filter(shift__start__date__range=ILL).first()
    assert ill is not None
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_absence(
            ill.worker,
            reason="illness",
            first_day=ILL[0],
            last_day=ILL[1],
            by=principal,
        )
    # The absence proposes the re-plan by itself: a draft from version 1, already solved.
    replan = Planning.objects.get(status=PlanningStatus.DRAFT)
    assert replan.based_on == published
    assert replan.runs.get().status == "done"
    assert replan.assignments.filter(worker=ill.worker, shift__start__date__range=ILL).count() == 0
    grid = build_grid(replan, saved_plan(replan))
    affected = published.assignments.filter(worker=ill.worker, shift__start__date__range=ILL)
    assert grid.changes >= affected.count()
    page = verified_client(coordinator).get(f"/planning/{replan.pk}/").content.decode()
    changed = "shift changed" if grid.changes == 1 else "shifts changed"
    assert f"{grid.changes} {changed} since the published version" in page


def test_a_rejected_re_plan_leaves_the_published_version(
    draft: Planning, coordinator: User, site: Site
) -> None:
    principal = principal_for_user(coordinator)
    actions.publish_planning(draft, by=principal)
    replan = make_draft(site, coordinator)
    response = verified_client(coordinator).post(f"/planning/{replan.pk}/discard/")
    assert response.status_code == 302
    assert list(Planning.objects.values_list("status", "version")) == [
        (PlanningStatus.PUBLISHED, 1)
    ]
    with pytest.raises(ValidationError):
        actions.discard_draft(draft, by=principal)


def test_a_month_with_a_draft_already_gets_no_second_one(
    draft: Planning, team: list[Worker], coordinator: User, site: Site
) -> None:
    principal = principal_for_user(coordinator)
    day = publish_with(draft, team[:2], coordinator).start.date()
    make_draft(site, coordinator)
    actions.record_absence(
        team[0],
        reason="illness",
        first_day=day,
        last_day=day,
        by=principal,
    )
    assert Planning.objects.filter(status=PlanningStatus.DRAFT).count() == 1
