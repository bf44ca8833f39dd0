"""Every write to stays and occupancies: admit, move, end. One transaction, one audit row.

A place is never given twice. The unit's row is locked first (PostgreSQL), or the
IMMEDIATE transaction already holds the write lock (SQLite), so the free slots read
here are still free when they are written; the exclusion constraints of migration
0003 are the last guard, and their IntegrityError says "no longer free: someone else
was given it meanwhile".

A refusal says its real reason, one message (and code) each: not in service, closed,
women only, someone already housed elsewhere, too small, or taken — by whom and until
when for the occupants the user may see. An admission that lost a race finds the
winner's occupancy after the lock, and says so the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordo.access import audit
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.housing.models import (
    HouseholdType,
    Occupancy,
    Stay,
    Unit,
    UnitClosure,
    new_occupancies,
    overlapping,
)
from coordo.people.models import Household, Person, Relationship, Sex
from coordo.people.queries import persons_visible_to

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NO_LONGER_FREE = _(
    "This place is no longer free: someone else was given it meanwhile. "
    "Choose another unit or another date."
)
ADULT_AGE = 18


def free_slots(unit: Unit, start: date, end: date | None, *, stay: Stay | None = None) -> list[int]:
    """The bed slots of `unit` free on every night of [start, end); none if a family is there
    or the unit is not in service on all of these nights."""
    if not unit.in_service(start, end):
        return []
    held = Occupancy.objects.filter(overlapping(start, end), unit=unit)
    if stay is not None:
        held = held.exclude(stay=stay)
    if unit.family and held.exists():
        return []
    taken = set(held.values_list("slot", flat=True))
    return [slot for slot in range(1, unit.capacity + 1) if slot not in taken]


def _household_type(persons: Sequence[Person], relationships: dict[int, str]) -> str:
    adults = [p for p in persons if relationships.get(p.pk) != Relationship.CHILD]
    children = len(persons) - len(adults)
    if len(adults) == 1 and not children:
        alone = {
            str(Sex.FEMALE): HouseholdType.SINGLE_WOMAN,
            str(Sex.MALE): HouseholdType.SINGLE_MAN,
        }
        return alone.get(adults[0].sex, HouseholdType.SINGLE_PERSON)
    if len(adults) == 1:
        return HouseholdType.SINGLE_PARENT
    if len(adults) == 2:
        return HouseholdType.COUPLE_CHILDREN if children else HouseholdType.COUPLE
    return HouseholdType.OTHER


def _check_in_service(unit: Unit, start: date, end: date | None) -> None:
    """Nobody sleeps in a unit before it entered service or after it left it: its capacity
    counts over its service only (coordo.housing.figures)."""
    opened, withdrawn = unit.in_service_from, unit.out_of_service_from
    if start < opened:
        message = _("This unit is in service from %(date)s only.") % {"date": _day(opened)}
    elif withdrawn is not None and start >= withdrawn:
        message = _("This unit was withdrawn from service on %(date)s.") % {"date": _day(withdrawn)}
    elif withdrawn is not None and (end is None or end > withdrawn):
        message = _(
            "This unit leaves service on %(date)s: nobody can move in for an open stay. "
            "Choose another unit."
        ) % {"date": _day(withdrawn)}
    else:
        return
    raise _refuse(message, "not_in_service")


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


def _refuse(message: StrOrPromise, code: str, field: str = "unit") -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_unit_accepts(
    unit: Unit, persons: Sequence[Person], start: date, end: date | None
) -> None:
    """Each reason a unit cannot take these persons on these nights, in its own words."""
    _check_in_service(unit, start, end)
    closure = UnitClosure.objects.filter(overlapping(start, end), unit=unit).first()
    if closure is not None:
        dates = {"start": _day(closure.start), "reason": closure.reason}
        if closure.end is None:
            message = _("This unit is out of service from %(start)s (%(reason)s).") % dates
        else:
            message = _(
                "This unit is out of service from %(start)s until %(end)s (%(reason)s)."
            ) % (dates | {"end": _day(closure.end)})
        raise _refuse(message, "closed")
    if unit.women_only and any(
        p.sex == Sex.MALE and p.birth_year and start.year - p.birth_year >= ADULT_AGE
        for p in persons
    ):
        raise _refuse(_("This unit is for women (and their children) only."), "women_only")
    busy = Occupancy.objects.filter(overlapping(start, end), person__in=persons)
    if busy.exists():
        raise _refuse(
            _("Someone in this household already has a place on these dates."), "busy", "persons"
        )
    if len(persons) > unit.capacity:
        message = ngettext(
            "This unit has %(capacity)d bed: too small for %(persons)d persons.",
            "This unit has %(capacity)d beds: too small for %(persons)d persons.",
            unit.capacity,
        ) % {"capacity": unit.capacity, "persons": len(persons)}
        raise _refuse(message, "too_small")


def occupants(
    unit: Unit, start: date, end: date | None, principal: Principal, *, besides: Stay | None = None
) -> list[str]:
    """Who holds the unit's beds on these nights (other than `besides`), and over which
    dates: the households whose head the principal may see, by name; the others counted."""
    held = (
        Occupancy.objects.filter(overlapping(start, end), unit=unit)
        .exclude(stay=besides)
        .values_list("stay_id", "stay__head_id", "start", "end")
        .order_by("start", "stay_id")
    )
    stays: dict[int, tuple[int, date, date | None]] = {}
    for stay_id, head_id, first, last in held:
        known = stays.get(stay_id)
        if known is not None:
            last = None if known[2] is None or last is None else max(known[2], last)
            first = min(known[1], first)
        stays[stay_id] = (head_id, first, last)
    heads = {head for head, _first, _last in stays.values()}
    names = {
        person.pk: f"{person.first_name} {person.last_name}"
        for person in persons_visible_to(principal).filter(pk__in=heads)
    }
    found: list[str] = []
    unseen = 0
    for head, first, last in stays.values():
        if head not in names:
            unseen += 1
        elif last is None:
            found.append(
                _("%(name)s from %(start)s, no exit date yet")
                % {"name": names[head], "start": _day(first)}
            )
        else:
            found.append(
                _("%(name)s from %(start)s to %(end)s")
                % {"name": names[head], "start": _day(first), "end": _day(last)}
            )
    if unseen and found:
        others = ngettext("%(count)d other household", "%(count)d other households", unseen)
        found.append(others % {"count": unseen})
    elif unseen:
        found.append(
            ngettext("%(count)d household", "%(count)d households", unseen) % {"count": unseen}
        )
    return found


def _taken(
    unit: Unit,
    free: int,
    persons: int,
    start: date,
    end: date | None,
    stay: Stay,
    principal: Principal,
) -> ValidationError:
    """The unit is too full for these persons on these nights: how full, and by whom."""
    who = "; ".join(occupants(unit, start, end, principal, besides=stay))
    if unit.family or not free:
        message = _("This unit is already taken on these dates by %(who)s.") % {"who": who}
    else:
        message = ngettext(
            "Only %(free)d of this unit's %(capacity)d beds is free on these dates, for "
            "%(persons)d persons; the others are taken by %(who)s.",
            "Only %(free)d of this unit's %(capacity)d beds are free on these dates, for "
            "%(persons)d persons; the others are taken by %(who)s.",
            free,
        ) % {"free": free, "capacity": unit.capacity, "persons": persons, "who": who}
    return _refuse(message, "occupied")


def _take_slots(
    stay: Stay,
    unit: Unit,
    persons: Sequence[Person],
    start: date,
    end: date | None,
    principal: Principal,
) -> list[Occupancy]:
    # Lock the unit: concurrent admissions to it wait here, then read fresh occupancies.
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_unit_accepts(unit, persons, start, end)
    slots = free_slots(unit, start, end, stay=stay)
    if len(slots) < len(persons):
        raise _taken(unit, len(slots), len(persons), start, end, stay, principal)
    occupancies = new_occupancies(stay, unit, persons, slots, start, end)
    try:
        with transaction.atomic():
            Occupancy.objects.bulk_create(occupancies)
    except IntegrityError as error:  # a concurrent admission won after all (the last guard)
        # "conflict": the API answers 409, the state changed under the request.
        raise _refuse(NO_LONGER_FREE, "conflict") from error
    return occupancies


def _persons_of(
    head: Person, household: Household | None, admitted: Sequence[Person] | None = None
) -> tuple[list[Person], dict[int, str]]:
    """Who is admitted: the person alone, the whole household, or the chosen members of it."""
    if household is None:
        return [head], {head.pk: Relationship.HEAD}
    members = list(household.members.select_related("person"))
    relationships = {member.person_id: member.relationship for member in members}
    if admitted is None:
        return [member.person for member in members], relationships
    chosen = {person.pk for person in admitted}
    if not chosen <= relationships.keys():
        raise ValidationError({"members": _("Choose members of this household only.")})
    if head.pk not in chosen:
        raise ValidationError({"members": _("The head of household is admitted with the others.")})
    return [member.person for member in members if member.person_id in chosen], relationships


@transaction.atomic
def admit_household(
    unit: Unit,
    *,
    head: Person,
    household: Household | None = None,
    members: Sequence[Person] | None = None,
    start: date,
    planned_end: date | None = None,
    by: Principal,
) -> Stay:
    """Admit a person, or a household into one unit from `start`: everyone, or `members`.

    A member left out (an adult son who sleeps elsewhere) stays free to be admitted
    elsewhere; a family unit still holds this one stay only.
    """
    site_id = unit.building.site_id
    by.require(Perm.STAY_EDIT, site_id)
    if head.site_id != site_id or (household is not None and household.site_id != site_id):
        raise ValidationError({"head": _("The household must be registered at this site.")})
    persons, relationships = _persons_of(head, household, members)
    stay = Stay(
        organisation_id=unit.organisation_id,
        site_id=site_id,
        household=household,
        head=head,
        household_type=_household_type(persons, relationships),
        start=start,
        planned_end=planned_end,
        created_by_id=by.user_id,
    )
    stay.full_clean()
    if planned_end is not None and planned_end <= start:
        raise ValidationError({"planned_end": _("The planned end must be after the entry date.")})
    stay.save()
    _take_slots(stay, unit, persons, start, None, by)
    audit.record(AuditAction.CREATE, principal=by, obj=stay)
    return stay


def _open_occupancies(stay: Stay) -> list[Occupancy]:
    return list(stay.occupancies.filter(end__isnull=True).select_related("person"))


@transaction.atomic
def move_stay(stay: Stay, *, unit: Unit, on: date, by: Principal) -> Stay:
    """Move everyone of an open stay to another unit from the night of `on`."""
    by.require(Perm.STAY_EDIT, stay.site_id)
    if unit.building.site_id != stay.site_id:
        raise ValidationError({"unit": _("The unit must belong to the same site.")})
    current = _open_occupancies(stay)
    if stay.end is not None or not current:
        raise ValidationError({"on": _("This stay has ended.")})
    if any(occupancy.unit_id == unit.pk for occupancy in current):
        raise ValidationError({"unit": _("The household already lives in this unit.")})
    if any(on <= occupancy.start for occupancy in current):
        raise ValidationError({"on": _("The move must come after the last arrival.")})
    Occupancy.objects.filter(pk__in=[o.pk for o in current]).update(end=on)
    _take_slots(stay, unit, [occupancy.person for occupancy in current], on, None, by)
    audit.record(AuditAction.UPDATE, principal=by, obj=stay)
    return stay


@transaction.atomic
def end_stay(
    stay: Stay,
    *,
    end: date,
    exit_reason: str,
    destination: str,
    by: Principal,
) -> Stay:
    """Record the exit: the date, why, and where the household goes."""
    by.require(Perm.STAY_EDIT, stay.site_id)
    if stay.end is not None:
        raise ValidationError({"end": _("This stay has already ended.")})
    if end < stay.start:
        raise ValidationError({"end": _("The exit date cannot come before the entry date.")})
    missing = {
        name: _("This field is required at exit (choose “Unknown” if need be).")
        for name, value in (("exit_reason", exit_reason), ("destination", destination))
        if not value
    }
    if missing:
        raise ValidationError(missing)
    stay.end, stay.exit_reason, stay.destination = end, exit_reason, destination
    stay.full_clean()
    stay.save()
    # Nights end with the exit; an occupancy that had not begun yet leaves no night.
    stay.occupancies.filter(start__gte=end).delete()
    stay.occupancies.filter(Q(end__isnull=True) | Q(end__gt=end)).update(end=end)
    audit.record(AuditAction.UPDATE, principal=by, obj=stay)
    return stay
