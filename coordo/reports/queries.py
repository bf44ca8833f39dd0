"""What a principal may read of the reports: templates, the archive, their files."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.reports import content
from coordo.reports.indicators import Scope
from coordo.reports.models import GeneratedReport, ReportFile, ReportSection, ReportTemplate


def templates_visible_to(
    principal: Principal, perm: Perm = Perm.REPORTS_VIEW
) -> QuerySet[ReportTemplate]:
    return ReportTemplate.objects.visible_to(principal, perm).select_related("site")


def get_template(
    principal: Principal, template_id: int, perm: Perm = Perm.REPORTS_VIEW
) -> ReportTemplate:
    return get_object_or_404(templates_visible_to(principal, perm), pk=template_id)


def sections_of(template: ReportTemplate) -> QuerySet[ReportSection]:
    return ReportSection.objects.filter(template=template).order_by("position", "id")


def get_section(principal: Principal, section_id: int) -> ReportSection:
    sections = ReportSection.objects.visible_to(principal, Perm.REPORTS_EDIT)
    return get_object_or_404(sections.select_related("template"), pk=section_id)


def reports_visible_to(principal: Principal) -> QuerySet[GeneratedReport]:
    """Coordinators read their sites' reports; funders and researchers their funder versions."""
    exact = GeneratedReport.objects.visible_to(principal, Perm.REPORTS_VIEW)
    funder = GeneratedReport.objects.visible_to(principal, Perm.REPORTS_AGGREGATE).filter(
        funder_version=True
    )
    return (exact | funder).select_related("site", "requested_by").order_by("-requested_at", "-id")


def reports_of_template(
    principal: Principal, template: ReportTemplate
) -> QuerySet[GeneratedReport]:
    return reports_visible_to(principal).filter(template=template)


def get_report(principal: Principal, report_id: int) -> GeneratedReport:
    return get_object_or_404(reports_visible_to(principal), pk=report_id)


def get_file(report: GeneratedReport, fmt: str) -> ReportFile:
    return get_object_or_404(ReportFile.objects.filter(report=report), format=fmt)


def formats_of(report: GeneratedReport) -> list[str]:
    return list(ReportFile.objects.filter(report=report).values_list("format", flat=True))


def active_reports(template: ReportTemplate) -> QuerySet[GeneratedReport]:
    return GeneratedReport.objects.filter(template=template)


def scope_of(template: ReportTemplate, start: date, end: date) -> Scope:
    others = sorted(template.other_sites.values_list("pk", flat=True))
    return Scope(
        tuple([template.site_id, *[pk for pk in others if pk != template.site_id]]), start, end
    )


def site_names(template: ReportTemplate) -> list[str]:
    return [
        template.site.name,
        *template.other_sites.exclude(pk=template.site_id).values_list("name", flat=True),
    ]


def plans_of(template: ReportTemplate) -> list[content.SectionPlan]:
    return [
        content.SectionPlan(s.kind, s.title, tuple(s.indicators), s.breakdown, s.text)
        for s in sections_of(template)
    ]


def template_content(
    template: ReportTemplate, start: date, end: date, *, funder: bool = False
) -> dict[str, Any]:
    """The report of `template` over [start, end), as every output shows it."""
    return content.build(
        title=template.title,
        site_names=site_names(template),
        scope=scope_of(template, start, end),
        sections=plans_of(template),
        funder=funder,
    )


def indicator_table(
    site_id: int, code: str, breakdown: str, start: date, end: date, *, funder: bool
) -> list[tuple[str, Any]]:
    """One indicator at one site as (label, value) rows, the total first; a funder's through
    disclosure control, as a one-table report."""
    built = content.build(
        title=code,
        site_names=[],
        scope=Scope((site_id,), start, end),
        funder=funder,
        sections=[content.SectionPlan("table", code, (code,), breakdown)],
    )
    table = content.tables(built)[-1]
    return [(str(row["cells"][0]), row["cells"][2]) for row in table["rows"]]
