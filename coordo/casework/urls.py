from django.urls import path

from coordo.casework.views import case, desk, export, meetings, stats

urlpatterns = [
    path("partners/statistics/", stats.partner_stats, name="partner_stats"),
    path("front-desk/", desk.front_desk, name="front_desk"),
    path("front-desk/search/", desk.front_desk_search, name="front_desk_search"),
    path("requests/<int:request_id>/outcome/", desk.request_outcome, name="request_outcome"),
    path("people/<int:person_id>/refer/", desk.referral_create, name="referral_create"),
    path("referrals/follow-up/", desk.referral_follow_up, name="referral_follow_up"),
    path("referrals/<int:referral_id>/status/", desk.referral_status, name="referral_status"),
    path(
        "referrals/<int:referral_id>/postpone/",
        desk.referral_postpone,
        name="referral_postpone",
    ),
    path("case-files/", case.case_file_list, name="case_file_list"),
    path("appointments/", case.appointment_calendar, name="appointment_calendar"),
    path("people/<int:person_id>/case-file/", case.case_file_open, name="case_file_open"),
    path("case-files/<int:case_file_id>/", case.case_file_detail, name="case_file_detail"),
    path("case-files/<int:case_file_id>/close/", case.case_file_close, name="case_file_close"),
    path(
        "case-files/<int:case_file_id>/reopen/",
        case.case_file_reopen,
        name="case_file_reopen",
    ),
    path("case-files/<int:case_file_id>/goals/", case.goal_add, name="goal_add"),
    path("goals/<int:goal_id>/progress/", case.goal_progress, name="goal_progress"),
    path(
        "case-files/<int:case_file_id>/appointments/",
        case.appointment_add,
        name="appointment_add",
    ),
    path("case-files/<int:case_file_id>/notes/", case.note_add, name="note_add"),
    path("notes/<int:note_id>/", case.note_edit, name="note_edit"),
    path("notes/<int:note_id>/lower/", case.note_lower, name="note_lower"),
    path(
        "case-files/<int:case_file_id>/documents/",
        case.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "documents/<int:attachment_id>/",
        case.attachment_download,
        name="attachment_download",
    ),
    path(
        "people/<int:person_id>/subject-access/",
        export.subject_access_export,
        name="subject_access_export",
    ),
    path("case-meetings/", meetings.meeting_list, name="meeting_list"),
    path("case-meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("case-meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        "case-meetings/<int:meeting_id>/actions/",
        meetings.meeting_action_add,
        name="meeting_action_add",
    ),
]
