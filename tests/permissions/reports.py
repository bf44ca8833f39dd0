"""Reports app: templates and their sections, generation, the archive, dashboards.

A coordinator reads and edits her sites' reports; funders and researchers read the
funders' versions of the archive, nothing else of the app. Every read of the archive
(the page and its PDF, XLSX and DOCX) is in the canary: no confidential value, no person.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Model

from coordo.access.roles import Role
from coordo.reports import outputs
from coordo.reports.models import GeneratedReport, ReportFile, ReportSection, ReportTemplate
from coordo.reports.queries import template_content
from coordo.reports.shipped import BY_KEY
from tests.permissions.routes import Route, api
from tests.world import Place

C = Role.COORDINATOR
COORDINATION = frozenset({C})
AGGREGATES = frozenset({C, Role.RESEARCHER, Role.FUNDER})
OCTOBER = (date(2026, 10, 1), date(2026, 11, 1))

ROUTES: dict[str, Route] = {
    "reports_home": Route(allowed=COORDINATION),
    "report_shipped_copy": Route(method="POST", allowed=COORDINATION, ok=302, data={"key": "grant_pack"}),
    "report_template": Route(target="report_template", allowed=COORDINATION),
    "report_template_edit": Route(target="report_template", allowed=COORDINATION),
    "report_template_copy": Route(method="POST", target="report_template", allowed=COORDINATION, ok=302, data={"title": "Copie"}),
    "report_generate": Route(
        method="POST", target="report_template", allowed=COORDINATION, ok=302,
        data={"start": "2026-10-01", "end": "2026-11-01"},
    ),
    "report_section_edit": Route(
        method="POST", target="report_section", allowed=COORDINATION, ok=302,
        data={"title": "Chiffres", "indicators": ["housing.nights"], "breakdown": "month"},
    ),
    "report_section_move": Route(method="POST", target="report_section", allowed=COORDINATION, ok=302, data={"direction": "up"}),
    "report_section_remove": Route(method="POST", target="report_section", allowed=COORDINATION, ok=302),
    "report_archive": Route(allowed=AGGREGATES),
    "report_detail": Route(target="funder_report", allowed=AGGREGATES),
    "report_pdf": Route(target="funder_report", allowed=AGGREGATES),
    "report_xlsx": Route(target="funder_report", allowed=AGGREGATES),
    "report_docx": Route(target="funder_report", allowed=AGGREGATES),
    "reports_dashboard": Route(allowed=COORDINATION),
    "reports_organisation_dashboard": Route(allowed=COORDINATION),
    # Session credentials here; tokens are tested in coordo/reports/tests/test_api.py.
    "api:list_indicators": api(allowed=AGGREGATES),
    "api:get_indicator": api(target="indicator_site", allowed=AGGREGATES, denied=403),
}  # fmt: skip

TARGETS = {
    "report_template": lambda place: {"template_id": place.records["report_template"].pk},
    "report_section": lambda place: {"section_id": place.records["report_section"].pk},
    "funder_report": lambda place: {"report_id": place.records["funder_report"].pk},
    "indicator_site": lambda place: {"site_id": place.site.pk, "code": "housing.nights"},
    "funder_report_file": lambda place: {
        "report_id": place.records["funder_report"].pk,
        "fmt": "pdf",
    },
}


def _report(template: ReportTemplate, *, funder: bool) -> GeneratedReport:
    content = template_content(template, *OCTOBER, funder=funder)
    report = GeneratedReport.objects.create(
        organisation_id=template.organisation_id, template=template, site_id=template.site_id,
        title=template.title, start=OCTOBER[0], end=OCTOBER[1], funder_version=funder,
        status="done", content=content, data_version=content["data_version"],
    )  # fmt: skip
    ReportFile.objects.bulk_create(
        ReportFile(
            organisation_id=report.organisation_id,
            report=report,
            format=fmt,
            content=(data := outputs.render(content, fmt)),
            size=len(data),
        )  # fmt: skip
        for fmt in ("pdf", "xlsx", "docx")
    )
    return report


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    site = place.site
    shipped = BY_KEY["shelter_quarterly"]
    template = ReportTemplate.objects.create(
        organisation=site.organisation, site=site, title=f"Rapport {label}", period_kind="quarter"
    )
    sections = ReportSection.objects.bulk_create(
        ReportSection(
            organisation=site.organisation,
            template=template,
            position=position,
            kind=s.kind,
            title=str(s.title),
            indicators=list(s.indicators),
            breakdown=s.breakdown,
            text=str(s.text),
        )  # fmt: skip
        for position, s in enumerate(shipped.sections, start=1)
    )
    return {
        "report_template": template,
        "report_section": sections[1],
        "report": _report(template, funder=False),
        "funder_report": _report(template, funder=True),
    }
