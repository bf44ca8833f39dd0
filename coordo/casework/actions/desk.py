"""The front desk's writes: requests, walk-ins, outcomes and referrals to partners."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import writes
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.casework.actions.common import _check_person
from coordo.casework.models import (
    Outcome,
    Referral,
    ReferralStatus,
    Request,
)
from coordo.partners.models import Partner, Service
from coordo.people.actions import register_person
from coordo.people.models import Person


@transaction.atomic
def register_request(
    *,
    site: Site,
    person: Person,
    kind: str,
    urgency: str,
    language: str = "",
    interpreter_needed: bool = False,
    by: Principal,
) -> Request:
    by.require(Perm.REQUEST_EDIT, site.pk)
    _check_person(by, person, site, Perm.REQUEST_EDIT)
    request = Request(
        organisation_id=site.organisation_id,
        site=site,
        person=person,
        kind=kind,
        urgency=urgency,
        language=language,
        interpreter_needed=interpreter_needed,
        received_by_id=by.user_id,
    )
    return writes.save_new(request, by=by)


@transaction.atomic
def register_walk_in(
    *,
    site: Site,
    person_fields: dict[str, Any],
    by: Principal,
    **request_fields: Any,
) -> Request:
    """A first visit: the person and her request are written together, or neither is."""
    person = register_person(site=site, by=by, **person_fields)
    return register_request(site=site, person=person, by=by, **request_fields)


@transaction.atomic
def record_outcome(request: Request, *, outcome: str, by: Principal) -> Request:
    by.require(Perm.REQUEST_EDIT, request.site_id)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the outcomes.")})
    request.outcome, request.outcome_at = outcome, timezone.now()
    request.outcome_by_id = by.user_id
    return writes.save_changed(request, by=by, fields=["outcome", "outcome_at", "outcome_by"])


@transaction.atomic
def refer_person(
    *,
    site: Site,
    person: Person,
    partner: Partner,
    service: Service | None = None,
    reason: str,
    urgency: str,
    consent_given: bool,
    information_shared: str = "",
    due_date: date,
    request: Request | None = None,
    by: Principal,
) -> Referral:
    """Refer to a partner; a referral made from a waiting request gives it the outcome "referred"."""
    by.require(Perm.REFERRAL_EDIT, site.pk)
    _check_person(by, person, site, Perm.REFERRAL_EDIT)
    if partner.organisation_id != site.organisation_id or not partner.is_active:
        raise ValidationError(
            {"partner": _("Choose a partner from your organisation's directory.")}
        )
    if service is not None and service.partner_id != partner.pk:
        raise ValidationError({"service": _("This service belongs to another partner.")})
    if not consent_given:
        raise ValidationError(
            {"consent_given": _("Ask the person's consent before referring her.")}
        )
    referral = Referral(
        organisation_id=site.organisation_id,
        site=site,
        person=person,
        partner=partner,
        service=service,
        reason=reason,
        urgency=urgency,
        consent_given=consent_given,
        information_shared=information_shared,
        due_date=due_date,
        request=request,
        referred_by_id=by.named_worker_id(),
    )
    writes.save_new(referral, by=by)
    if request is not None and not request.outcome:
        record_outcome(request, outcome=Outcome.REFERRED, by=by)
    return referral


ANSWERED = {ReferralStatus.ACCEPTED, ReferralStatus.REFUSED, ReferralStatus.APPOINTMENT_SET}
CLOSED = {
    ReferralStatus.REFUSED,
    ReferralStatus.DONE,
    ReferralStatus.NO_SHOW,
    ReferralStatus.CANCELLED,
}


@transaction.atomic
def update_referral_status(
    referral: Referral,
    *,
    status: str,
    refusal_reason: str = "",
    due_date: date | None = None,
    by: Principal,
) -> Referral:
    by.require(Perm.REFERRAL_EDIT, referral.site_id)
    if not referral.is_open:
        raise ValidationError({"status": _("This referral is closed.")})
    if status not in ReferralStatus.values or status == ReferralStatus.SENT:
        raise ValidationError({"status": _("Choose the new status.")})
    if status == ReferralStatus.REFUSED and not refusal_reason.strip():
        raise ValidationError({"refusal_reason": _("Say why the partner refused.")})
    now = timezone.now()
    referral.status, referral.refusal_reason = status, refusal_reason.strip()
    if status in ANSWERED and referral.answered_at is None:
        referral.answered_at = now
    if status in CLOSED:
        referral.closed_at = now
    if due_date is not None:
        referral.due_date = due_date
    referral.full_clean()
    return writes.save_changed(referral, by=by)


@transaction.atomic
def postpone_follow_up(referral: Referral, *, due_date: date, by: Principal) -> Referral:
    """The worker called the partner: nothing new yet, remind again on `due_date`."""
    by.require(Perm.REFERRAL_EDIT, referral.site_id)
    if due_date <= timezone.localdate():
        raise ValidationError({"due_date": _("Choose a date after today.")})
    referral.due_date = due_date
    return writes.save_changed(referral, by=by, fields=["due_date"])
