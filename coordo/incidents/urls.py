from django.urls import path

from coordo.incidents.views import alerts, debriefings, figures, register, reports

urlpatterns = [
    path("incidents/", reports.incident_list, name="incident_list"),
    path("incidents/report/", reports.incident_report, name="incident_report"),
    path("incidents/<int:incident_id>/", reports.incident_detail, name="incident_detail"),
    path("incidents/<int:incident_id>/status/", reports.incident_status, name="incident_status"),
    path(
        "incidents/<int:incident_id>/actions/",
        reports.incident_action_add,
        name="incident_action_add",
    ),
    path(
        "incidents/<int:incident_id>/involvements/",
        reports.incident_involvement_add,
        name="incident_involvement_add",
    ),
    path(
        "incidents/involvements/<int:involvement_id>/remove/",
        reports.incident_involvement_remove,
        name="incident_involvement_remove",
    ),
    path("incidents/<int:incident_id>/alert/", alerts.incident_alert, name="incident_alert"),
    path(
        "incidents/<int:incident_id>/acknowledge/",
        alerts.incident_acknowledge,
        name="incident_acknowledge",
    ),
    path("incidents/escalation/", alerts.escalation_settings, name="escalation_settings"),
    path("incidents/figures/", figures.incident_figures, name="incident_figures"),
    path(
        "incidents/figures/export/",
        figures.incident_figures_export,
        name="incident_figures_export",
    ),
    path("incidents/debriefings/", debriefings.debriefing_list, name="debriefing_list"),
    path("incidents/debriefings/new/", debriefings.debriefing_create, name="debriefing_create"),
    path(
        "incidents/debriefings/<int:debriefing_id>/",
        debriefings.debriefing_detail,
        name="debriefing_detail",
    ),
    path(
        "incidents/debriefings/<int:debriefing_id>/actions/",
        debriefings.debriefing_action_add,
        name="debriefing_action_add",
    ),
    path("incidents/<int:incident_id>/support/", debriefings.support_offer, name="support_offer"),
    path(
        "incidents/support/<int:offer_id>/answer/",
        debriefings.support_answer,
        name="support_answer",
    ),
    path(
        "incidents/sites/<int:site_id>/figures/",
        figures.incident_figures_aggregate,
        name="incident_figures_aggregate",
    ),
    path("incidents/follow-up/", reports.my_follow_up, name="my_follow_up"),
    path(
        "incidents/follow-up/<int:action_id>/done/",
        reports.follow_up_done,
        name="follow_up_done",
    ),
    path("register/declare/", register.register_declare, name="register_declare"),
    path("register/", register.register_list, name="register_list"),
    path("register/export/", register.register_export, name="register_export"),
    path("register/print/", register.register_pdf, name="register_pdf"),
    path("register/summary/", register.register_summary, name="register_summary"),
]
