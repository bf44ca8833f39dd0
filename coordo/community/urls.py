from django.urls import path

from coordo.community.views import attendance, meetings, outreach, programme, public

urlpatterns = [
    path("community/", programme.programme, name="community_programme"),
    path("community/poster.pdf", programme.programme_poster, name="community_poster"),
    path("community/propose/", programme.activity_propose, name="community_propose"),
    path("community/settings/", programme.community_settings, name="community_settings"),
    path(
        "community/activities/<int:activity_id>/",
        programme.activity_detail,
        name="community_activity",
    ),
    path(
        "community/activities/<int:activity_id>/edit/",
        programme.activity_edit,
        name="community_activity_edit",
    ),
    path(
        "community/activities/<int:activity_id>/accept/",
        programme.activity_accept,
        name="community_activity_accept",
    ),
    path(
        "community/activities/<int:activity_id>/publish/",
        programme.activity_publish,
        name="community_activity_publish",
    ),
    path(
        "community/activities/<int:activity_id>/withdraw/",
        programme.activity_withdraw,
        name="community_activity_withdraw",
    ),
    path(
        "community/activities/<int:activity_id>/cancel/",
        programme.occurrence_cancel,
        name="community_occurrence_cancel",
    ),
    path(
        "community/activities/<int:activity_id>/move/",
        programme.occurrence_move,
        name="community_occurrence_move",
    ),
    path(
        "community/activities/<int:activity_id>/restore/",
        programme.occurrence_restore,
        name="community_occurrence_restore",
    ),
    path(
        "community/activities/<int:activity_id>/attendance/<str:day>/",
        attendance.attendance_record,
        name="community_attendance",
    ),
    path("community/figures/", attendance.community_figures, name="community_figures"),
    path(
        "community/figures/export/",
        attendance.community_figures_export,
        name="community_figures_export",
    ),
    path("community/meetings/", meetings.meeting_list, name="community_meetings"),
    path("community/meetings/new/", meetings.meeting_create, name="community_meeting_create"),
    path("community/meetings/<int:meeting_id>/", meetings.meeting_detail, name="community_meeting"),
    path(
        "community/meetings/<int:meeting_id>/edit/",
        meetings.meeting_edit,
        name="community_meeting_edit",
    ),
    path(
        "community/meetings/<int:meeting_id>/agenda/",
        meetings.agenda_add,
        name="community_agenda_add",
    ),
    path(
        "community/meetings/<int:meeting_id>/decisions/",
        meetings.decision_add,
        name="community_decision_add",
    ),
    path("community/decisions/", meetings.decision_log, name="community_decisions"),
    path(
        "community/decisions/<int:decision_id>/status/",
        meetings.decision_status,
        name="community_decision_status",
    ),
    path("community/house-rules/", meetings.house_rules, name="community_house_rules"),
    path(
        "community/house-rules/new/",
        meetings.rules_version_add,
        name="community_rules_version_add",
    ),
    path("community/outreach/", outreach.round_list, name="community_rounds"),
    path("community/outreach/new/", outreach.round_create, name="community_round_create"),
    path("community/outreach/<int:round_id>/", outreach.round_detail, name="community_round"),
    path(
        "community/outreach/<int:round_id>/contacts/",
        outreach.contact_add,
        name="community_contact_add",
    ),
    path(
        "community/outreach/contacts/<int:contact_id>/orient/",
        outreach.contact_orient,
        name="community_contact_orient",
    ),
    path("community/day-centre/", outreach.day_centre, name="community_day_centre"),
    path(
        "programme/<int:site_id>/house-rules/", public.public_house_rules, name="public_house_rules"
    ),
    path("programme/<int:site_id>/", public.public_programme, name="public_programme"),
    path(
        "programme/<int:site_id>/activities/<int:activity_id>/",
        public.public_activity,
        name="public_activity",
    ),
    path(
        "programme/<int:site_id>/calendar.ics",
        public.public_programme_ics,
        name="public_programme_ics",
    ),
]
