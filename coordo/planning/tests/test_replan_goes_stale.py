"""Absences recorded while a re-plan is open: it is solved again, and no page claims coverage
that the current absences break (issue 11, point 2)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import override_settings

from conftest import verified_client
from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.models import (
    Absence,
    Assignment,
    Planning,
    PlanningStatus,
    RunStatus,
    Worker,
)
from coordo.planning.tests.conftest import IMMEDIATE
from coordo.planning.tests.factories import publish_with, running_run

MONDAY = date(2026, 12, 7)
LATER_MONDAY = date(2026, 12, 14)


def _absent(worker: Worker, day: date, coordinator: User) -> actions.RecordedAbsence:
    return actions.record_absence(
        worker,
        reason="illness",
        first_day=day,
        last_day=day,
        by=principal_for_user(coordinator),
    )


@pytest.fixture
def published(draft: Planning, coordinator: User, django_capture_on_commit_callbacks) -> Planning:
    """The month solved by the real solver (36 of 36 places) and published as version 1."""
    principal = principal_for_user(coordinator)
    with override_settings(TASKS=IMMEDIATE), django_capture_on_commit_callbacks(execute=True):
        actions.start_run(draft, time_limit=5, by=principal)
    return actions.publish_planning(draft, by=principal)


def _on(planning: Planning, workers: list[Worker], day: date) -> int:
    return Assignment.objects.filter(
        planning=planning, worker__in=workers, shift__start__date=day
    ).count()


def _held_by_absent(planning: Planning) -> int:
    """Places of `planning` whose person has an absence recorded on the shift's day."""
    return sum(
        _on(planning, [absence.worker], absence.first_day) for absence in Absence.objects.all()
    )


@override_settings(TASKS=IMMEDIATE)
def test_absences_recorded_while_a_re_plan_is_open_solve_it_again(
    published: Planning,
    team: list[Worker],
    coordinator: User,
    site: Site,
    other_site: Site,
    django_capture_on_commit_callbacks,
) -> None:
    # Yara also works next door: the solver's explanation then names the sites.
    team[0].sites.add(other_site)
    speakers = team[:2]
    on_later_monday = Assignment.objects.filter(
        planning=published, shift__start__date=LATER_MONDAY
    ).first()
    assert on_later_monday is not None
    with django_capture_on_commit_callbacks(execute=True):
        _absent(on_later_monday.worker, LATER_MONDAY, coordinator)
    replan = Planning.objects.get(status=PlanningStatus.DRAFT)
    assert replan.runs.get().status == RunStatus.DONE
    held = _on(published, speakers, MONDAY)
    assert held >= 1  # the morning shift needs one of the two Arabic speakers
    # Both Arabic speakers fall ill on the same Monday: the open re-plan is solved again.
    with django_capture_on_commit_callbacks(execute=True):
        first = _absent(speakers[0], MONDAY, coordinator)
    assert first.replans == [replan]
    with django_capture_on_commit_callbacks(execute=True):
        second = _absent(speakers[1], MONDAY, coordinator)
    assert second.replans == [replan]
    assert Planning.objects.filter(status=PlanningStatus.DRAFT).count() == 1
    statuses = list(replan.runs.order_by("pk").values_list("status", flat=True))
    assert statuses == [RunStatus.DONE, RunStatus.DONE, RunStatus.INFEASIBLE]
    client = verified_client(coordinator)
    # The published version still names them: its coverage counts them as missing.
    page = client.get(f"/planning/{published.pk}/").content.decode()
    away = _held_by_absent(published)
    assert away == held + 1  # with the later Monday's
    assert f"{36 - away} of 36 places filled · {away} missing" in page
    assert 'data-testid="stale"' in page
    assert f'<a href="/planning/{replan.pk}/">See the proposed re-plan</a>' in page
    # The re-plan has nobody for that morning; the solver says where, by the site's name.
    page = client.get(f"/planning/{replan.pk}/").content.decode()
    still = _held_by_absent(replan)
    assert still == _on(replan, speakers, MONDAY) >= 1  # the infeasible solve saved nothing
    assert f"{36 - still} of 36 places filled · {still} missing" in page
    assert 'data-testid="stale"' in page
    assert (
        "Monday 7 December 09:00–12:00 at Refuge Test needs an Arabic or Tigrinya speaker; "
        "nobody available speaks either."
    ) in page
    assert "site" + str(site.pk) not in page


def test_a_solve_still_working_is_cancelled_and_a_fresh_one_queued(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    shift = publish_with(draft, team[:2], coordinator)
    replan = actions.create_draft(
        site=draft.site,
        month=draft.month,
        by=principal_for_user(coordinator),
    )
    working = running_run(replan, coordinator)
    recorded = _absent(team[0], shift.start.date(), coordinator)
    assert recorded.replans == [replan]
    working.refresh_from_db()
    assert working.cancel_requested is True
    fresh = replan.runs.exclude(pk=working.pk).get()
    assert (fresh.status, fresh.cancel_requested) == (RunStatus.QUEUED, False)


def test_an_absence_on_no_shift_ahead_proposes_nothing(
    published: Planning, team: list[Worker], coordinator: User
) -> None:
    # 1 December 2026 is a Tuesday: the drop-in has no shift that day.
    recorded = _absent(team[0], date(2026, 12, 1), coordinator)
    assert recorded.replans == []
    assert not Planning.objects.filter(status=PlanningStatus.DRAFT).exists()
    assert Absence.objects.count() == 1


def test_the_message_links_the_proposed_re_plan(
    published: Planning, team: list[Worker], coordinator: User
) -> None:
    worker = published.assignments.filter(shift__start__date=MONDAY)[0].worker
    url = f"/planning/setup/workers/{worker.pk}/absences/"
    data = {"reason": "illness", "first_day": "2026-12-07", "last_day": "2026-12-07"}
    page = verified_client(coordinator).post(url, data, follow=True).content.decode()
    replan = Planning.objects.get(status=PlanningStatus.DRAFT)
    assert (
        f'The absence is recorded. A re-plan is proposed: <a href="/planning/{replan.pk}/">'
        "Refuge Test · December 2026</a>."
    ) in page


def test_a_host_is_told_without_a_link_they_could_not_open(
    published: Planning, team: list[Worker], host: User
) -> None:
    worker = published.assignments.filter(shift__start__date=MONDAY)[0].worker
    Worker.objects.filter(pk=worker.pk).update(user=host)
    data = {"reason": "illness", "first_day": "2026-12-07", "last_day": "2026-12-07"}
    page = verified_client(host).post("/planning/mine/absences/", data, follow=True)
    text = page.content.decode()
    assert (
        '<p class="message message-success">Your absence is recorded; the coordination sees it.</p>'
        in text
    )
    assert Planning.objects.filter(status=PlanningStatus.DRAFT).count() == 1
