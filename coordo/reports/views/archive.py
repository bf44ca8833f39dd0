"""Generating a report in the background, its progress, and the archive of generated reports."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.background import fail_stale
from coordo.reports import actions, queries
from coordo.reports.forms import ReportPeriodForm
from coordo.reports.models import GeneratedReport, ReportFormat
from coordo.reports.outputs import CONTENT_TYPES
from coordo.web.downloads import attachment, safe_filename
from coordo.web.posting import written_or_flashed


@require_POST
@require_perm(Perm.REPORTS_VIEW)
def report_generate(request: AuthedRequest, template_id: int) -> HttpResponse:
    principal = principal_of(request)
    template = queries.get_template(principal, template_id)
    request_report = partial(actions.request_report, template, by=principal)
    report = written_or_flashed(request, ReportPeriodForm(request.POST), request_report)
    if report is None:
        return redirect("report_template", template.pk)
    messages.success(request, _("The report is being generated."))
    return redirect("report_detail", report.pk)


def _report(request: AuthedRequest, report_id: int) -> GeneratedReport:
    report = queries.get_report(principal_of(request), report_id)
    if report.is_stale and report.template is not None:
        fail_stale(queries.active_reports(report.template))  # shown failed, marked so
    return report


@require_perm(Perm.REPORTS_AGGREGATE)
def report_detail(request: AuthedRequest, report_id: int) -> HttpResponse:
    """An archived report: its progress while it renders, then the page and its files."""
    report = _report(request, report_id)
    context = {
        "report": report,
        "formats": queries.formats_of(report),
        "content": report.content or None,
    }
    fragment = "#progress" if request.GET.get("poll") else ""
    return render(request, f"reports/report_detail.html{fragment}", context)


@require_perm(Perm.REPORTS_AGGREGATE)
def report_download(request: AuthedRequest, report_id: int, fmt: str) -> HttpResponse:
    if fmt not in ReportFormat.values:
        raise Http404
    report = _report(request, report_id)
    file = queries.get_file(report, fmt)
    audit.record(AuditAction.EXPORT, principal=principal_of(request), obj=report)
    name = safe_filename(f"{report.title}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{fmt}")
    return attachment(
        bytes(file.content), filename=name, content_type=CONTENT_TYPES[ReportFormat(fmt)]
    )


@require_perm(Perm.REPORTS_AGGREGATE)
def report_archive(request: AuthedRequest) -> HttpResponse:
    """Every report the user may read: a coordinator's sites', a funder's versions."""
    reports = queries.reports_visible_to(principal_of(request))[:200]
    return render(request, "reports/archive.html", {"reports": reports})
