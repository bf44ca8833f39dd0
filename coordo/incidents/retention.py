"""How long the incidents app keeps reports."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordo.incidents.models import Status
from coordo.retention import Action, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "closed_incidents",
        _("Closed incident reports"),
        "incidents.Incident",
        Action.PURGE,
        # GDPR art. 5(1)(e): a closed incident serves the prevention figures and possible
        # claims (5-year limitation, Civil Code art. 2262bis); to be confirmed by the DPO.
        _("Kept 5 years after the incident once closed, then deleted."),
        years=5,
        starts="occurred_at",
        where=Q(status=Status.CLOSED),
        persons=("involvements__person",),
        covers=(
            "incidents.Involvement",
            "incidents.FollowUpAction",
            "incidents.SupportOffer",
            "incidents.EscalationStep",
        ),
        order=60,
    ),
)

RULES = (
    *RULES,
    Rule(
        "third_party_violence_register",
        _("Register of acts of violence by third parties"),
        "incidents.Declaration",
        Action.PURGE,
        # Code du bien-être au travail, art. I.3-9: the declarations are kept five years
        # from the day they were written in the register; GDPR art. 5(1)(e) after that.
        _("Kept 5 years after the declaration, then deleted (wellbeing-at-work code, I.3-9)."),
        years=5,
        starts="declared_at",
        order=61,
        erasable=False,  # a legal obligation of the employer (art. 17(3)(b))
    ),
    Rule(
        "debriefings",
        _("Debriefing sessions"),
        "incidents.Debriefing",
        Action.PURGE,
        # GDPR art. 5(1)(e): the lessons of a debriefing serve as long as its incidents.
        _("Kept 5 years after the session, then deleted."),
        years=5,
        starts="held_on",
        order=62,
    ),
)
