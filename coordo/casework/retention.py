"""How long the case work app keeps requests, case files, referrals and case meetings."""

from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coordo.casework.models import CaseStatus
from coordo.retention import Action, Rule

# 5 years after the end of the help: the period Belgian social services usually keep a
# social file (Code of ethics of social workers; CPAS/OCMW practice) and the limitation
# of most claims. GDPR art. 5(1)(e), 6(1)(e), 9(2)(h). To be confirmed by the DPO.
FIVE_YEARS = _("Kept 5 years after the help ended (social file practice), then deleted.")


def _social_file(key: str, title: Promise, model: str, *, starts: str, **more: Any) -> Rule:
    """A part of the social file: purged 5 years after `starts`, with its person's rows."""
    more.setdefault("persons", ("person",))
    return Rule(key, title, model, Action.PURGE, FIVE_YEARS, years=5, starts=starts, **more)


RULES = (
    Rule(
        "requests_without_follow_up",
        _("Front-desk requests without follow-up"),
        "casework.Request",
        Action.PURGE,
        # Minimisation (art. 5(1)(c)): a visit that led nowhere needs no long memory;
        # 2 years covers a return visit and the yearly activity report.
        _("Kept 2 years after the visit when nothing came of it, then deleted."),
        years=2,
        starts="received_at",
        where=Q(outcome="") | Q(outcome="no_follow_up"),
        persons=("person",),
        order=10,
    ),
    _social_file(
        "requests_followed_up",
        _("Front-desk requests with an outcome"),
        "casework.Request",
        starts="outcome_at",
        where=~Q(outcome="") & ~Q(outcome="no_follow_up"),
        order=11,
    ),
    _social_file(
        "closed_case_files",
        _("Closed case files"),
        "casework.CaseFile",
        starts="closed_at",
        where=Q(status=CaseStatus.CLOSED),
        covers=(
            "casework.CaseFileReopening",
            "casework.Goal",
            "casework.Appointment",
            "casework.Note",
            "casework.Attachment",
        ),
        order=20,
    ),
    _social_file(
        "closed_referrals",
        _("Closed referrals to partners"),
        "casework.Referral",
        starts="closed_at",
        order=21,
    ),
    _social_file(
        "case_meetings",
        _("Case meetings"),
        "casework.CaseMeeting",
        starts="held_on",
        persons=("persons",),
        covers=("casework.MeetingAction",),
        order=22,
    ),
)
