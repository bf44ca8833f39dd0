"""Generating a report goes through the one run lifecycle: progress, failure, stale workers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coordo.background import UNEXPECTED_ERROR, WORKER_STOPPED
from coordo.housing.tests.factories import principal
from coordo.reports import actions, outputs
from coordo.reports.models import GeneratedReport, ReportFile
from coordo.reports.tasks import REPORT_RUN
from coordo.reports.tests.conftest import IMMEDIATE

pytestmark = pytest.mark.django_db
YEAR = {"start": date(2026, 1, 1), "end": date(2027, 1, 1)}


@pytest.fixture
def template(site, coordinator):  # type: ignore[no-untyped-def]
    return actions.copy_shipped_template("grant_pack", site=site, by=principal(coordinator))


def test_a_report_renders_its_three_files_and_records_its_progress(
    template, coordinator, housing_quarter
):
    report = actions.request_report(template, by=principal(coordinator), **YEAR)
    assert REPORT_RUN.execute(report.pk) == "done"
    report.refresh_from_db()
    assert report.progress == {"done": 3, "total": 3}
    assert sorted(ReportFile.objects.filter(report=report).values_list("format", flat=True)) == [
        "docx",
        "pdf",
        "xlsx",
    ]
    assert report.content["data_version"] == report.data_version
    assert report.finished_at is not None


def test_a_rendering_that_breaks_fails_with_a_plain_message(template, coordinator, monkeypatch):
    report = actions.request_report(template, by=principal(coordinator), **YEAR)
    monkeypatch.setattr(outputs, "render", lambda content, fmt: 1 / 0)
    assert REPORT_RUN.execute(report.pk) == "failed"
    report.refresh_from_db()
    assert report.error_message == UNEXPECTED_ERROR
    assert not ReportFile.objects.filter(report=report).exists()


def test_a_stale_run_shows_failed_and_does_not_block_the_next(template, coordinator):
    report = actions.request_report(template, by=principal(coordinator), **YEAR)
    with pytest.raises(ValidationError):  # one run at a time per template
        actions.request_report(template, by=principal(coordinator), **YEAR)
    long_ago = timezone.now() - timedelta(hours=2)
    GeneratedReport.objects.filter(pk=report.pk).update(status="running", heartbeat_at=long_ago)
    report.refresh_from_db()
    assert (report.state, report.error_text) == ("failed", WORKER_STOPPED)
    again = actions.request_report(template, by=principal(coordinator), **YEAR)
    report.refresh_from_db()
    assert report.status == "failed"
    assert again.status == "queued"


def test_the_task_is_queued_after_commit(
    template, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        report = actions.request_report(template, by=principal(coordinator), **YEAR)
    report.refresh_from_db()
    assert report.status == "done"
