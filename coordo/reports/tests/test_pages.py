"""The reports' pages as a coordinator uses them: copy a template, preview, edit, generate, download."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from conftest import verified_client
from coordo.reports.models import GeneratedReport, ReportSection, ReportTemplate
from coordo.reports.tests.conftest import IMMEDIATE

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(coordinator):  # type: ignore[no-untyped-def]
    return verified_client(coordinator)


def copy(client, key="transitional_house_annual") -> ReportTemplate:  # type: ignore[no-untyped-def]
    response = client.post(reverse("report_shipped_copy"), {"key": key})
    assert response.status_code == 302
    return ReportTemplate.objects.get()


def test_the_home_page_lists_the_shipped_templates_and_the_catalogue(client):
    page = client.get(reverse("reports_home")).content.decode()
    assert "Transitional house: annual activity report" in page
    assert "Grant application pack" in page
    assert "housing.nights" in page


def test_the_preview_embeds_the_charts_spec_and_the_figures(client, housing_quarter):
    template = copy(client)
    page = client.get(
        reverse("report_template", args=[template.pk]), {"start": "2026-01-01", "end": "2027-01-01"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Data quality" in html
    assert re.search(r'<script id="chart-\d+-spec" type="application/json">', html)
    assert 'data-chart="chart-' in html
    assert "vendor/vega/vega-embed-7.3.0.min.js" in html
    assert "Birth year of the persons hosted" in html
    assert f'href="{reverse("person_list")}"' in html  # the link to fix them


def test_sections_are_added_moved_and_removed(client, housing_quarter):
    template = copy(client, "grant_pack")
    first, second = ReportSection.objects.filter(template=template).order_by("position")[:2]
    client.post(reverse("report_section_move", args=[second.pk]), {"direction": "up"})
    assert list(template.sections.order_by("position").values_list("pk", flat=True)[:2]) == [
        second.pk,
        first.pk,
    ]
    client.post(reverse("report_section_remove", args=[first.pk]))
    assert not ReportSection.objects.filter(pk=first.pk).exists()
    response = client.post(
        reverse("report_template_edit", args=[template.pk]),
        {
            "kind": "table",
            "title": "Persons by sex",
            "indicators": ["housing.persons"],
            "breakdown": "sex",
        },
    )
    assert response.status_code == 302
    assert template.sections.order_by("position").last().title == "Persons by sex"
    refused = client.post(
        reverse("report_template_edit", args=[template.pk]),
        {
            "kind": "table",
            "title": "Nights by sex",
            "indicators": ["housing.nights"],
            "breakdown": "sex",
        },
    )
    assert refused.status_code == 400
    assert "None of the indicators chosen can be broken down this way." in refused.content.decode()


def test_a_generated_report_is_archived_and_downloaded_again(
    client, housing_quarter, settings, coordinator, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    template = copy(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("report_generate", args=[template.pk]),
            {"start": "2026-01-01", "end": "2027-01-01"},
        )
    report = GeneratedReport.objects.get()
    assert response.url == reverse("report_detail", args=[report.pk])
    assert (report.status, report.requested_by, len(report.data_version)) == (
        "done",
        coordinator,
        16,
    )
    page = client.get(response.url).content.decode()
    assert "Data quality" in page
    for fmt in ("pdf", "xlsx", "docx"):
        download = client.get(reverse(f"report_{fmt}", args=[report.pk]))
        assert download.status_code == 200
        assert download["Cache-Control"] == "no-store"
    book = load_workbook(BytesIO(client.get(reverse("report_xlsx", args=[report.pk])).content))
    assert book.worksheets[0]["B4"].value == report.data_version


def test_a_funders_version_needs_a_whole_ended_period(client, housing_quarter, settings):
    settings.TASKS = IMMEDIATE
    template = copy(client)
    client.post(
        reverse("report_generate", args=[template.pk]),
        {"start": "2026-01-05", "end": "2026-03-01", "funder_version": "on"},
    )
    assert not GeneratedReport.objects.exists()


def test_the_dashboards_show_tiles_with_sparklines(client, housing_quarter):
    page = client.get(reverse("reports_dashboard")).content.decode()
    assert 'data-indicator="housing.nights"' in page or 'data-indicator="casework.requests"' in page
    assert "sparkline" in page
    assert client.get(reverse("reports_organisation_dashboard")).status_code == 200
