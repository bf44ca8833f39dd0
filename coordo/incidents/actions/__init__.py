"""Every write of the incidents app, by area: reports and their follow-up, escalation."""

from coordo.incidents.actions.debriefings import (
    add_debriefing_action,
    answer_offer,
    hold_debriefing,
    offer_support,
)
from coordo.incidents.actions.register import declare_violence
from coordo.incidents.actions.reports import (
    REPORT_FIELDS,
    Involved,
    add_follow_up_action,
    add_involvement,
    change_status,
    complete_action,
    remove_involvement,
    report_incident,
)

__all__ = [
    "REPORT_FIELDS",
    "Involved",
    "add_debriefing_action",
    "add_follow_up_action",
    "add_involvement",
    "answer_offer",
    "hold_debriefing",
    "offer_support",
    "change_status",
    "complete_action",
    "declare_violence",
    "remove_involvement",
    "report_incident",
]
