"""How long the housing app keeps stays and place requests."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordo.housing.models import RequestStatus
from coordo.retention import Action, Rule

RULES = (
    Rule(
        "ended_stays",
        _("Ended stays"),
        "housing.Stay",
        Action.PURGE,
        # GDPR art. 5(1)(e), 6(1)(c): the regional subsidies of shelters are checked on the
        # nights of the past years (Brussels/Walloon/Flemish decrees); 5 years covers their
        # audits and the limitation of claims. To be confirmed by the DPO.
        _("Kept 5 years after the exit date (subsidy audits), then deleted."),
        years=5,
        starts="end",
        persons=("head", "occupancies__person"),
        covers=("housing.Occupancy",),
        order=30,
        erasable=False,  # the subsidy audits are a legal obligation (art. 17(3)(b))
    ),
    Rule(
        "closed_place_requests",
        _("Place requests admitted or withdrawn"),
        "housing.PlaceRequest",
        Action.PURGE,
        # Minimisation (art. 5(1)(c)): the waiting list's history serves the yearly report.
        _("Kept 2 years after the request date once admitted or withdrawn, then deleted."),
        years=2,
        starts="requested_on",
        where=Q(status__in=[RequestStatus.ADMITTED, RequestStatus.WITHDRAWN]),
        persons=("head",),
        covers=("housing.Offer",),
        order=31,
    ),
)
