"""What the people app holds on a person: identity, household (others by role only), consents."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordo import personal_data
from coordo.access.scoping import Principal
from coordo.people.models import HouseholdMember, Person
from coordo.people.queries import consents_in_force

IDENTITY_LABELS = {
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "birth_date": gettext_lazy("Birth date"),
    "birth_year": gettext_lazy("Birth year"),
    "sex": gettext_lazy("Sex"),
    "gender": gettext_lazy("Gender identity"),
    "nationality": gettext_lazy("Nationality"),
    "languages": gettext_lazy("Languages"),
    "phone": gettext_lazy("Phone"),
    "national_number": gettext_lazy("National number (NISS)"),
    "registered_at": gettext_lazy("Registered at"),
    "pseudonym": gettext_lazy("Pseudonym"),
}


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def identity(principal: Principal, person: Person) -> dict[str, Any]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": _date(person.birth_date),
        "birth_year": person.birth_year,
        "sex": person.get_sex_display(),
        "gender": person.gender,
        "nationality": person.get_nationality_display(),
        "languages": person.language_names,
        "phone": person.phone,
        "national_number": person.national_number,
        "registered_at": person.site.name,
        "pseudonym": person.pseudonym,
    }


def household(principal: Principal, person: Person) -> dict[str, Any] | None:
    membership = person.memberships.select_related("household").first()
    if membership is None:
        return None
    members = HouseholdMember.objects.filter(household=membership.household).order_by("id")
    return {
        "your_relationship": membership.get_relationship_display(),
        "members": [
            _("you")
            if member.person_id == person.pk
            else _("another household member (%(relationship)s)")
            % {"relationship": member.get_relationship_display()}
            for member in members
        ],
    }


def consents(principal: Principal, person: Person) -> list[dict[str, Any]]:
    return [
        {"purpose": record.get_purpose_display(), "given": record.given, "date": _date(record.date)}
        for record in consents_in_force(person).values()
    ]


SOURCES = (
    personal_data.Source(
        "person", gettext_lazy("Identity"), ("people.Person",), identity, 0, fields=IDENTITY_LABELS
    ),
    personal_data.Source(
        "household",
        gettext_lazy("Household"),
        ("people.Household", "people.HouseholdMember"),
        household,
        10,
        template="people/subject_access.html#household",
    ),
    personal_data.Source(
        "consents",
        gettext_lazy("Consents"),
        ("people.ConsentRecord",),
        consents,
        20,
        template="people/subject_access.html#consents",
    ),
)
