from django.urls import path

from coordo.reports.views import archive, dashboards, templates

urlpatterns = [
    path("reports/", templates.reports_home, name="reports_home"),
    path("reports/shipped/copy/", templates.shipped_copy, name="report_shipped_copy"),
    path("reports/templates/<int:template_id>/", templates.template_detail, name="report_template"),
    path(
        "reports/templates/<int:template_id>/edit/",
        templates.template_edit,
        name="report_template_edit",
    ),
    path(
        "reports/templates/<int:template_id>/copy/",
        templates.template_copy,
        name="report_template_copy",
    ),
    path(
        "reports/templates/<int:template_id>/generate/",
        archive.report_generate,
        name="report_generate",
    ),
    path("reports/sections/<int:section_id>/", templates.section_edit, name="report_section_edit"),
    path(
        "reports/sections/<int:section_id>/move/",
        templates.section_move,
        name="report_section_move",
    ),
    path(
        "reports/sections/<int:section_id>/remove/",
        templates.section_remove,
        name="report_section_remove",
    ),
    path("reports/archive/", archive.report_archive, name="report_archive"),
    path("reports/archive/<int:report_id>/", archive.report_detail, name="report_detail"),
    # One route per format: the permission matrix and the canary read each file.
    *(
        path(
            f"reports/archive/<int:report_id>/report.{fmt}",
            archive.report_download,
            {"fmt": fmt},
            name=f"report_{fmt}",
        )
        for fmt in ("pdf", "xlsx", "docx")
    ),
    path("reports/dashboard/", dashboards.site_dashboard, name="reports_dashboard"),
    path(
        "reports/dashboard/organisation/",
        dashboards.organisation_dashboard,
        name="reports_organisation_dashboard",
    ),
]
