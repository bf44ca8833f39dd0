"""Reports in Chromium: Maison Lierre's annual report generated, its charts drawn under the
site's CSP, its progress shown, and its four formats downloaded."""

from __future__ import annotations

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from conftest import PASSWORD, make_site, make_user
from coordo.access.roles import Role, SiteKind
from coordo.reports.tests.conftest import IMMEDIATE, make_housing_quarter
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@override_settings(TASKS=IMMEDIATE)
def test_generate_maison_lierres_annual_report_and_download_it(page, organisation):
    site = make_site(organisation, "Maison Lierre", SiteKind.TRANSITIONAL_HOUSING)
    coordinator = make_user(site, Role.COORDINATOR, mfa_device=True)
    make_housing_quarter(site, coordinator)
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    log_in(page, coordinator.email, PASSWORD, coordinator.totpdevice_set.get())
    page.goto("/reports/")
    page.get_by_role("row", name="Transitional house: annual activity report").get_by_role(
        "button", name="Copy to this site"
    ).click()
    expect(page.get_by_text("The template was copied to your site")).to_be_visible()
    page.locator("#id_start").fill("2026-01-01")
    page.locator("#id_end").fill("2027-01-01")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Data quality")).to_be_visible()
    # The charts are drawn by the vendored vega, under the CSP (no console error).
    expect(page.locator("[data-chart][data-drawn=yes]").first).to_be_visible()
    expect(page.locator("[data-chart] svg").first).to_be_visible()
    page.get_by_role("button", name="Generate PDF, XLSX and Word").click()
    expect(page.get_by_text("The report is being generated.")).to_be_visible()
    expect(page.get_by_test_id("report-status")).to_have_text("Done")
    sizes = {}
    for fmt in ("pdf", "xlsx", "docx"):
        with page.expect_download() as download:
            page.get_by_test_id(f"download-{fmt}").click()
        path = download.value.path()
        sizes[fmt] = path.stat().st_size
        assert download.value.suggested_filename.endswith(f".{fmt}")
    assert all(size > 1000 for size in sizes.values()), sizes
    expect(page.locator("[data-chart][data-drawn=yes]").first).to_be_visible()
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
