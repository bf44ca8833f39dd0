"""A shift swap in Chromium: a host asks a colleague, who gives a shift back; the coordinator approves."""

from __future__ import annotations

import pytest
import time_machine
from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from coordo.access.roles import Role
from coordo.planning.models import Planning, PlanningStatus, Worker
from coordo.planning.tests.factories import make_team, make_templates
from coordo.planning.tests.swap_factories import publish_december, shift_at
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page, user, mfa: bool = False) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    log_in(page, user.email, PASSWORD, user.totpdevice_set.get() if mfa else None)


def test_ask_take_in_exchange_and_approve(page, site):  # type: ignore[no-untyped-def]
    with time_machine.travel("2026-11-23 09:00 +01:00", tick=True):
        make_templates(site)
        team = make_team(site)
        coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
        publish_december(site, coordinator, team)
        anna, dirk = team[2], team[5]
        for worker in (anna, dirk):
            worker.user = make_user(site, Role.HOST)  # hosts log in without a second factor
            worker.save(update_fields=["user"])

        _as(page, anna.user)
        page.goto("/planning/mine/")
        page.get_by_text("Ask for a swap").click()
        page.get_by_label("Colleague").select_option(label="Dirk Test")
        page.get_by_role("button", name="Ask", exact=True).click()
        expect(page.get_by_text("Your request is sent.")).to_be_visible()
        expect(page.get_by_test_id("my-swaps")).to_contain_text("Waiting for a colleague")

        _as(page, dirk.user)
        page.goto("/planning/mine/")
        offers = page.get_by_test_id("swap-offers")
        expect(offers).to_contain_text("Anna Test offers Wednesday 2 December, 09:00–12:00")
        offers.get_by_label("My shift in exchange").select_option(
            label="Refuge Test 2026-12-07 12:00"
        )
        offers.get_by_role("button", name="I take it").click()
        expect(
            page.get_by_text("Thank you: the coordination will confirm the swap.")
        ).to_be_visible()

        _as(page, coordinator, mfa=True)
        page.get_by_role("link", name="1 swap request waits for your decision").click()
        expect(page.get_by_test_id("swap-requests")).to_contain_text("Dirk Test")
        page.get_by_role("button", name="Approve").click()
        expect(page.get_by_text("The swap is approved and published.")).to_be_visible()
        expect(page.get_by_text("No swap request is waiting.")).to_be_visible()

    in_force = Planning.objects.get(status=PlanningStatus.PUBLISHED)
    assert in_force.version == 2
    morning, afternoon = shift_at(site, 2, 9), shift_at(site, 7, 12)
    assert set(
        in_force.assignments.filter(shift=morning).values_list("worker__name", flat=True)
    ) == {
        "Yara Test",
        "Dirk Test",
    }
    assert (
        Worker.objects.filter(assignments__planning=in_force, assignments__shift=afternoon).count()
        == 2
    )
    assert in_force.assignments.filter(shift=afternoon, worker=anna).exists()
