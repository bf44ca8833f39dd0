"""Community flows in Chromium: a proposal accepted, counts on a phone, a decision that
replaces another, the public programme without logging in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_user
from coordo.access.roles import Role
from coordo.community.actions import meetings
from coordo.community.models import Activity, ActivityStatus, Attendance, Decision, MeetingKind
from coordo.community.tests.factories import make_public, principal, published
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _page(browser, live_server, **options):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", base_url=live_server.url, **options)
    context.set_default_timeout(10_000)
    return context.new_page()


def test_a_host_proposes_an_activity_and_the_coordinator_accepts_it(browser, live_server, site):
    host = make_user(site, Role.HOST)
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    page = _page(browser, live_server)
    log_in(page, host.email, PASSWORD)
    page.get_by_role("link", name="Community life", exact=True).click()
    page.get_by_role("link", name="Propose an activity").first.click()
    page.locator("#id_title").fill("Atelier tricot")
    page.get_by_label("A participant (first name or pseudonym)").check()
    page.locator("#id_proposer_name").fill("Leila")
    page.locator("#id_starts_on").fill("2027-01-05")
    page.locator("#id_start_time").fill("14:00")
    page.locator("#id_end_time").fill("16:00")
    page.locator("#id_recurrence").fill("FREQ=WEEKLY;BYDAY=TU")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The proposal is recorded.")).to_be_visible()
    expect(page.get_by_role("link", name="Atelier tricot")).to_be_visible()
    page.context.close()

    page = _page(browser, live_server)
    log_in(page, coordinator.email, PASSWORD, coordinator.totpdevice_set.get())
    page.goto("/community/")
    page.get_by_role("link", name="Atelier tricot").click()
    page.get_by_role("button", name="Accept into the programme").click()
    expect(page.get_by_text("The activity is accepted into the programme.")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The activity is published.")).to_be_visible()
    assert Activity.objects.get().status == ActivityStatus.PUBLISHED
    page.context.close()


def test_a_host_records_attendance_on_a_phone(browser, live_server, site):
    host = make_user(site, Role.HOST)
    coordinator = make_user(site, Role.COORDINATOR)
    today = timezone.localdate()
    activity = published(site, coordinator, starts_on=today, recurrence="", capacity=10)
    page = _page(browser, live_server, viewport=PHONE, is_mobile=True, has_touch=True)
    log_in(page, host.email, PASSWORD)
    page.goto(f"/community/activities/{activity.pk}/")
    page.get_by_role("link", name="Count", exact=True).first.click()
    page.locator("#id_total").fill("12")
    page.locator("#id_participants").fill("9")
    page.locator("#id_children").fill("3")
    page.get_by_role("button", name="Save").click()
    # Above the capacity: asked to confirm, what was typed kept.
    expect(
        page.get_by_text("12 is above the capacity of 10: tick the box to confirm.")
    ).to_be_visible()
    expect(page.locator("#id_total")).to_have_value("12")
    page.get_by_label("Yes, more people came than the capacity").check()
    expect(page.get_by_role("button", name="Save")).to_be_in_viewport()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The attendance is recorded.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    row = Attendance.objects.get()
    assert (row.total, row.participants, row.children) == (12, 9, 3)
    page.context.close()


def test_a_decision_replaces_an_earlier_one(browser, live_server, site):
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    by = principal(coordinator)
    june = meetings.create_meeting(site, kind=MeetingKind.ASSEMBLY, held_on=date(2026, 6, 4), by=by)
    earlier = meetings.record_decision(june, text="La maison ferme à 17 h en été.", by=by)
    september = meetings.create_meeting(
        site, kind=MeetingKind.ASSEMBLY, held_on=date(2026, 9, 3), by=by
    )
    page = _page(browser, live_server)
    log_in(page, coordinator.email, PASSWORD, coordinator.totpdevice_set.get())
    page.goto(f"/community/meetings/{september.pk}/")
    page.locator("#id_text").fill("La maison ferme à 18 h toute l'année.")
    page.locator("#id_replaces").select_option(label=str(earlier))
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("The decision is recorded.")).to_be_visible()
    page.goto("/community/decisions/")
    expect(page.get_by_role("link", name="La maison ferme à 18 h")).to_be_visible()  # replaced by
    earlier.refresh_from_db()
    assert earlier.replaced_by == Decision.objects.get(meeting=september)
    page.context.close()


def test_the_public_programme_opens_without_logging_in(page, site):
    coordinator = make_user(site, Role.COORDINATOR)
    make_public(site)
    published(site, coordinator, starts_on=timezone.localdate() + timedelta(days=1), recurrence="")
    page.goto(f"/programme/{site.pk}/?lang=nl")
    expect(page.get_by_role("heading", name=f"Programma van {site.name}")).to_be_visible()
    expect(page.get_by_role("link", name="Atelier couture")).to_be_visible()
    page.get_by_role("link", name="EN", exact=True).click()
    expect(page.get_by_role("heading", name=f"Programme of {site.name}")).to_be_visible()
    assert "/accounts/login/" not in page.url
