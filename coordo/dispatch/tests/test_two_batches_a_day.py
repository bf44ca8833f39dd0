"""A second batch on the same day starts from what the decided batches already took."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_household, make_person, verified_client
from coordo.dispatch.actions import batches
from coordo.dispatch.models import Proposal, ReceptionUnit
from coordo.dispatch.tasks import run_batch
from coordo.dispatch.tests.conftest import principal
from coordo.dispatch.tests.factories import make_arrival, make_centre, make_family, make_medical
from coordo.dispatch.tests.factories import make_unit as unit

pytestmark = pytest.mark.django_db


def run(site, dispatcher):
    batch = batches.create_batch(site, by=principal(dispatcher))
    run_batch.call(batch.pk)
    batch.refresh_from_db()
    return batch


def minor(site, last, dispatcher):
    head = make_person(site, "Yonas", last, birth_year=2010, sex="M")
    return make_arrival(make_household(site, head), by=dispatcher, unaccompanied_minor=True)


def placements(batch):
    proposals = Proposal.objects.filter(batch=batch).select_related("unit", "arrival__household")
    return {
        p.arrival.household.name: p.unit.code if p.unit else p.unplaced_reason for p in proposals
    }


def test_the_second_batch_gets_the_intake_and_units_the_first_left(
    immediate_tasks, organisation, arrival_site, dispatcher, nurse
):
    centre = make_centre(organisation, "HET", daily_intake=8)
    unit(centre, "HET-M1", beds=4, medical=True)
    unit(centre, "HET-J1", kind="shared", beds=4, free=2, minors=True)
    unit(centre, "HET-S1", kind="shared", beds=6, free=1)
    unit(centre, "HET-F2", beds=3)
    # Morning: a family of four who needs the medical unit and two unaccompanied minors.
    sick = make_arrival(make_family(arrival_site, "Camara", 2014, 2016, 2019), by=dispatcher)
    make_medical(sick, by=nurse, details="Dialyse", needs_medical=True)
    minor(arrival_site, "Tesfay", dispatcher)
    minor(arrival_site, "Haile", dispatcher)
    morning = run(arrival_site, dispatcher)
    assert morning.snapshot["centres"][0]["daily_intake"] == 8
    assert placements(morning) == {
        "Camara family": "HET-M1",
        "Tesfay family": "HET-J1",
        "Haile family": "HET-J1",
    }
    assert batches.accept_all(morning, by=principal(dispatcher)) == 3

    # Afternoon: six of the eight persons of the day are placed, two remain.
    minor(arrival_site, "Kidane", dispatcher)
    make_arrival(make_family(arrival_site, "Bah", 2015, 2018), by=dispatcher)
    make_arrival(make_family(arrival_site, "Sow", head_sex="M"), by=dispatcher)
    make_arrival(make_family(arrival_site, "Diallo"), by=dispatcher)
    afternoon = run(arrival_site, dispatcher)
    placed = placements(afternoon)
    # The family of three fits HET-F2 but not in the intake left; the minors' room is full.
    assert (placed["Bah family"], placed["Kidane family"]) == ("capacity", "capacity")
    assert {placed["Sow family"], placed["Diallo family"]} == {"HET-F2", "HET-S1"}
    assert afternoon.result["score"]["P"] == 2
    [het] = afternoon.snapshot["centres"]
    assert (het["daily_intake"], het["placed_today"]) == (2, 6)
    assert {u["id"]: u["free"] for u in het["units"]} == {
        "HET-F2": 3,
        "HET-J1": 0,
        "HET-M1": 0,
        "HET-S1": 1,
    }
    page = verified_client(dispatcher).get(reverse("dispatch_network")).content.decode()
    assert "intake cap 8 a day (6 placed today, 2 left)" in page
    batches.accept_all(afternoon, by=principal(dispatcher))
    assert dict(ReceptionUnit.objects.values_list("code", "free")) == {
        "HET-F2": 0,
        "HET-J1": 0,
        "HET-M1": 0,
        "HET-S1": 0,
    }


def test_a_batch_of_another_day_takes_nothing_from_today(
    immediate_tasks, organisation, arrival_site, dispatcher
):
    centre = make_centre(organisation, "LIN", daily_intake=5)
    unit(centre, "LIN-F1", beds=4)
    unit(centre, "LIN-F2", beds=4)
    make_arrival(make_family(arrival_site, "Camara", 2014, 2016), by=dispatcher)
    yesterday = run(arrival_site, dispatcher)
    type(yesterday).objects.filter(pk=yesterday.pk).update(date="2026-11-22")
    batches.accept_all(yesterday, by=principal(dispatcher))
    make_arrival(make_family(arrival_site, "Bah", 2015, 2018), by=dispatcher)
    [lin] = run(arrival_site, dispatcher).snapshot["centres"]
    assert (lin["daily_intake"], lin["placed_today"]) == (5, 0)
