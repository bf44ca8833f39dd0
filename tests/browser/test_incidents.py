"""Incidents as people click them: a host reports on a phone, the person on call
acknowledges, a worker declares in the register without her name."""

from __future__ import annotations

import time

import pytest
from django.utils import timezone

from conftest import PASSWORD, make_user
from coordo.access.roles import Role
from coordo.incidents.models import Declaration, Incident
from coordo.planning.tests.factories import make_worker
from coordo.planning.tests.rota_factories import add_period, make_rota
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", base_url=live_server.url, viewport=PHONE)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def fast(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def report_on(page, severity: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/incidents/report/")
    page.get_by_label("What kind of incident").select_option("threat")
    page.get_by_label(severity).check()
    page.get_by_label("Where in the house").select_option("desk")
    page.get_by_label("What happened").fill("Un visiteur a menacé l'accueillant au comptoir.")
    page.locator("#id_author").fill("Un homme inconnu")
    page.get_by_role("button", name="Record the incident").click()
    page.wait_for_url("**/incidents/*/")


def test_a_host_reports_an_incident_on_a_390_px_phone(phone, fast, site, host):
    log_in(phone, host.email, PASSWORD)
    started = time.monotonic()
    report_on(phone, "2 — serious: needs a follow-up")
    took = time.monotonic() - started
    assert phone.get_by_text("The incident has been recorded.").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert Incident.objects.get().created_by == host
    print(f"\nreport on a phone: {took:.1f} s from the empty form to the saved report")


def test_the_person_on_call_sees_the_alert_and_acknowledges_it(
    phone, browser, live_server, fast, site, host, coordinator
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    on_call = make_user(site, Role.COORDINATOR, mfa_device=True)
    worker = make_worker(site, "Nadia", user=on_call)
    now = timezone.now()
    add_period(
        make_rota(site, coordinator, [worker]), coordinator,
        now - timezone.timedelta(hours=1), now + timezone.timedelta(hours=2), worker,
    )  # fmt: skip
    log_in(phone, host.email, PASSWORD)
    report_on(phone, "3 — severe: someone hurt or in danger")
    incident = Incident.objects.get()
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    page = context.new_page()
    log_in(page, on_call.email, PASSWORD, TOTPDevice.objects.get(user=on_call))
    banner = page.get_by_role("alert")
    assert f"a severity-3 incident at {site.name} needs you" in banner.inner_text()
    seen = timezone.now()
    banner.get_by_role("button", name="Open").click()
    page.get_by_role("button", name="I'm on it").click()
    assert page.locator("[data-acknowledged]").is_visible()
    incident.refresh_from_db()
    context.close()
    assert incident.acknowledged_by == on_call
    alert = (incident.alerted_at - incident.reported_at).total_seconds()
    ack = (incident.acknowledged_at - seen).total_seconds()
    print(
        f"\nalerted {alert:.3f} s after the report; acknowledged {ack:.1f} s after the page showed it"
    )


def test_a_worker_declares_without_her_name_and_her_coordinator_cannot_read_it(
    phone, browser, live_server, fast, site, host, coordinator
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    log_in(phone, host.email, PASSWORD)
    phone.goto("/register/declare/")
    phone.get_by_label("What kind of act").select_option("verbal_abuse")
    phone.get_by_label("What happened").fill("Insultée par un livreur à la porte.")
    phone.get_by_label("Do not write my name: nothing links the declaration to me").check()
    phone.get_by_role("button", name="Declare").click()
    phone.wait_for_url("**/")
    declaration = Declaration.objects.get()
    assert declaration.declarant is None
    TOTPDevice.objects.create(user=coordinator, name="test", confirmed=True)
    context = browser.new_context(locale="en-GB", base_url=live_server.url)
    page = context.new_page()
    log_in(page, coordinator.email, PASSWORD, TOTPDevice.objects.get(user=coordinator))
    answer = page.goto("/register/")
    assert answer is not None
    assert answer.status == 403
    assert "Insultée par un livreur" not in page.content()
    context.close()
