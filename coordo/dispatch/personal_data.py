"""What dispatch holds on a person: her household's arrival, where it was placed, its screenings.

The medical screening gives only the needs the dispatcher sees; the medical details
are given to the person by the medical staff, as for medical notes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from coordo import personal_data
from coordo.access.scoping import Principal
from coordo.dispatch import queries
from coordo.dispatch.models import MedicalScreening, SocialScreening, VulnerabilityFlag
from coordo.people.models import Person


def _social(screening: SocialScreening | None) -> dict[str, Any]:
    if screening is None:
        return {}
    return {
        "school_language": screening.get_school_language_display() or None,
        "region": screening.get_region_display() or None,
        "vulnerabilities": ", ".join(
            str(VulnerabilityFlag(flag).label) for flag in screening.flags
        ),
        "women_only": screening.women_only,
        "unaccompanied_minor": screening.unaccompanied_minor,
        "social_screened_on": screening.screened_at.date(),
    }


def _medical(screening: MedicalScreening | None) -> dict[str, Any]:
    if screening is None:
        return {}
    return {
        "needs_medical": screening.needs_medical,
        "needs_accessible": screening.needs_accessible,
        "medical_screened_on": screening.screened_at.date(),
    }


def arrivals(principal: Principal, person: Person) -> list[dict[str, Any]]:
    return [
        {
            "site": arrival.site.name,
            "registered": arrival.registered,
            "status": arrival.get_status_display(),
            "placed_at": arrival.placed_unit.centre.site.name if arrival.placed_unit else None,
            **_social(getattr(arrival, "social", None)),
            **_medical(getattr(arrival, "medical", None)),
        }
        for arrival in queries.arrivals_of_person(principal, person)
    ]


SOURCES = (
    personal_data.Source(
        "arrivals",
        _("Arrival and screenings"),
        ("dispatch.Arrival", "dispatch.SocialScreening", "dispatch.MedicalScreening"),
        arrivals,
        90,
        fields={
            "site": _("Arrival centre"),
            "registered": _("Registered on"),
            "status": _("Status"),
            "placed_at": _("Placed at"),
            "school_language": _("School language"),
            "region": _("Preferred region"),
            "vulnerabilities": _("Vulnerabilities"),
            "women_only": _("Needs a women-only or private place"),
            "unaccompanied_minor": _("Unaccompanied minor"),
            "social_screened_on": _("Social screening on"),
            "needs_medical": _("Needs a medical place"),
            "needs_accessible": _("Needs reduced-mobility access"),
            "medical_screened_on": _("Medical screening on"),
        },
    ),
)
