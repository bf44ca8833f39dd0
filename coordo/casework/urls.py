from django.urls import path

from coordo.casework import views_case, views_desk, views_export, views_meetings, views_stats

urlpatterns = [
    path("partners/statistics/", views_stats.partner_stats, name="partner_stats"),
    path("front-desk/", views_desk.front_desk, name="front_desk"),
    path("front-desk/search/", views_desk.front_desk_search, name="front_desk_search"),
    path("requests/<int:request_id>/outcome/", views_desk.request_outcome, name="request_outcome"),
    path("people/<int:person_id>/refer/", views_desk.referral_create, name="referral_create"),
    path("referrals/follow-up/", views_desk.referral_follow_up, name="referral_follow_up"),
    path("referrals/<int:referral_id>/status/", views_desk.referral_status, name="referral_status"),
    path(
        "referrals/<int:referral_id>/postpone/",
        views_desk.referral_postpone,
        name="referral_postpone",
    ),
    path("case-files/", views_case.case_file_list, name="case_file_list"),
    path("appointments/", views_case.appointment_calendar, name="appointment_calendar"),
    path("people/<int:person_id>/case-file/", views_case.case_file_open, name="case_file_open"),
    path("case-files/<int:case_file_id>/", views_case.case_file_detail, name="case_file_detail"),
    path(
        "case-files/<int:case_file_id>/close/", views_case.case_file_close, name="case_file_close"
    ),
    path(
        "case-files/<int:case_file_id>/reopen/",
        views_case.case_file_reopen,
        name="case_file_reopen",
    ),
    path("case-files/<int:case_file_id>/goals/", views_case.goal_add, name="goal_add"),
    path("goals/<int:goal_id>/progress/", views_case.goal_progress, name="goal_progress"),
    path(
        "case-files/<int:case_file_id>/appointments/",
        views_case.appointment_add,
        name="appointment_add",
    ),
    path("case-files/<int:case_file_id>/notes/", views_case.note_add, name="note_add"),
    path("notes/<int:note_id>/", views_case.note_edit, name="note_edit"),
    path("notes/<int:note_id>/lower/", views_case.note_lower, name="note_lower"),
    path(
        "case-files/<int:case_file_id>/documents/",
        views_case.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "documents/<int:attachment_id>/",
        views_case.attachment_download,
        name="attachment_download",
    ),
    path(
        "people/<int:person_id>/subject-access/",
        views_export.subject_access_export,
        name="subject_access_export",
    ),
    path("case-meetings/", views_meetings.meeting_list, name="meeting_list"),
    path("case-meetings/new/", views_meetings.meeting_create, name="meeting_create"),
    path("case-meetings/<int:meeting_id>/", views_meetings.meeting_detail, name="meeting_detail"),
    path(
        "case-meetings/<int:meeting_id>/actions/",
        views_meetings.meeting_action_add,
        name="meeting_action_add",
    ),
]
