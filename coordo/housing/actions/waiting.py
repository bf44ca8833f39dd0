"""The waiting list: requests for a place, offers of a free unit, refusals with their reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.housing.actions.stays import admit_household, free_slots
from coordo.housing.models import (
    Offer,
    OfferOutcome,
    PlaceRequest,
    RequestStatus,
    Stay,
    Unit,
)
from coordo.people.models import Household, Person

REQUEST_FIELDS = (
    "persons",
    "requested_on",
    "priority",
    "needs_family_unit",
    "needs_women_only",
    "needs_accessible",
    "notes",
)


@transaction.atomic
def create_place_request(
    *,
    site: Site,
    head: Person,
    household: Household | None = None,
    by: Principal,
    **fields: Any,
) -> PlaceRequest:
    by.require(Perm.STAY_EDIT, site.pk)
    if head.site_id != site.pk or (household is not None and household.site_id != site.pk):
        raise ValidationError({"head": _("The household must be registered at this site.")})
    request = PlaceRequest(
        organisation_id=site.organisation_id,
        site=site,
        head=head,
        household=household,
        created_by_id=by.user_id,
    )
    writes.assign(request, REQUEST_FIELDS, fields)
    if household is not None and "persons" not in fields:
        request.persons = household.members.count()
    return writes.save_new(request, by=by)


@transaction.atomic
def withdraw_place_request(request: PlaceRequest, *, by: Principal) -> PlaceRequest:
    by.require(Perm.STAY_EDIT, request.site_id)
    if request.status not in (RequestStatus.WAITING, RequestStatus.OFFERED):
        raise ValidationError(_("This request is no longer on the waiting list."))
    request.status = RequestStatus.WITHDRAWN
    writes.save_changed(request, by=by, fields=["status"])
    request.offers.filter(outcome=OfferOutcome.PENDING).update(
        outcome=OfferOutcome.REFUSED, refusal_reason=str(_("Request withdrawn"))
    )
    return request


def suitable_requests(unit: Unit, on: date) -> QuerySet[PlaceRequest]:
    """The waiting requests, in waiting-list order, that this unit can house on `on`."""
    free = len(free_slots(unit, on, None))
    if not free:
        return PlaceRequest.objects.none()
    requests = PlaceRequest.objects.filter(
        site_id=unit.building.site_id, status=RequestStatus.WAITING, persons__lte=free
    ).exclude(offers__unit=unit, offers__outcome=OfferOutcome.REFUSED)
    if not unit.family:
        requests = requests.filter(needs_family_unit=False)
    if not unit.women_only:
        requests = requests.filter(needs_women_only=False)
    if not unit.accessible:
        requests = requests.filter(needs_accessible=False)
    return requests.select_related("head", "household")


@transaction.atomic
def offer_unit(
    unit: Unit,
    *,
    on: date,
    request: PlaceRequest | None = None,
    by: Principal,
) -> Offer:
    """Offer a free unit to the next suitable household of the waiting list, or to `request`."""
    by.require(Perm.STAY_EDIT, unit.building.site_id)
    candidates = suitable_requests(unit, on)
    if request is not None:
        request = candidates.filter(pk=request.pk).first()
        if request is None:
            raise ValidationError(
                {"request": _("This request is not waiting, or this unit does not fit it.")}
            )
    request = request or candidates.first()
    if request is None:
        raise ValidationError({"unit": _("No waiting household fits this unit on this date.")})
    offer = Offer.objects.create(
        organisation_id=unit.organisation_id,
        request=request,
        unit=unit,
        offered_on=on,
        created_by_id=by.user_id,
    )
    request.status = RequestStatus.OFFERED
    request.save(update_fields=["status"])
    audit.record(AuditAction.CREATE, principal=by, obj=offer, site_id=request.site_id)
    return offer


@transaction.atomic
def accept_offer(
    offer: Offer,
    *,
    start: date,
    planned_end: date | None = None,
    members: Sequence[Person] | None = None,
    by: Principal,
) -> Stay:
    request = offer.request
    by.require(Perm.STAY_EDIT, request.site_id)
    if offer.outcome != OfferOutcome.PENDING:
        raise ValidationError(_("This offer has already been answered."))
    stay = admit_household(
        offer.unit,
        head=request.head,
        household=request.household,
        members=members,
        start=start,
        planned_end=planned_end,
        by=by,
    )
    offer.outcome, offer.answered_on = OfferOutcome.ACCEPTED, start
    offer.save(update_fields=["outcome", "answered_on"])
    request.status, request.stay = RequestStatus.ADMITTED, stay
    request.save(update_fields=["status", "stay"])
    return stay


@transaction.atomic
def refuse_offer(offer: Offer, *, reason: str, on: date, by: Principal) -> Offer:
    """The household says no: the reason is kept and the request waits again, in its place."""
    request = offer.request
    by.require(Perm.STAY_EDIT, request.site_id)
    if offer.outcome != OfferOutcome.PENDING:
        raise ValidationError(_("This offer has already been answered."))
    if not reason.strip():
        raise ValidationError({"refusal_reason": _("Say why the offer was refused.")})
    offer.outcome, offer.refusal_reason, offer.answered_on = OfferOutcome.REFUSED, reason, on
    writes.save_changed(
        offer, by=by, fields=["outcome", "refusal_reason", "answered_on"], site_id=request.site_id
    )
    request.status = RequestStatus.WAITING
    request.save(update_fields=["status"])
    return offer
