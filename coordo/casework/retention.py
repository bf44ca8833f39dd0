"""How long the case work app keeps requests, case files, referrals and case meetings."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordo.casework.models import CaseStatus
from coordo.retention import Action, Rule

# 5 years after the end of the help: the period Belgian social services usually keep a
# social file (Code of ethics of social workers; CPAS/OCMW practice) and the limitation
# of most claims. GDPR art. 5(1)(e), 6(1)(e), 9(2)(h). To be confirmed by the DPO.
FIVE_YEARS = _("Kept 5 years after the help ended (social file practice), then deleted.")

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
    Rule(
        "requests_followed_up",
        _("Front-desk requests with an outcome"),
        "casework.Request",
        Action.PURGE,
        FIVE_YEARS,
        years=5,
        starts="outcome_at",
        where=~Q(outcome="") & ~Q(outcome="no_follow_up"),
        persons=("person",),
        order=11,
    ),
    Rule(
        "closed_case_files",
        _("Closed case files"),
        "casework.CaseFile",
        Action.PURGE,
        FIVE_YEARS,
        years=5,
        starts="closed_at",
        where=Q(status=CaseStatus.CLOSED),
        persons=("person",),
        covers=(
            "casework.CaseFileReopening",
            "casework.Goal",
            "casework.Appointment",
            "casework.Note",
            "casework.Attachment",
        ),  # fmt: skip
        order=20,
    ),
    Rule(
        "closed_referrals",
        _("Closed referrals to partners"),
        "casework.Referral",
        Action.PURGE,
        FIVE_YEARS,
        years=5,
        starts="closed_at",
        persons=("person",),
        order=21,
    ),
    Rule(
        "case_meetings",
        _("Case meetings"),
        "casework.CaseMeeting",
        Action.PURGE,
        FIVE_YEARS,
        years=5,
        starts="held_on",
        persons=("persons",),
        covers=("casework.MeetingAction",),
        order=22,
    ),
)
