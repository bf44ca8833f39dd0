"""What the community app holds on a person: the outreach contacts where she agreed to be named.

The programme names a participant by a first name or pseudonym she chooses, never a
Person; attendance and the day centre are counts only.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from coordo import personal_data
from coordo.access.scoping import Principal
from coordo.community import queries
from coordo.people.models import Person


def outreach_contacts(principal: Principal, person: Person) -> list[dict[str, Any]]:
    return [
        {
            "date": contact.round.held_on,
            "area": contact.round.area,
            "needs": ", ".join(contact.needs),
            "given": ", ".join(contact.given),
            "oriented": contact.request_id is not None,
        }
        for contact in queries.contacts_of_person(principal, person)
    ]


SOURCES = (
    personal_data.Source(
        "outreach_contacts",
        _("Outreach contacts"),
        ("community.OutreachContact",),
        outreach_contacts,
        95,
        fields={
            "date": _("Date"),
            "area": _("area or place"),
            "needs": _("needs"),
            "given": _("what was given"),
            "oriented": _("oriented to the front desk"),
        },
    ),
)
