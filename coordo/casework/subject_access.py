"""Everything held on one person, for a subject access request (GDPR art. 15).

What is included: identity, household (other members by relationship only), consents,
front-desk requests, case files with plan, appointments and the notes the exporting
coordinator may read (team, restricted), referrals, and the case meetings that discussed
her (decisions and dates; the other persons discussed are only counted). Medical notes are not in this
export: they are read by the medical staff only, who give them to the person
themselves. Other persons are replaced by their role ("another household member");
workers appear as "a worker", never by name.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordo.access.scoping import Principal
from coordo.casework import queries
from coordo.casework.meetings import meetings_visible_to
from coordo.people.models import HouseholdMember, Person
from coordo.people.queries import consents_in_force

IDENTITY_LABELS = {
    "first_name": gettext_lazy("First name"), "last_name": gettext_lazy("Last name"),
    "birth_date": gettext_lazy("Birth date"), "birth_year": gettext_lazy("Birth year"),
    "sex": gettext_lazy("Sex"), "gender": gettext_lazy("Gender identity"),
    "nationality": gettext_lazy("Nationality"), "languages": gettext_lazy("Languages"),
    "phone": gettext_lazy("Phone"), "national_number": gettext_lazy("National number (NISS)"),
    "registered_at": gettext_lazy("Registered at"), "pseudonym": gettext_lazy("Pseudonym"),
}  # fmt: skip


def identity_rows(data: dict[str, Any]) -> list[tuple[str, Any]]:
    """The identity block with readable labels, for the printable page."""
    return [(str(IDENTITY_LABELS[key]), value) for key, value in data["person"].items()]


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def _household(person: Person) -> dict[str, Any] | None:
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


def gather(principal: Principal, person: Person) -> dict[str, Any]:
    worker = _("a worker")
    case_files = queries.case_files_visible_to(principal).filter(person=person)
    notes = queries.notes_visible_to(principal).filter(case_file__in=case_files)
    return {
        "person": {
            "first_name": person.first_name, "last_name": person.last_name,
            "birth_date": _date(person.birth_date), "birth_year": person.birth_year,
            "sex": person.get_sex_display(), "gender": person.gender,
            "nationality": person.get_nationality_display(), "languages": person.language_names,
            "phone": person.phone, "national_number": person.national_number,
            "registered_at": person.site.name, "pseudonym": person.pseudonym,
        },
        "household": _household(person),
        "consents": [
            {"purpose": record.get_purpose_display(), "given": record.given,
             "date": _date(record.date)}
            for record in consents_in_force(person).values()
        ],
        "requests": [
            {"date": _date(r.received_at), "kind": r.get_kind_display(),
             "urgency": r.get_urgency_display(), "outcome": r.get_outcome_display()}
            for r in queries.requests_visible_to(principal).filter(person=person)
        ],
        "case_files": [
            {
                "site": case_file.site.name, "status": case_file.get_status_display(),
                "opened_on": _date(case_file.opened_at), "closed_on": _date(case_file.closed_at),
                "closed_reason": case_file.closed_reason, "referent": worker,
                "plan": [
                    {"domain": g.get_domain_display(), "goal": g.description,
                     "target_date": _date(g.target_date), "progress": g.progress}
                    for g in case_file.goals.all()
                ],
                "appointments": [
                    {"at": _date(a.starts_at), "purpose": a.purpose,
                     "partner": a.partner.name if a.partner else None}
                    for a in case_file.appointments.select_related("partner")
                ],
                "notes": [
                    {"date": _date(n.created_at), "level": n.get_level_display(),
                     "author": worker, "text": n.body}
                    for n in notes if n.case_file_id == case_file.pk
                ],
            }
            for case_file in case_files
        ],
        "referrals": [
            {"date": _date(r.sent_at), "partner": r.partner.name,
             "service": r.service.name if r.service else None, "reason": r.reason,
             "status": r.get_status_display(), "information_shared": r.information_shared,
             "refusal_reason": r.refusal_reason}
            for r in queries.referrals_visible_to(principal).filter(person=person)
        ],
        "case_meetings": [
            {"date": _date(m.held_on), "other_persons_discussed": len(m.persons.all()) - 1,
             "decisions": [{"decision": a.description, "owner": worker, "due": _date(a.due_date)}
                           for a in m.actions.all()]}
            for m in meetings_visible_to(principal).filter(persons=person)
        ],
    }  # fmt: skip
