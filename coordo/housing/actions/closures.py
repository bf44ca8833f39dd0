"""Out-of-service periods of a unit (works, damage): add, change, end or remove (coordinators).

A period never covers a night someone sleeps in the unit; the unit's row is locked
first, as admissions lock it, so neither slips in while the other is checked.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordo.access import writes
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.housing.models import Occupancy, Unit, UnitClosure, overlapping

BACK_BEFORE_OUT = _("The unit must come back in service after the first night out of service.")


def _check_period(unit: Unit, start: date, end: date | None, principal: Principal) -> None:
    principal.require(Perm.HOUSING_EDIT, unit.building.site_id)
    Unit.objects.select_for_update().get(pk=unit.pk)  # no admission slips in meanwhile
    if end is not None and end <= start:
        raise ValidationError({"end": BACK_BEFORE_OUT})
    if Occupancy.objects.filter(overlapping(start, end), unit=unit).exists():
        raise ValidationError(
            {
                "start": _(
                    "Someone lives in this unit on these dates: move them or end the stay first."
                )
            }
        )


@transaction.atomic
def close_unit(
    unit: Unit,
    *,
    start: date,
    end: date | None,
    reason: str,
    by: Principal,
) -> UnitClosure:
    """Take a unit out of service (works, damage) from `start` until `end` (open if None)."""
    _check_period(unit, start, end, by)
    closure = UnitClosure(
        organisation_id=unit.organisation_id, unit=unit, start=start, end=end, reason=reason
    )
    return writes.save_new(closure, by=by, site_id=unit.building.site_id)


@transaction.atomic
def update_closure(
    closure: UnitClosure,
    *,
    start: date,
    end: date | None,
    reason: str,
    by: Principal,
) -> UnitClosure:
    """Change the dates or the reason; an end date puts the unit back in service that day."""
    _check_period(closure.unit, start, end, by)
    closure.start, closure.end, closure.reason = start, end, reason
    closure.full_clean()
    return writes.save_changed(closure, by=by, site_id=closure.unit.building.site_id)


@transaction.atomic
def remove_closure(closure: UnitClosure, *, by: Principal) -> None:
    """Remove a period entered by mistake: the unit was never out of service."""
    site_id = closure.unit.building.site_id
    by.require(Perm.HOUSING_EDIT, site_id)
    writes.delete_audited(closure, by=by, site_id=site_id)
