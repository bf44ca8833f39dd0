"""The daily jobs: run each, log a failure and go on, come back tomorrow, never twice queued."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from coordo import schedule
from coordo.access import audit
from coordo.access.models import AuditAction

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def waiting_runs() -> list[datetime]:
    rows = DBTaskResult.objects.filter(task_path="coordo.schedule.run_daily_jobs", status="READY")
    return [row.run_after.astimezone(BRUSSELS) for row in rows]


def boom() -> None:
    raise RuntimeError("this job fails")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (
            datetime(2026, 11, 23, 2, 59, tzinfo=BRUSSELS),
            datetime(2026, 11, 23, 3, 0, tzinfo=BRUSSELS),
        ),
        (
            datetime(2026, 11, 23, 3, 0, tzinfo=BRUSSELS),
            datetime(2026, 11, 24, 3, 0, tzinfo=BRUSSELS),
        ),
        # Summer time ends on 25 October 2026: 03:00 the next day is still 03:00 on the clock.
        (
            datetime(2026, 10, 24, 22, 0, tzinfo=BRUSSELS),
            datetime(2026, 10, 25, 3, 0, tzinfo=BRUSSELS),
        ),
    ],
)
def test_the_next_run_is_the_next_three_in_the_morning(now, expected):
    assert schedule.next_run(now) == expected
    assert schedule.next_run(now).utcoffset() == expected.utcoffset()


def test_scheduling_twice_queues_one_run():
    assert schedule.ensure_scheduled() is True
    assert schedule.ensure_scheduled() is False
    assert len(waiting_runs()) == 1


def test_the_run_logs_each_chain_head_survives_a_failing_job_and_comes_back_tomorrow(
    organisation, monkeypatch, caplog
):
    row = audit.record(AuditAction.LIST, organisation_id=organisation.pk)
    monkeypatch.setattr(schedule, "DAILY_JOBS", ("tests.test_schedule.boom", *schedule.DAILY_JOBS))
    caplog.set_level(logging.INFO)
    with time_machine.travel(datetime(2026, 11, 23, 3, 0, 5, tzinfo=BRUSSELS), tick=False):
        failed = schedule.run_daily_jobs.call()
    assert failed == ["tests.test_schedule.boom"]
    assert "daily job tests.test_schedule.boom failed" in caplog.text
    assert f"audit chain head: organisation=maison-test row={row.pk} hash={row.row_hash}" in (
        caplog.text
    )
    assert waiting_runs() == [datetime(2026, 11, 24, 3, 0, tzinfo=BRUSSELS)]


class FinishedProcess:
    """Stands in for the demo's server and worker: each has already stopped."""

    started: list[dict[str, object]] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.started.append({"argv": args[0], **kwargs})

    def poll(self) -> int:
        return 0

    def wait(self, timeout: float | None = None) -> int:
        return 0


def test_the_demo_schedules_the_daily_jobs_once_however_often_it_starts(monkeypatch):
    monkeypatch.setattr("subprocess.Popen", FinishedProcess)
    call_command("rundemo")
    call_command("rundemo")
    call_command("schedule_daily")  # what a production deployment runs beside its worker
    assert len(waiting_runs()) == 1


def test_the_demo_links_its_e_mails_to_its_own_address(monkeypatch):
    monkeypatch.delenv("COORDO_BASE_URL", raising=False)
    monkeypatch.setattr("subprocess.Popen", FinishedProcess)
    FinishedProcess.started.clear()
    call_command("rundemo", "127.0.0.1:8613")
    assert [child["env"]["COORDO_BASE_URL"] for child in FinishedProcess.started] == [
        "http://127.0.0.1:8613",
        "http://127.0.0.1:8613",
    ]
    # A deployment's own address wins.
    monkeypatch.setenv("COORDO_BASE_URL", "https://coordo.example.org")
    FinishedProcess.started.clear()
    call_command("rundemo", "127.0.0.1:8613")
    assert {child["env"]["COORDO_BASE_URL"] for child in FinishedProcess.started} == {
        "https://coordo.example.org"
    }
