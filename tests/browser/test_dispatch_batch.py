"""The daily dispatch as a dispatcher clicks it: run, watch, override one proposal, accept the rest."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import PASSWORD, make_site, make_user
from coordo.access.roles import Role, SiteKind
from coordo.dispatch.models import Arrival, Decision
from coordo.dispatch.tests.factories import make_arrival, make_centre, make_family, make_unit
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_run_a_batch_override_one_proposal_and_accept_the_rest(page, organisation):
    arrival_site = make_site(organisation, "Centre d'arrivée Test", SiteKind.ARRIVAL_CENTRE)
    dispatcher = make_user(arrival_site, Role.DISPATCHER)
    brussels = make_centre(organisation, "BXL", region="brussels", language="fr")
    make_unit(brussels, "BXL-F1", beds=4)
    make_unit(brussels, "BXL-S1", kind="shared", beds=6, free=2, women_only=True)
    ghent = make_centre(organisation, "GNT", region="flanders", language="nl")
    make_unit(ghent, "GNT-F1", beds=5)
    make_unit(ghent, "GNT-S1", kind="shared", beds=6, free=3)
    make_arrival(make_family(arrival_site, "Camara", 2016), by=dispatcher, school_language="fr")
    make_arrival(
        make_family(arrival_site, "Bah"), by=dispatcher, flags=["violence"], women_only=True
    )
    make_arrival(make_family(arrival_site, "Diallo", head_sex="M"), by=dispatcher)

    log_in(page, dispatcher.email, PASSWORD)
    page.get_by_role("link", name="Dispatch", exact=True).click()
    page.get_by_role("button", name="Run today's batch").click()
    page.wait_for_url("**/dispatch/batches/*/")
    expect(page.get_by_test_id("batch-status")).to_have_text("Queued")
    # The database worker picks the task up; the page polls and shows the proposals.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.1")
    expect(page.get_by_role("table")).to_contain_text("Camara family", timeout=15_000)
    expect(page.get_by_test_id("batch-status")).to_have_text("Ready for review")
    camara = page.get_by_test_id("proposal-camara-family")
    expect(camara).to_contain_text("BXL-F1")

    camara.get_by_role("link", name="Override").click()
    units = page.get_by_label("Unit instead")
    # Each unit says its free beds and whether it suits the household of two.
    shared = units.locator("option", has_text="GNT-S1 ·").text_content() or ""
    assert shared.endswith("does not suit: a shared room, for one person only")
    units.select_option(label=shared)
    page.get_by_label("Reason").select_option(label="Family reunification")
    page.get_by_role("button", name="Record the override").click()
    expect(page.locator(".errorlist")).to_contain_text("GNT-S1 does not suit this household")
    page.get_by_label("Unit instead").select_option(
        label="GNT-F1 · Centre GNT — 5 of 5 beds free — suits this household"
    )
    page.get_by_label("Comment").fill("Her brother lives in Ghent")
    page.get_by_role("button", name="Record the override").click()
    expect(camara).to_contain_text("Overridden: Family reunification → GNT-F1")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Accept all the other proposals").click()
    expect(page.get_by_text("2 proposals accepted.")).to_be_visible()
    expect(page.get_by_test_id("batch-status")).to_have_text("Decided")
    assert sorted(Decision.objects.values_list("outcome", flat=True)) == [
        "accepted",
        "accepted",
        "overridden",
    ]
    assert set(Arrival.objects.values_list("status", flat=True)) == {"placed"}
