"""Outreach rounds and their contacts, orientation to the front desk, day-centre counts."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.casework.actions.desk import register_request
from coordo.casework.models import RequestKind, Urgency
from coordo.community.models import (
    DAY_CENTRE_COUNTS,
    DayCentreCount,
    Given,
    Need,
    OutreachContact,
    OutreachRound,
)
from coordo.housing.models import Occupancy
from coordo.people.actions import record_consent
from coordo.people.models import ConsentPurpose, ConsentRecord, Person
from coordo.people.queries import has_consent
from coordo.people.signals import consent_withdrawn


@transaction.atomic
def create_round(
    site: Site,
    *,
    held_on: date,
    start_time: time,
    end_time: time | None = None,
    area: str,
    team: Any = (),
    by: Principal,
) -> OutreachRound:
    by.require(Perm.OUTREACH_RECORD, site.pk)
    if end_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": _("The end must come after the start.")})
    outreach = OutreachRound(
        organisation_id=site.organisation_id,
        site=site,
        held_on=held_on,
        start_time=start_time,
        end_time=end_time,
        area=area,
        created_by_id=by.user_id,
    )
    outreach.full_clean()
    outreach.save()
    outreach.team.set(team)
    return outreach


@transaction.atomic
def record_contact(
    outreach: OutreachRound,
    *,
    age_band: str,
    sex: str,
    languages: list[str] = (),  # type: ignore[assignment]
    needs: list[str] = (),  # type: ignore[assignment]
    given: list[str] = (),  # type: ignore[assignment]
    person: Person | None = None,
    she_agrees: bool = False,
    by: Principal,
) -> OutreachContact:
    """One woman met. Named only when she agrees and the recorder may read persons here;
    her agreement is then a consent in her file (outreach follow-up), unless one is in force."""
    by.require(Perm.OUTREACH_RECORD, outreach.site_id)
    if not set(needs) <= set(Need.values):
        raise ValidationError({"needs": _("Choose needs from the list.")})
    if not set(given) <= set(Given.values):
        raise ValidationError({"given": _("Choose what was given from the list.")})
    if person is not None:
        by.require(Perm.PERSON_VIEW, outreach.site_id)
        if person.organisation_id != outreach.organisation_id:
            raise ValidationError({"person": _("Choose a person of this organisation.")})
        if not she_agrees:
            raise ValidationError({"she_agrees": _("Name her only if she agrees.")})
    contact = OutreachContact(
        organisation_id=outreach.organisation_id,
        round=outreach,
        age_band=age_band,
        sex=sex,
        languages=list(languages),
        needs=list(needs),
        given=list(given),
        person=person,
        created_by_id=by.user_id,
    )
    contact.full_clean()
    contact.save()
    if person is not None:
        audit.record(AuditAction.CREATE, principal=by, obj=contact, site_id=outreach.site_id)
        if not has_consent(person, ConsentPurpose.OUTREACH):
            record_consent(
                person, purpose=ConsentPurpose.OUTREACH, given=True, date=outreach.held_on, by=by
            )
    return contact


@transaction.atomic
def unlink_person(person: Person, *, since: date, by: Principal) -> int:
    """Her outreach consent withdrawn: no contact of the organisation names her any more.

    Each contact stays, an anonymous count, keeping what the figures counted of the links it
    loses (named, a front-desk request, a place since the round: as of the withdrawal, a
    stay begun after it is no outreach follow-up to report); one audit row each. No
    permission of its own: it follows the withdrawal `record_consent` allowed, and reaches
    her contacts at every site of the organisation. Her front-desk request itself stays."""
    contacts = list(
        OutreachContact.objects.select_for_update()
        .filter(organisation_id=person.organisation_id, person=person)
        .select_related("round")
    )
    starts = list(Occupancy.objects.filter(person=person).values_list("stay__start", flat=True))
    for contact in contacts:
        held_on = contact.round.held_on
        contact.had_request = contact.request_id is not None
        contact.was_placed = contact.had_request and any(start >= held_on for start in starts)
        contact.person = contact.request = None
        contact.unlinked_on = since
        fields = ["person", "request", "unlinked_on", "had_request", "was_placed"]
        writes.save_changed(contact, by=by, fields=fields, site_id=contact.round.site_id)
    return len(contacts)


@receiver(consent_withdrawn, dispatch_uid="community_unlink_outreach_contacts")
def _outreach_consent_withdrawn(
    sender: type, *, record: ConsentRecord, by: Principal, **kwargs: Any
) -> str | None:
    if record.purpose != ConsentPurpose.OUTREACH:
        return None
    unlinked = unlink_person(record.person, since=record.date, by=by)
    if not unlinked:
        return None
    return ngettext(
        "%(count)d outreach contact no longer names her.",
        "%(count)d outreach contacts no longer name her.",
        unlinked,
    ) % {"count": unlinked}


@transaction.atomic
def orient_to_front_desk(
    contact: OutreachContact,
    *,
    kind: str = RequestKind.ACCOMMODATION,
    urgency: str = Urgency.URGENT,
    by: Principal,
) -> OutreachContact:
    """In one step: the contact's front-desk request, written by casework's own action."""
    by.require(Perm.OUTREACH_RECORD, contact.round.site_id)
    if contact.person is None:
        raise ValidationError(
            {"person": _("The front desk needs to know who she is: link her first, if she agrees.")}
        )
    if contact.request_id is not None:
        raise ValidationError({"request": _("She was already oriented to the front desk.")})
    language = contact.languages[0] if contact.languages else ""
    contact.request = register_request(
        site=contact.round.site,
        person=contact.person,
        kind=kind,
        urgency=urgency,
        language=language,
        by=by,
    )
    if Given.ORIENTATION not in contact.given:
        contact.given = [*contact.given, Given.ORIENTATION]
    contact.save(update_fields=["request", "given"])
    return contact


@transaction.atomic
def record_day_centre_count(
    site: Site, *, day: date, by: Principal, **counts: int
) -> DayCentreCount:
    by.require(Perm.OUTREACH_RECORD, site.pk)
    errors = {
        name: _("A count cannot be under zero.")
        for name in DAY_CENTRE_COUNTS
        if counts.get(name, 0) < 0
    }
    if errors:
        raise ValidationError(errors)
    if counts.get("first_visits", 0) > counts["women"]:
        raise ValidationError({"first_visits": _("More first visits than people came.")})
    row, _created = DayCentreCount.objects.update_or_create(
        site=site,
        day=day,
        defaults={"organisation_id": site.organisation_id, "recorded_by_id": by.user_id, **counts},
    )
    return row
