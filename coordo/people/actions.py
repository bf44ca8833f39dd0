"""Every write to persons, households and consents: one transaction, one audit row each."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.people.models import ConsentRecord, Household, HouseholdMember, Person, Relationship
from coordo.people.search import search_name
from coordo.people.signals import consent_withdrawn

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "birth_year",
    "birth_year_approximate",
    "sex",
    "gender",
    "nationality",
    "languages",
    "phone",
    "national_number",
)


def _set_fields(person: Person, fields: dict[str, Any]) -> None:
    """The fields given, the birth year a birth date implies, and the name searched by."""
    writes.assign(person, PERSON_FIELDS, fields)
    if person.birth_date and not person.birth_year:
        person.birth_year = person.birth_date.year
    person.search_name = search_name(person.first_name, person.last_name)


@transaction.atomic
def register_person(*, site: Site, by: Principal, **fields: Any) -> Person:
    by.require(Perm.PERSON_EDIT, site.pk)
    person = Person(organisation_id=site.organisation_id, site=site, created_by_id=by.user_id)
    _set_fields(person, fields)
    return writes.save_new(person, by=by)


@transaction.atomic
def update_person(person: Person, *, by: Principal, **fields: Any) -> Person:
    by.require(Perm.PERSON_EDIT, person.site_id)
    _set_fields(person, fields)
    person.updated_at = timezone.now()
    person.full_clean()
    return writes.save_changed(person, by=by)


@transaction.atomic
def create_household(*, site: Site, name: str, head: Person, by: Principal) -> Household:
    by.require(Perm.PERSON_EDIT, site.pk)
    if head.site_id != site.pk:
        raise ValidationError({"head": _("The head of household must be registered at this site.")})
    household = Household.objects.create(
        organisation_id=site.organisation_id, site=site, name=name, head=head
    )
    _add_member(household, head, Relationship.HEAD)
    audit.record(AuditAction.CREATE, principal=by, obj=household)
    return household


def _add_member(household: Household, person: Person, relationship: str) -> HouseholdMember:
    if HouseholdMember.objects.filter(person=person).exists():
        raise ValidationError({"person": _("This person already belongs to a household.")})
    return HouseholdMember.objects.create(
        organisation_id=household.organisation_id,
        household=household,
        person=person,
        relationship=relationship,
    )


@transaction.atomic
def add_household_member(
    household: Household,
    *,
    person: Person,
    relationship: str,
    by: Principal,
) -> HouseholdMember:
    by.require(Perm.PERSON_EDIT, household.site_id)
    if person.site_id != household.site_id:
        raise ValidationError(
            {"person": _("The person must be registered at the household's site.")}
        )
    member = _add_member(household, person, relationship)
    audit.record(AuditAction.UPDATE, principal=by, obj=household)
    return member


@transaction.atomic
def record_consent(
    person: Person, *, purpose: str, given: bool, date: Any, by: Principal
) -> ConsentRecord:
    by.require(Perm.CONSENT_EDIT, person.site_id)
    record = ConsentRecord(
        organisation_id=person.organisation_id,
        person=person,
        purpose=purpose,
        given=given,
        date=date,
        recorded_by_id=by.named_worker_id(),
    )
    writes.save_new(record, by=by, site_id=person.site_id)
    if not given:
        # What her consent allowed ends with it, in this transaction (people/signals.py).
        answers = consent_withdrawn.send(sender=ConsentRecord, record=record, by=by)
        record.undone = tuple(str(said) for _receiver, said in answers if said)
    return record


@transaction.atomic
def set_legal_hold(person: Person, *, reason: str, by: Principal) -> Person:
    """Stop every retention purge of her records until `lift_legal_hold`: who, when, why."""
    by.require(Perm.LEGAL_HOLD, person.site_id)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the records must be kept.")})
    person.legal_hold_at = timezone.now()
    person.legal_hold_by_id = by.user_id
    person.legal_hold_reason = reason.strip()
    return writes.save_changed(
        person, by=by, fields=["legal_hold_at", "legal_hold_by", "legal_hold_reason"]
    )


@transaction.atomic
def lift_legal_hold(person: Person, *, by: Principal) -> Person:
    by.require(Perm.LEGAL_HOLD, person.site_id)
    person.legal_hold_at = None
    person.legal_hold_by_id = None
    person.legal_hold_reason = ""
    return writes.save_changed(
        person, by=by, fields=["legal_hold_at", "legal_hold_by", "legal_hold_reason"]
    )
