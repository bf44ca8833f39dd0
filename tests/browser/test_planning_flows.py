"""Plan a month at a drop-in in Chromium: generate, edit a cell, see the broken rule, publish, ICS."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from coordo.access.roles import Role
from coordo.planning.models import Worker
from coordo.planning.tests.factories import make_team, make_templates
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_generate_edit_publish_and_export(page, site, settings):  # type: ignore[no-untyped-def]
    settings.TASKS = IMMEDIATE  # the solve runs within the request that starts it
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    make_templates(site)
    team = make_team(site)
    Worker.objects.filter(pk=team[0].pk).update(user=coordinator)
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, coordinator.email, PASSWORD, coordinator.totpdevice_set.get())

    page.goto("/planning/")
    page.get_by_label("Month").fill("2026-12")
    page.get_by_role("button", name="Start a draft for this month").click()
    page.get_by_label("Time limit (seconds)").fill("3")
    page.get_by_role("button", name="Generate a plan").click()
    expect(page.get_by_test_id("coverage")).to_have_text("36 of 36 places filled · 0 missing")

    # Wednesday 2 December, 09:00–12:00: only non-speakers of Arabic or Tigrinya.
    page.get_by_role("link", name="Edit the shift of 2 December").first.click()
    for box in page.get_by_role("checkbox").all():
        box.uncheck()
    page.get_by_label("Anna Test").check()
    page.get_by_label("Bram Test").check()
    problems = page.get_by_test_id("shift-problems")
    expect(problems).to_contain_text("Nobody on this shift speaks ar / ti.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Nobody on this shift speaks ar / ti.").first).to_be_visible()
    page.get_by_label("I know this breaks a rule: save anyway").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The shift is saved.")).to_be_visible()

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_test_id("planning-status")).to_have_text("Published · version 1")

    page.goto("/planning/mine/")
    address = page.get_by_test_id("calendar-url").input_value()
    feed = page.request.get(address)
    assert feed.status == 200
    body = feed.text()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    shifts = Worker.objects.get(pk=team[0].pk).assignments.count()
    assert shifts > 0
    assert body.count("BEGIN:VEVENT") == shifts


def test_manage_a_worker_from_the_team_page(page, site):  # type: ignore[no-untyped-def]
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    team = make_team(site)
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, coordinator.email, PASSWORD, coordinator.totpdevice_set.get())

    page.goto("/planning/setup/")
    page.get_by_role("link", name="Anna Test").click()
    page.get_by_label("Maximum shifts per month").fill("5")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("The worker is saved.")).to_be_visible()

    # The Monday window turns into a form in place (htmx), then saves.
    page.locator("li", has_text="Available · Monday").get_by_role("link", name="Edit").click()
    page.locator("#id_edit-start").fill("10:00")
    page.get_by_role("button", name="Save the window").click()
    expect(page.get_by_text("The window is saved.")).to_be_visible()
    expect(page.get_by_text("Available · Monday 10:00–20:00")).to_be_visible()

    page.get_by_text("Enter an absence").click()
    page.get_by_label("Reason").select_option("training")
    page.get_by_label("First day").fill("2026-12-14")
    page.get_by_label("Last day").fill("2026-12-15")
    page.get_by_role("button", name="Record the absence").click()
    expect(page.get_by_text("Training · 14 December 2026–15 December 2026")).to_be_visible()

    page.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("button", name="Reactivate")).to_be_visible()
    worker = Worker.objects.get(pk=team[2].pk)
    assert (worker.max_shifts_per_month, worker.is_active) == (5, False)
