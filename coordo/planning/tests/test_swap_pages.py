"""A swap as people click it: asked on "my shifts", taken by a colleague, decided by the coordination."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import verified_client
from coordo.access.models import Site, User
from coordo.planning.models import (
    Assignment,
    Planning,
    PlanningStatus,
    SwapRequest,
    SwapStatus,
    Worker,
)
from coordo.planning.tests.swap_factories import shift_at


def test_asked_taken_in_exchange_and_approved(
    site: Site, coordinator: User, planning: Planning, team: list[Worker]
) -> None:
    anna, dirk = team[2], team[5]
    assert anna.user is not None
    assert dirk.user is not None
    asking = verified_client(anna.user)
    mine = planning.assignments.get(worker=anna)
    assert (
        asking.post(f"/planning/mine/shifts/{mine.pk}/swap/", {"colleague": dirk.pk}).status_code
        == 302
    )
    swap = SwapRequest.objects.get()
    assert "Swap asked" in asking.get("/planning/mine/").content.decode()

    taking = verified_client(dirk.user)
    page = taking.get("/planning/mine/").content.decode()
    assert "Anna Test offers Wednesday 2 December, 09:00–12:00" in page
    counter = shift_at(site, 7, 12)
    taking.post(f"/planning/swaps/{swap.pk}/accept/", {"counter_shift": counter.pk})
    swap.refresh_from_db()
    assert (swap.status, swap.counter_shift) == (SwapStatus.ACCEPTED, counter)

    deciding = verified_client(coordinator)
    assert "1 swap request waits for your decision" in deciding.get("/").content.decode()
    listing = deciding.get("/planning/swaps/").content.decode()
    assert "Anna Test" in listing
    assert "Dirk Test" in listing
    deciding.post(f"/planning/swaps/{swap.pk}/approve/")
    swap.refresh_from_db()
    assert swap.status == SwapStatus.APPROVED
    in_force = Planning.objects.get(status=PlanningStatus.PUBLISHED)
    assert in_force.version == 2
    assert in_force.assignments.filter(shift=counter, worker=anna).exists()


def test_a_refused_approval_says_why(
    site: Site, coordinator: User, planning: Planning, team: list[Worker]
) -> None:
    yara, chloe = team[0], team[4]
    assert yara.user is not None
    assert chloe.user is not None
    mine = planning.assignments.get(worker=yara)
    verified_client(yara.user).post(f"/planning/mine/shifts/{mine.pk}/swap/", {"colleague": ""})
    swap = SwapRequest.objects.get()
    verified_client(chloe.user).post(f"/planning/swaps/{swap.pk}/accept/", {"counter_shift": ""})
    response = verified_client(coordinator).post(f"/planning/swaps/{swap.pk}/approve/", follow=True)
    page = response.content.decode()
    assert "The swap is not approved:" in page
    assert "Nobody on this shift speaks ar / ti." in page
    swap.refresh_from_db()
    assert swap.status == SwapStatus.ACCEPTED


def test_the_requester_withdraws(site: Site, planning: Planning, team: list[Worker]) -> None:
    anna = team[2]
    assert anna.user is not None
    client = verified_client(anna.user)
    mine = planning.assignments.get(worker=anna)
    client.post(f"/planning/mine/shifts/{mine.pk}/swap/", {"colleague": ""})
    swap = SwapRequest.objects.get()
    client.post(f"/planning/swaps/{swap.pk}/cancel/")
    swap.refresh_from_db()
    assert swap.status == SwapStatus.CANCELLED


def test_an_open_offer_shows_to_colleagues_not_on_that_shift(
    site: Site, planning: Planning, team: list[Worker]
) -> None:
    yara, anna, bram = team[0], team[2], team[3]
    assert anna.user is not None
    assert yara.user is not None
    assert bram.user is not None
    mine = planning.assignments.get(worker=anna)
    verified_client(anna.user).post(f"/planning/mine/shifts/{mine.pk}/swap/", {"colleague": ""})
    offer = "Anna Test offers Wednesday 2 December"
    assert offer in verified_client(bram.user).get("/planning/mine/").content.decode()
    assert offer not in verified_client(yara.user).get("/planning/mine/").content.decode()


def test_my_shifts_asks_the_team_once_however_many_shifts(
    site: Site, planning: Planning, team: list[Worker]
) -> None:
    anna = team[2]
    assert anna.user is not None
    client = verified_client(anna.user)

    def worker_queries() -> int:
        with CaptureQueriesContext(connection) as page:
            client.get("/planning/mine/")
        return sum('FROM "planning_worker"' in q["sql"] for q in page.captured_queries)

    one = worker_queries()
    for day in (9, 14, 16):
        Assignment.objects.create(
            organisation_id=planning.organisation_id,
            planning=planning,
            shift=shift_at(site, day, 9),
            worker=anna,
        )
    assert worker_queries() == one
