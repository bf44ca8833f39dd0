"""Attendance: a few counts per occurrence, by broad category, entered on a phone. No names."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.community import recurrence
from coordo.community.models import CATEGORIES, Activity, Attendance, OccurrenceChange

COUNTS = ("total", *CATEGORIES, "first_visits")


def _validate_counts(
    activity: Activity, counts: dict[str, int], over_capacity_confirmed: bool
) -> None:
    errors = {
        name: _("A count cannot be under zero.") for name in COUNTS if counts.get(name, 0) < 0
    }
    if errors:
        raise ValidationError(errors)
    total = counts["total"]
    if sum(counts.get(name, 0) for name in CATEGORIES) > total:
        raise ValidationError({"total": _("The categories add up to more than the total.")})
    if counts.get("first_visits", 0) > total:
        raise ValidationError({"first_visits": _("More first visits than people came.")})
    if activity.capacity is not None and total > activity.capacity and not over_capacity_confirmed:
        raise ValidationError(
            {
                "over_capacity_confirmed": _(
                    "%(total)s is above the capacity of %(capacity)s: tick the box to confirm."
                )
                % {"total": total, "capacity": activity.capacity}
            }
        )


def _took_place(activity: Activity, day: date) -> None:
    change = OccurrenceChange.objects.filter(activity=activity, original_date=day).first()
    if change is not None and change.cancelled:
        raise ValidationError({"occurrence_date": _("This occurrence was cancelled.")})
    if day not in recurrence.occurrence_dates(
        activity.starts_on, activity.start_time, activity.recurrence, day, day
    ):
        raise ValidationError({"occurrence_date": _("The activity does not take place that day.")})


@transaction.atomic
def record_attendance(
    activity: Activity,
    *,
    occurrence_date: date,
    total: int,
    participants: int = 0,
    neighbours: int = 0,
    residents: int = 0,
    children: int = 0,
    partner_workers: int = 0,
    first_visits: int = 0,
    over_capacity_confirmed: bool = False,
    by: Principal,
) -> Attendance:
    """Record (or correct) the counts of one occurrence."""
    by.require(Perm.ATTENDANCE_RECORD, activity.site_id)
    counts = {
        "total": total,
        "participants": participants,
        "neighbours": neighbours,
        "residents": residents,
        "children": children,
        "partner_workers": partner_workers,
        "first_visits": first_visits,
    }
    _validate_counts(activity, counts, over_capacity_confirmed)
    _took_place(activity, occurrence_date)
    attendance, _created = Attendance.objects.update_or_create(
        activity=activity,
        occurrence_date=occurrence_date,
        defaults={
            "organisation_id": activity.organisation_id,
            "recorded_by_id": by.user_id,
            **counts,
        },
    )
    return attendance
