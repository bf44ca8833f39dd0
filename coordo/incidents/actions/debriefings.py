"""Debriefing sessions and the psycho-social follow-up offered to a worker after an aggression."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import writes
from coordo.access.models import Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.incidents.actions.reports import new_follow_up_action, require_of_team
from coordo.incidents.models import (
    Debriefing,
    FollowUpAction,
    Incident,
    OfferAnswer,
    SupportOffer,
)


@transaction.atomic
def hold_debriefing(
    *,
    site: Site,
    held_on: date,
    incidents: Sequence[Incident],
    participants: Sequence[User],
    what_happened: str,
    what_helped: str = "",
    what_to_change: str = "",
    by: Principal,
) -> Debriefing:
    by.require(Perm.INCIDENT_FOLLOW_UP, site.pk)
    if not incidents:
        raise ValidationError({"incidents": _("Choose at least one incident.")})
    if any(incident.site_id != site.pk for incident in incidents):
        raise ValidationError({"incidents": _("Choose incidents of this site.")})
    debriefing = Debriefing(
        organisation_id=site.organisation_id,
        site=site,
        held_on=held_on,
        what_happened=what_happened,
        what_helped=what_helped,
        what_to_change=what_to_change,
        created_by_id=by.user_id,
    )
    writes.save_new(debriefing, by=by)
    debriefing.incidents.set(incidents)
    debriefing.participants.set(participants)
    return debriefing


@transaction.atomic
def add_debriefing_action(
    debriefing: Debriefing, *, title: str, owner: User, due: date, by: Principal
) -> FollowUpAction:
    by.require(Perm.INCIDENT_FOLLOW_UP, debriefing.site_id)
    incident = debriefing.incidents.order_by("occurred_at", "pk").first()
    assert incident is not None  # a debriefing always has one, of its site
    return new_follow_up_action(
        incident, title=title, owner=owner, due=due, by=by, debriefing=debriefing
    )


@transaction.atomic
def offer_support(incident: Incident, *, worker: User, kind: str, by: Principal) -> SupportOffer:
    by.require(Perm.INCIDENT_FOLLOW_UP, incident.site_id)
    require_of_team(
        worker, incident.site_id, "worker", _("The worker must be a member of the site's team.")
    )
    offer = SupportOffer(
        organisation_id=incident.organisation_id,
        incident=incident,
        worker=worker,
        kind=kind,
        offered_by_id=by.user_id,
    )
    writes.save_new(offer, by=by, site_id=incident.site_id)
    return offer


@transaction.atomic
def answer_offer(offer: SupportOffer, *, accepted: bool, by: Principal) -> SupportOffer:
    """The worker answers (or the coordination records the answer she gave)."""
    if offer.worker_id != by.user_id:
        by.require(Perm.INCIDENT_FOLLOW_UP, offer.incident.site_id)
    offer.answer = OfferAnswer.ACCEPTED if accepted else OfferAnswer.DECLINED
    offer.answered_at = timezone.now()
    return writes.save_changed(
        offer, by=by, fields=["answer", "answered_at"], site_id=offer.incident.site_id
    )
