"""Case work as clicked at the desk: a request and a referral in one sitting, a note's level,
the follow-up list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_person, make_user
from coordo.access.roles import Role
from coordo.casework.models import CaseFile, Level, Note, Outcome, Referral, ReferralStatus, Request
from coordo.partners.models import Partner, Service
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def worker_logged_in(page, site):  # type: ignore[no-untyped-def]
    worker = make_user(site, Role.SOCIAL_WORKER, mfa_device=True)
    log_in(page, worker.email, PASSWORD, worker.totpdevice_set.get())
    return worker


def family_planning(site) -> Partner:  # type: ignore[no-untyped-def]
    partner = Partner.objects.create(
        organisation=site.organisation, name="Planning Les Tilleuls", kind="family_planning"
    )
    Service.objects.create(organisation=site.organisation, partner=partner, name="Gynaecology")
    return partner


def test_register_a_request_and_refer_the_person_in_one_sitting(page, site):
    make_person(site, "Hawa", "Camara", birth_year=1988)
    family_planning(site)
    worker_logged_in(page, site)
    page.goto("/front-desk/")
    addresses: list[str] = []
    page.on("request", lambda request: addresses.append(request.url))
    page.get_by_label("Search by name or birth year").fill("hawa")
    page.get_by_label("CAMARA Hawa · 1988").check()
    # The live search posts: the name typed is in no address (access logs).
    assert not [address for address in addresses if "hawa" in address.lower()]
    page.get_by_label("Health").check()
    page.get_by_label("Urgent (within days)").check()
    page.get_by_label("Interpreter needed").check()
    page.get_by_role("button", name="Register the request").click()
    expect(page.get_by_text("The request of Hawa Camara is in today's queue.")).to_be_visible()

    page.get_by_role("link", name="Refer to a partner").click()
    page.get_by_label("Partner").select_option(label="Planning Les Tilleuls")
    page.get_by_label("Service").select_option(label="Planning Les Tilleuls — Gynaecology")
    page.get_by_label("Reason").fill("Pregnancy follow-up")
    page.get_by_label("The person agrees to this referral").check()
    page.get_by_role("button", name="Send the referral").click()

    expect(page.get_by_text("The referral has been recorded.")).to_be_visible()
    expect(page.locator("#queue")).to_contain_text("→ Planning Les Tilleuls")
    request = Request.objects.get()
    assert (request.outcome, request.interpreter_needed) == (Outcome.REFERRED, True)
    assert Referral.objects.get().request == request


def test_raise_a_notes_level(page, site):
    worker = worker_logged_in(page, site)
    person = make_person(site, "Selam", "Haile", birth_year=1993)
    case_file = CaseFile.objects.create(
        organisation=site.organisation, site=site, person=person, referent=worker
    )
    note = Note.objects.create(
        organisation=site.organisation,
        site=site,
        case_file=case_file,
        author=worker,
        body="She spoke about her former partner.",
    )
    page.goto(f"/case-files/{case_file.pk}/")
    page.get_by_role("link", name="Edit or raise the level").click()
    page.get_by_label("Confidentiality").select_option(label="Restricted (author and coordinators)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The note has been saved.")).to_be_visible()
    expect(page.get_by_test_id(f"note-{note.pk}")).to_contain_text("Restricted")
    note.refresh_from_db()
    assert note.level == Level.RESTRICTED


def test_the_follow_up_list(page, site):
    worker = worker_logged_in(page, site)
    person = make_person(site, "Farida", "Ahmadi", birth_year=1990)
    referral = Referral.objects.create(
        organisation=site.organisation,
        site=site,
        person=person,
        partner=family_planning(site),
        reason="Contraception",
        consent_given=True,
        referred_by=worker,
        due_date=timezone.localdate() - timedelta(days=2),
    )
    page.goto("/case-files/")
    page.get_by_role("link", name="To follow up").click()
    rows = page.get_by_test_id("follow-up").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("overdue")
    page.get_by_label("New status").select_option(label="Appointment set")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The referral is now “Appointment set”.")).to_be_visible()
    page.get_by_label("New status").select_option(label="Done")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Nothing to follow up this week.")).to_be_visible()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DONE


def test_typing_a_known_name_warns_before_registering(page, site):
    make_person(site, "Hawa", "Camara", birth_year=1988)
    worker_logged_in(page, site)
    page.goto("/front-desk/")
    page.get_by_label("First name").fill("Awa")
    page.get_by_label("Last name").fill("Camara")
    expect(page.get_by_test_id("duplicate-warning")).to_be_visible()
    page.get_by_label("CAMARA Hawa · 1988").check()
    page.get_by_role("button", name="Register the request").click()
    expect(page.get_by_text("The request of Hawa Camara is in today's queue.")).to_be_visible()
    assert Request.objects.get().person.first_name == "Hawa"


def test_a_nul_in_the_desk_search_keeps_the_results_and_says_why(page, site):
    make_person(site, "Hawa", "Camara", birth_year=1988)
    worker_logged_in(page, site)
    page.goto("/front-desk/")
    search = page.get_by_label("Search by name or birth year")
    search.fill("hawa")
    results = page.locator("#desk-search-results")
    expect(results.get_by_label("CAMARA Hawa · 1988")).to_be_visible()
    # A NUL pasted from another program: no keyboard types one, so the box is set by hand.
    with page.expect_response("**/front-desk/search/") as refusal:
        search.evaluate(
            "box => { box.value = 'ha\\u0000wa'; box.dispatchEvent(new Event('input')) }"
        )
    assert refusal.value.status == 400
    expect(page.locator("#messages")).to_contain_text("The field «q» contains a NUL character.")
    expect(results.get_by_label("CAMARA Hawa · 1988")).to_be_visible()
    # The results are still there to update: the next search answers as before.
    search.fill("camara")
    expect(results.get_by_label("CAMARA Hawa · 1988")).to_be_visible()
    search.fill("zz")
    expect(results.get_by_label("CAMARA Hawa · 1988")).to_be_hidden()
