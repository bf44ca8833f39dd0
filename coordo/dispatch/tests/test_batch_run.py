"""The batch runs as a `django.tasks` task: immediately in tests, and through the db worker."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from coordo.dispatch.actions import batches
from coordo.dispatch.models import Batch, BatchStatus, Proposal, WaitingEntry
from coordo.dispatch.optimiser import parse_instance
from coordo.dispatch.tasks import run_batch, solve_with_progress
from coordo.dispatch.tests.conftest import principal
from coordo.dispatch.tests.factories import make_arrival, make_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(arrival_site, dispatcher, network):
    """Three households: a family, a single woman, and a family of seven no unit can hold."""
    family = make_arrival(
        make_family(arrival_site, "Camara", 2016), by=dispatcher, school_language="fr"
    )
    woman = make_arrival(
        make_family(arrival_site, "Bah"), by=dispatcher, flags=["violence"], women_only=True
    )
    big = make_arrival(make_family(arrival_site, "Sow", *range(2010, 2016)), by=dispatcher)
    return {"family": family, "woman": woman, "big": big}


def test_batch_runs_on_commit_and_saves_proposals(
    immediate_tasks, arrival_site, dispatcher, day, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.create_batch(arrival_site, by=principal(dispatcher))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE
    assert batch.result["status"] == "optimal"
    assert batch.result["score"] == {"V": 1, "P": 3, "W": 9, "Q": 0}
    assert (batch.progress["stage"], batch.progress["score"]) == ("Q", batch.result["score"])
    proposals = {p.arrival_id: p for p in Proposal.objects.select_related("unit")}
    # The French-speaking centre (school language): its two private units both fit.
    assert proposals[day["family"].pk].unit.code in {"BXL-F1", "BXL-M1"}
    assert proposals[day["woman"].pk].unit.code in {"BXL-S1", "BXL-M1"}
    assert proposals[day["big"].pk].unplaced_reason == "no_eligible_unit"
    assert proposals[day["family"].pk].explanation["kind"] == "placed"
    assert proposals[day["big"].pk].explanation["closest"] == [["D2"], ["D3"]]
    assert list(WaitingEntry.objects.values_list("arrival_id", "reason")) == [
        (day["big"].pk, "no_eligible_unit")
    ]
    assert batch.snapshot["households"][0]["id"] == day["family"].key


def test_a_cancelled_batch_keeps_no_waiting_list(immediate_tasks, arrival_site, dispatcher, day):
    batch = batches.create_batch(arrival_site, by=principal(dispatcher))
    batches.request_cancel(batch, by=principal(dispatcher))
    run_batch.call(batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.CANCELLED
    assert batch.result["cancelled"] is True
    assert WaitingEntry.objects.count() == 0


def test_one_open_batch_per_site(immediate_tasks, arrival_site, dispatcher, day):
    batches.create_batch(arrival_site, by=principal(dispatcher))
    with pytest.raises(Exception, match="Finish the open batch"):
        batches.create_batch(arrival_site, by=principal(dispatcher))


# The worker closes a connection left inside a transaction: this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_batch(arrival_site, dispatcher, day):
    batch = batches.create_batch(arrival_site, by=principal(dispatcher))
    assert DBTaskResult.objects.get().status == "READY"  # enqueued on commit

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.1")

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Batch.objects.get().status == BatchStatus.DONE
    assert Proposal.objects.filter(batch=batch).count() == 3


def test_progress_is_written_and_the_cancel_flag_read_while_solving(arrival_site, dispatcher):
    """A surge-sized network: the task's thread writes progress, and stops on the flag."""
    from benchmarks.dispatch.generate import generate

    snapshot = generate("surge")
    instance = parse_instance(snapshot)
    batch = Batch.objects.create(
        organisation=arrival_site.organisation,
        site=arrival_site,
        date=date(2026, 11, 23),
        snapshot=snapshot,
        time_limit=3,
        created_by=dispatcher,
    )
    solve_with_progress(batch, instance)
    batch.refresh_from_db()
    assert set(batch.progress) == {"stage", "elapsed", "score"}
    assert batch.progress["score"]["P"] > 0

    Batch.objects.filter(pk=batch.pk).update(time_limit=60, cancel_requested=True)
    batch.refresh_from_db()
    solution, _progress = solve_with_progress(batch, instance)
    assert solution.cancelled is True
    assert solution.solve_seconds < 10
