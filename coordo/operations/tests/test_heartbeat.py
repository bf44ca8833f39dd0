"""The worker's heartbeat: a real worker runs it, it queues the next, `coordo check` reads it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coordo.operations.heartbeat import beat, ensure_beating, last_beat, worker_alive
from coordo.operations.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db(transaction=True)


def beats(status: str) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=beat.module_path, status=status))


def run_worker() -> None:
    """django-tasks-db's own worker, in this process: everything ready, then it exits."""
    call_command(
        "db_worker", batch=True, reload=False, startup_delay=False, worker_id="w-1", verbosity=0
    )


@override_settings(COORDO_WORKER_HEARTBEAT_SECONDS=60)
def test_a_worker_runs_the_beat_records_it_and_queues_the_next_a_minute_later():
    assert ensure_beating() is True
    assert ensure_beating() is False  # one waits already: a second worker adds none
    before = timezone.now()
    run_worker()
    beat_row = WorkerHeartbeat.objects.get()
    assert beat_row.worker_id == "w-1"
    assert before <= beat_row.beat_at <= timezone.now()
    assert len(beats(TaskResultStatus.SUCCESSFUL)) == 1
    (waiting,) = beats(TaskResultStatus.READY)
    assert timedelta(seconds=59) < waiting.run_after - beat_row.beat_at <= timedelta(seconds=61)


def test_old_finished_beats_are_pruned_the_recent_kept():
    ensure_beating()
    run_worker()
    DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).update(
        finished_at=timezone.now() - timedelta(hours=2)
    )
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    run_worker()
    (kept,) = beats(TaskResultStatus.SUCCESSFUL)
    assert kept.finished_at > timezone.now() - timedelta(minutes=1)
    assert last_beat() == WorkerHeartbeat.objects.get().beat_at


def test_coordo_check_names_a_worker_never_seen_then_passes_once_it_beat():
    (error,) = worker_alive(databases=["default"])
    assert (error.id, error.msg) == ("coordo.E009", "The task worker is not running (never seen).")
    assert "coordo manage schedule_daily" in error.hint
    ensure_beating()
    run_worker()
    assert worker_alive(databases=["default"]) == []


@override_settings(COORDO_WORKER_STALE_AFTER_SECONDS=300)
def test_coordo_check_names_when_a_stale_worker_was_last_seen():
    WorkerHeartbeat.objects.create(pk=1, beat_at=timezone.now() - timedelta(minutes=6))
    (error,) = worker_alive(databases=["default"])
    assert error.msg.startswith("The task worker is not running (last seen 20")


def test_schedule_daily_starts_the_heartbeat(capsys):
    call_command("schedule_daily")
    assert "The worker's heartbeat is started." in capsys.readouterr().out
    assert len(beats(TaskResultStatus.READY)) == 1
