"""Every write of case work, by area: the front desk, case files, meetings.

One transaction, a permission check and one audit row each.
"""

from coordo.casework.actions.case_files import (
    CASE_FILE_REOPENED,
    CLOSED_FILE_MESSAGE,
    NOTE_LEVEL_LOWERED,
    add_appointment,
    add_goal,
    add_note,
    attach_document,
    close_case_file,
    edit_note,
    lower_note_level,
    may_rewrite,
    open_case_file,
    reopen_case_file,
    update_goal_progress,
)
from coordo.casework.actions.desk import (
    postpone_follow_up,
    record_outcome,
    refer_person,
    register_request,
    register_walk_in,
    update_referral_status,
)
from coordo.casework.actions.meetings import add_meeting_action, record_meeting

__all__ = [
    "CASE_FILE_REOPENED",
    "CLOSED_FILE_MESSAGE",
    "NOTE_LEVEL_LOWERED",
    "add_appointment",
    "add_goal",
    "add_meeting_action",
    "add_note",
    "attach_document",
    "close_case_file",
    "edit_note",
    "lower_note_level",
    "may_rewrite",
    "open_case_file",
    "postpone_follow_up",
    "record_meeting",
    "record_outcome",
    "refer_person",
    "register_request",
    "register_walk_in",
    "reopen_case_file",
    "update_goal_progress",
    "update_referral_status",
]
