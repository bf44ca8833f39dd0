"""A batch through the one lifecycle: a crash fails it plainly, a dead worker goes stale.

Either way the site may run a new batch. The last tests run a real worker process,
cancel it, and SIGKILL it mid-run.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from benchmarks.dispatch.generate import generate
from conftest import verified_client
from coordo import background
from coordo.access.models import Site, User
from coordo.dispatch import tasks
from coordo.dispatch.actions import batches
from coordo.dispatch.models import Arrival, Batch, BatchStatus, Proposal, WaitingEntry
from coordo.dispatch.optimiser import Solution
from coordo.dispatch.tests.conftest import principal
from coordo.dispatch.tests.factories import make_arrival, make_family
from tests.worker import STARTUP_SECONDS, worker_database

pytestmark = pytest.mark.django_db
POLLING = 'hx-trigger="every 1s"'


@pytest.fixture(autouse=True)
def today() -> None:
    """The real clock, not the travelled one: a worker process writes heartbeats on it."""


@pytest.fixture
def waiting(arrival_site: Site, dispatcher: User, network) -> list[Arrival]:
    return [
        make_arrival(make_family(arrival_site, "Camara", 2016), by=dispatcher),
        make_arrival(make_family(arrival_site, "Sow", *range(2010, 2016)), by=dispatcher),
    ]


def _crash(*args: object, **kwargs: object) -> None:
    raise RuntimeError("optimiser exploded on A17")


def _save_then_crash(batch: Batch, solution: Solution) -> None:
    batches.save_solution(batch, solution)
    raise RuntimeError("disk full after the proposals were written")


def _page(user: User, batch: Batch, language: str = "en") -> str:
    url = reverse("dispatch_batch_detail", args=[batch.pk])
    return verified_client(user, language).get(url).content.decode()


@pytest.mark.parametrize(
    ("step", "crash"), [("optimise", _crash), ("save_solution", _save_then_crash)]
)
def test_a_crash_fails_the_batch_with_a_plain_message_and_a_new_one_may_run(
    step,
    crash,
    immediate_tasks,
    arrival_site,
    dispatcher,
    waiting,
    monkeypatch,
    caplog,
    django_capture_on_commit_callbacks,
) -> None:
    monkeypatch.setattr(tasks, step, crash)
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.create_batch(arrival_site, by=principal(dispatcher))
    batch.refresh_from_db()
    assert (batch.status, batch.error_message) == (BatchStatus.FAILED, background.UNEXPECTED_ERROR)
    assert batch.finished_at is not None
    # Nothing half-written: the proposals and waiting list of the crashed save are gone.
    assert Proposal.objects.count() == 0
    assert WaitingEntry.objects.count() == 0
    [logged] = [r for r in caplog.records if r.name == "coordo.background"]
    assert logged.exc_info is not None
    assert isinstance(logged.exc_info[1], RuntimeError)

    page = _page(dispatcher, batch)
    assert '<p data-testid="batch-status">Failed</p>' in page
    assert escape(gettext(background.UNEXPECTED_ERROR)) in page
    assert "exploded" not in page
    assert "disk full" not in page
    assert "RuntimeError" not in page
    assert reverse("dispatch_batch_create") in page  # run it again from here
    with translation.override("nl"):
        assert escape(gettext(background.UNEXPECTED_ERROR)) in _page(dispatcher, batch, "nl")

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        again = batches.create_batch(arrival_site, by=principal(dispatcher))
    again.refresh_from_db()
    assert again.status == BatchStatus.DONE
    assert Proposal.objects.filter(batch=again).count() == 2


def test_an_unreadable_snapshot_fails_plainly(immediate_tasks, arrival_site, dispatcher) -> None:
    batch = Batch.objects.create(
        organisation=arrival_site.organisation,
        site=arrival_site,
        date=timezone.localdate(),
        snapshot={"format": "nonsense"},
        created_by=dispatcher,
    )
    assert tasks.run_batch.call(batch.pk) == BatchStatus.FAILED
    batch.refresh_from_db()
    assert batch.error_message == tasks.UNREADABLE_SNAPSHOT
    assert escape(gettext(tasks.UNREADABLE_SNAPSHOT)) in _page(dispatcher, batch)


def _silent_batch(site: Site, by: User, seconds: int) -> Batch:
    last_heard = timezone.now() - timedelta(seconds=seconds)
    return Batch.objects.create(
        organisation=site.organisation,
        site=site,
        date=timezone.localdate(),
        snapshot={},
        status=BatchStatus.RUNNING,
        started_at=last_heard,
        heartbeat_at=last_heard,
        created_by=by,
    )


def test_a_batch_silent_for_too_long_shows_failed_and_a_new_one_may_run(
    immediate_tasks, arrival_site, dispatcher, waiting, settings
) -> None:
    settings.COORDO_RUN_STALE_AFTER_SECONDS = 30
    silent = _silent_batch(arrival_site, dispatcher, seconds=29)
    assert POLLING in _page(dispatcher, silent)
    with pytest.raises(ValidationError, match="Finish the open batch"):
        batches.create_batch(arrival_site, by=principal(dispatcher))

    Batch.objects.filter(pk=silent.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=31))
    page = _page(dispatcher, silent)
    assert '<p data-testid="batch-status">Failed</p>' in page
    assert POLLING not in page
    assert escape(gettext(background.WORKER_STOPPED)) in page
    api = verified_client(dispatcher).get(f"/api/dispatch/batches/{silent.pk}")
    assert api.json()["status"] == "failed"

    new = batches.create_batch(arrival_site, by=principal(dispatcher))
    silent.refresh_from_db()
    assert (silent.status, silent.error_message) == (BatchStatus.FAILED, background.WORKER_STOPPED)
    assert new.status == BatchStatus.QUEUED


def _surge(batch: Batch) -> Batch:
    """The batch's snapshot swapped for a surge-sized network: many seconds of search."""
    Batch.objects.filter(pk=batch.pk).update(snapshot=generate("surge"), time_limit=60)
    return batch


def _optimising(batch: Batch) -> bool:
    """Running, and beating since it started: the optimiser is at work on the snapshot."""
    batch.refresh_from_db()
    beating = batch.heartbeat_at and batch.started_at and batch.heartbeat_at > batch.started_at
    return batch.status == BatchStatus.RUNNING and bool(beating)


@pytest.mark.django_db(transaction=True)
def test_a_batch_cancelled_while_queued_ends_cancelled_in_a_real_worker(
    arrival_site, dispatcher, waiting, tmp_path
) -> None:
    """(Cancelling mid-search: `test_batch_run`'s progress test, and planning's real worker.)"""
    with worker_database(tmp_path) as database:
        batch = batches.create_batch(arrival_site, by=principal(dispatcher))
        batches.request_cancel(batch, by=principal(dispatcher))
        database.start_worker()
        database.wait_until(
            lambda: Batch.objects.get(pk=batch.pk).status == BatchStatus.CANCELLED,
            seconds=STARTUP_SECONDS,
        )
        batch.refresh_from_db()
        assert batch.result["cancelled"] is True
        assert Proposal.objects.filter(batch=batch).count() == 2
        assert WaitingEntry.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_a_stale_batch_and_a_new_one_may_run(
    arrival_site, dispatcher, waiting, tmp_path, settings
) -> None:
    with worker_database(tmp_path) as database:
        batch = batches.create_batch(arrival_site, by=principal(dispatcher))
        _surge(batch)
        worker = database.start_worker()
        database.wait_until(lambda: _optimising(batch), seconds=STARTUP_SECONDS)
        worker.kill()
        batch.refresh_from_db()
        assert batch.status == BatchStatus.RUNNING  # killed mid-run: nobody will finish it
        # Within the default 120 s the page cannot tell a dead worker from a busy one.
        assert POLLING in _page(dispatcher, batch)

        settings.COORDO_RUN_STALE_AFTER_SECONDS = 2
        database.wait_until(lambda: Batch.objects.get(pk=batch.pk).is_stale, seconds=10)
        page = _page(dispatcher, batch)
        assert '<p data-testid="batch-status">Failed</p>' in page
        assert POLLING not in page
        assert escape(gettext(background.WORKER_STOPPED)) in page

        again = batches.create_batch(arrival_site, by=principal(dispatcher))
        batch.refresh_from_db()
        assert (batch.status, batch.error_message) == (
            BatchStatus.FAILED,
            background.WORKER_STOPPED,
        )
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.1"
        )
        again.refresh_from_db()
        assert again.status == BatchStatus.DONE
        assert Proposal.objects.filter(batch=again).count() == 2
