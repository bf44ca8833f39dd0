"""The foundation's main flows, clicked as a person would in Chromium."""

from __future__ import annotations

import base64

import pytest
from django.conf import settings
from django_otp.oath import totp
from playwright.sync_api import expect

from conftest import PASSWORD, make_person, make_user
from coordo.access.models import Membership
from coordo.access.roles import Role
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_in_with_two_factor_set_up_at_first_login(page, site):
    coordinator = make_user(site, Role.COORDINATOR)
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/mfa/setup/")
    secret = page.get_by_test_id("totp-secret").inner_text()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirm").click()
    codes = page.get_by_test_id("recovery-codes").locator("li")
    assert codes.count() == 10
    page.get_by_role("link", name="Continue").click()
    assert page.get_by_role("heading", name=f"Hello {coordinator.full_name}").is_visible()


def test_switch_to_dutch_and_see_dutch_labels(page, site):
    host = make_user(site, Role.HOST)
    log_in(page, host.email, PASSWORD)
    page.get_by_role("group", name="Language").get_by_role("button", name="NL").click()
    assert page.get_by_role("button", name="Afmelden").is_visible()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_choose_dutch_on_the_login_page_with_the_keyboard_and_keep_it(page, site):
    host = make_user(site, Role.HOST)
    page.goto("/accounts/login/")
    switch = page.get_by_role("group", name="Language")
    expect(switch.get_by_role("button", name="EN")).to_have_attribute("aria-current", "true")
    dutch = switch.get_by_role("button", name="NL")
    for _ in range(10):  # Tab through the page until the Dutch button has the focus
        page.keyboard.press("Tab")
        if dutch.evaluate("button => button === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    switch = page.get_by_role("group", name="Taal")  # the switch names itself in Dutch now
    expect(switch.get_by_role("button", name="NL")).to_have_attribute("aria-current", "true")
    page.get_by_label("E-mailadres").fill(host.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/")
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()


def test_switch_site(page, site, other_site):
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    Membership.objects.create(
        organisation=site.organisation, user=coordinator, site=other_site, role=Role.COORDINATOR
    )
    make_person(other_site, "Lotte", "Peeters")
    log_in(page, coordinator.email, PASSWORD, coordinator.totpdevice_set.get())
    page.goto("/people/")
    assert page.get_by_role("heading", name=f"People · {site.name}").is_visible()
    page.get_by_label("Site", exact=True).select_option(label=other_site.name)
    page.get_by_role("button", name="Switch").click()
    assert page.get_by_role("heading", name=f"People · {other_site.name}").is_visible()
    assert page.get_by_role("link", name="PEETERS Lotte").is_visible()


def test_search_a_person_as_you_type(page, site):
    worker = make_user(site, Role.SOCIAL_WORKER, mfa_device=True)
    wanted = make_person(site, "Éloïse", "Van den Brœck", birth_year=1990)
    make_person(site, "Mariama", "Diallo", birth_year=1987)
    log_in(page, worker.email, PASSWORD, worker.totpdevice_set.get())
    page.get_by_role("link", name="People", exact=True).click()
    addresses: list[str] = []
    page.on("request", lambda request: addresses.append(request.url))
    page.get_by_label("Name or birth year").press_sequentially("eloise", delay=40)
    # The list narrows without pressing Enter: htmx swaps in the results fragment.
    expect(page.get_by_role("link", name="DIALLO Mariama")).to_have_count(0)
    # Posted: the name typed is in no address (access logs, history, Referer).
    assert page.url.endswith("/people/")
    assert addresses
    assert not [address for address in addresses if "elo" in address]
    page.get_by_role("link", name="VAN DEN BRŒCK Éloïse").click()
    page.wait_for_url(f"**/people/{wanted.pk}/")


def test_search_a_person_with_the_keyboard_and_no_javascript(browser, live_server, site):
    worker = make_user(site, Role.SOCIAL_WORKER, mfa_device=True)
    make_person(site, "Éloïse", "Van den Brœck", birth_year=1990)
    make_person(site, "Mariama", "Diallo", birth_year=1987)
    context = browser.new_context(
        locale="en-GB", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    log_in(page, worker.email, PASSWORD, worker.totpdevice_set.get())
    page.goto("/people/")
    page.get_by_label("Name or birth year").fill("diallo")
    page.get_by_label("Name or birth year").press("Enter")
    expect(page.get_by_role("link", name="VAN DEN BRŒCK Éloïse")).to_have_count(0)
    expect(page.get_by_role("link", name="DIALLO Mariama")).to_be_visible()
    expect(page.get_by_label("Name or birth year")).to_have_value("diallo")
    assert page.url.endswith("/people/")
    context.close()


def test_locked_out_after_repeated_failed_logins(page, site):
    host = make_user(site, Role.HOST)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto("/accounts/login/")
        page.get_by_label("E-mail address").fill(host.email)
        page.get_by_label("Password").fill("not the password at all")
        page.get_by_role("button", name="Log in").click()
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(host.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("heading", name="Too many failed attempts").is_visible()
