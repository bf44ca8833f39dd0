"""What the incidents app holds on a person: the incidents she was involved in."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from coordo import personal_data
from coordo.access.scoping import Principal
from coordo.incidents import queries
from coordo.people.models import Person


def involvements(principal: Principal, person: Person) -> list[dict[str, Any]]:
    return [
        {
            "site": one.incident.site.name,
            "occurred_at": one.incident.occurred_at.isoformat(),
            "type": one.incident.get_type_display(),
            "role": one.get_role_display(),
            "description": one.description,
        }
        for one in queries.involvements_of_person(principal, person.pk)
    ]


SOURCES = (
    personal_data.Source(
        "incidents",
        _("Incidents"),
        ("incidents.Involvement", "incidents.Incident"),
        involvements,
        90,
        fields={
            "site": _("Site"),
            "occurred_at": _("When"),
            "type": _("Type"),
            "role": _("Involved as"),
            "description": _("Description"),
        },
    ),
)
