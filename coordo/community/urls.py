from django.urls import path

from coordo.community.views import attendance, programme, public

urlpatterns = [
    path("community/", programme.programme, name="community_programme"),
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
