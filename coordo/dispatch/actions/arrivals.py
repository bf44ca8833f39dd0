"""Writes at the arrival centre: registration, social and medical screening, free places."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import writes
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.dispatch.fetch import age_on
from coordo.dispatch.models import (
    Arrival,
    MedicalScreening,
    ReceptionCentre,
    ReceptionUnit,
    SocialScreening,
    VulnerabilityFlag,
)
from coordo.dispatch.queries import editable_units
from coordo.people.models import Household, Sex

# The ages at which the form accepts a pregnancy flag without a confirmation.
PREGNANCY_AGES = range(12, 56)


def could_be_pregnant(household: Household, day: date) -> bool:
    """Someone in the household who is not recorded as a man is of childbearing age."""
    return any(
        member.person.sex != Sex.MALE and age_on(member.person, day) in PREGNANCY_AGES
        for member in household.members.select_related("person")
    )


@transaction.atomic
def register_arrival(household: Household, *, registered: date, by: Principal) -> Arrival:
    by.require(Perm.DISPATCH_SCREEN, household.site_id)
    if Arrival.objects.filter(household=household).exists():
        raise ValidationError({"household": _("This household is already registered.")})
    if registered > timezone.localdate():
        raise ValidationError({"registered": _("The registration date is in the future.")})
    arrival = Arrival(
        organisation_id=household.organisation_id,
        site_id=household.site_id,
        household=household,
        registered=registered,
        registered_by_id=by.user_id,
    )
    return writes.save_new(arrival, by=by)


@transaction.atomic
def record_social_screening(
    arrival: Arrival,
    *,
    by: Principal,
    excluded_centres: list[ReceptionCentre] | None = None,
    pregnancy_confirmed: bool = False,
    **fields: Any,
) -> SocialScreening:
    """`pregnancy_confirmed` lets the flag stand when nobody in the household could be
    pregnant by the recorded sex and age (the record may be wrong, not the screening)."""
    by.require(Perm.DISPATCH_SCREEN, arrival.site_id)
    today = timezone.localdate()
    screening = SocialScreening.objects.filter(arrival=arrival).first() or SocialScreening(
        organisation_id=arrival.organisation_id, arrival=arrival
    )
    for name, value in fields.items():
        setattr(screening, name, value)
    unknown = set(screening.flags) - set(VulnerabilityFlag.values)
    if unknown:
        raise ValidationError(
            {"flags": _("Unknown vulnerability: %(flags)s") % {"flags": ", ".join(sorted(unknown))}}
        )
    pregnant = VulnerabilityFlag.PREGNANT in screening.flags
    if pregnant and not pregnancy_confirmed and not could_be_pregnant(arrival.household, today):
        message = _(
            "Pregnant: nobody in this household is recorded as a woman aged %(low)s to "
            "%(high)s. Correct the flag, or tick the confirmation if it is right."
        ) % {"low": PREGNANCY_AGES.start, "high": PREGNANCY_AGES.stop - 1}
        raise ValidationError({"flags": message})
    excluded = list(excluded_centres or [])
    if screening.family_centre and screening.family_centre in excluded:
        raise ValidationError(
            {"excluded_centres": _("The family's centre cannot also be excluded for safety.")}
        )
    screening.screened_by_id, screening.screened_at = by.named_worker_id(), timezone.now()
    screening.full_clean()
    writes.save_changed(screening, by=by, site_id=arrival.site_id)
    screening.excluded_centres.set(excluded)
    return screening


@transaction.atomic
def record_medical_screening(
    arrival: Arrival,
    *,
    details: str,
    needs_medical: bool,
    needs_accessible: bool,
    by: Principal,
) -> MedicalScreening:
    by.require(Perm.DISPATCH_MEDICAL, arrival.site_id)
    screening = MedicalScreening.objects.filter(arrival=arrival).first() or MedicalScreening(
        organisation_id=arrival.organisation_id, arrival=arrival
    )
    screening.details = details
    screening.needs_medical, screening.needs_accessible = needs_medical, needs_accessible
    screening.screened_by_id, screening.screened_at = by.named_worker_id(), timezone.now()
    screening.full_clean()
    return writes.save_changed(screening, by=by, site_id=arrival.site_id)


@transaction.atomic
def update_free_places(unit: ReceptionUnit, *, free: int, by: Principal) -> ReceptionUnit:
    """A centre says how many beds of a unit are free today."""
    if not editable_units(by).filter(pk=unit.pk).exists():
        raise PermissionDenied
    if not 0 <= free <= unit.beds:
        raise ValidationError(
            {"free": _("Free beds must be between 0 and %(beds)s.") % {"beds": unit.beds}}
        )
    unit.free, unit.updated_by_id, unit.updated_at = free, by.user_id, timezone.now()
    unit.save(update_fields=["free", "updated_by", "updated_at"])
    return unit
