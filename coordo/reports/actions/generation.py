"""Asking for a report: a background run renders it (coordo/reports/tasks.py), then the archive."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from coordo import background
from coordo.access import audit
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.disclosure import Period
from coordo.reports.models import GeneratedReport, ReportFile, ReportTemplate

WHOLE_PERIODS_ONLY = _("A funders' version covers a whole month, quarter or year that has ended.")
ALREADY_RUNNING = _("This report is already being generated: wait for it to finish.")


@transaction.atomic
def request_report(
    template: ReportTemplate,
    *,
    start: date,
    end: date,
    funder_version: bool = False,
    by: Principal,
) -> GeneratedReport:
    """Queue the rendering of `template` over [start, end); its files come in the archive."""
    by.require(Perm.REPORTS_VIEW, template.site_id)
    for site_id in template.other_sites.values_list("pk", flat=True):
        by.require(Perm.REPORTS_VIEW, site_id)
    if funder_version:
        whole = Period.whole(start, end)
        if whole is None or whole.end > timezone.localdate():
            raise ValidationError({"period": WHOLE_PERIODS_ONLY})
    ReportTemplate.objects.select_for_update().get(pk=template.pk)
    if background.any_active(GeneratedReport.objects.filter(template=template)):
        raise ValidationError(ALREADY_RUNNING)
    report = GeneratedReport.objects.create(
        organisation_id=template.organisation_id,
        template=template,
        site_id=template.site_id,
        title=template.title,
        start=start,
        end=end,
        funder_version=funder_version,
        requested_by_id=by.user_id,
        language=translation.get_language() or "fr",
    )
    audit.record(AuditAction.CREATE, principal=by, obj=report)
    background.enqueue(report)
    return report


def save_rendering(report: GeneratedReport, files: dict[str, bytes]) -> None:
    """The task's save step (no one's action: the run names who asked): the files archived."""
    ReportFile.objects.bulk_create(
        ReportFile(
            organisation_id=report.organisation_id,
            report=report,
            format=fmt,
            content=data,
            size=len(data),
        )
        for fmt, data in files.items()
    )
