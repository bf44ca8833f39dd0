"""What housing holds on a person: her stays (where she slept, when) and her requests for a place."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from coordo import personal_data
from coordo.access.scoping import Principal
from coordo.housing import queries
from coordo.people.models import Person


def stays(principal: Principal, person: Person) -> list[dict[str, Any]]:
    return [
        {
            "site": stay.site.name,
            "start": stay.start,
            "planned_end": stay.planned_end,
            "end": stay.end,
            "exit_reason": stay.get_exit_reason_display() if stay.exit_reason else None,
            "places": ", ".join(
                sorted(
                    {
                        queries.unit_label(principal, occupancy.unit)
                        for occupancy in stay.occupancies.all()
                        if occupancy.person_id == person.pk
                    }
                )
            ),
        }
        for stay in queries.stays_of_person(principal, person)
    ]


def place_requests(principal: Principal, person: Person) -> list[dict[str, Any]]:
    return [
        {
            "requested_on": request.requested_on,
            "persons": request.persons,
            "status": request.get_status_display(),
            "needs_family_unit": request.needs_family_unit,
            "needs_women_only": request.needs_women_only,
            "needs_accessible": request.needs_accessible,
            "notes": request.notes,
        }
        for request in queries.place_requests_of_person(principal, person)
    ]


SOURCES = (
    personal_data.Source(
        "stays",
        _("Stays"),
        ("housing.Stay", "housing.Occupancy"),
        stays,
        70,
        fields={
            "site": _("Site"),
            "start": _("Entry date"),
            "planned_end": _("Planned end"),
            "end": _("Exit date"),
            "exit_reason": _("Reason for leaving"),
            "places": _("Places"),
        },
    ),
    personal_data.Source(
        "place_requests",
        _("Requests for a place"),
        ("housing.PlaceRequest",),
        place_requests,
        80,
        fields={
            "requested_on": _("Request date"),
            "persons": _("Persons to house"),
            "status": _("Status"),
            "needs_family_unit": _("Needs a family unit"),
            "needs_women_only": _("Needs a women-only unit"),
            "needs_accessible": _("Needs an accessible unit"),
            "notes": _("Notes"),
        },
    ),
)
