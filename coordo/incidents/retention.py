"""How long the incidents app keeps reports."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordo.incidents.models import Status
from coordo.retention import Action, Rule

RULES = (
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
        covers=("incidents.Involvement", "incidents.FollowUpAction"),
        order=60,
    ),
)
