"""`coordo manage worker` waits out a database that went away, then carries on.

The real outage, a PostgreSQL server stopped for 30 s under a running worker, is the fault
drill (benchmarks/load/fault.py); this checks the loop itself on the test database.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.management.commands.db_worker import Worker

from coordo.operations.management.commands import worker as command

pytestmark = pytest.mark.django_db


def test_the_worker_carries_on_after_the_database_comes_back(monkeypatch, caplog):
    outcomes = [OperationalError("connection refused"), None]
    runs: list[str] = []

    def run(self: Worker) -> None:
        runs.append(self.worker_id)
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    answers = iter([False, True])  # still away at the first look, back at the second
    monkeypatch.setattr(Worker, "run", run)
    monkeypatch.setattr(command, "database_answers", lambda: next(answers))
    monkeypatch.setattr(command, "FIRST_WAIT", 0.01)
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", worker_id="w-outage")

    assert runs == ["w-outage", "w-outage"]  # the same options, twice
    assert "database unavailable (connection refused): the worker waits for it" in caplog.text
    assert "the worker carries on" in caplog.text


def test_any_other_error_still_stops_it(monkeypatch):
    def run(self: Worker) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Worker, "run", run)
    with pytest.raises(RuntimeError):
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload")
