"""Everything held on one person, for a subject access request (GDPR art. 15).

The parts come from every app through `coordo.personal_data`; this module gives case
work's own: front-desk requests, case files with plan, appointments and the notes the
exporting coordinator may read (team, restricted), referrals, and the case meetings
that discussed her (decisions and dates; the other persons discussed are only counted).
Medical notes are not in this export: they are read by the medical staff only, who
give them to the person themselves. Other persons are replaced by their role ("another
household member"); workers appear as "a worker", never by name.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordo import personal_data
from coordo.access.scoping import Principal
from coordo.casework import queries
from coordo.casework.queries import meetings_visible_to
from coordo.people.models import Person


def _date(value: Any) -> str | None:
    return value.isoformat() if value else None


def gather(principal: Principal, person: Person) -> dict[str, Any]:
    return personal_data.gather_all(principal, person)


def sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The printable page's sections: each source's title with its rows or its template."""
    return [
        {
            "source": source,
            "rows": data[source.key],
            "records": personal_data.labelled(source, data[source.key]) if source.fields else None,
        }
        for source in personal_data.sources()
    ]


def requests(principal: Principal, person: Person) -> list[dict[str, Any]]:
    return [
        {
            "date": _date(r.received_at),
            "kind": r.get_kind_display(),
            "urgency": r.get_urgency_display(),
            "outcome": r.get_outcome_display(),
        }
        for r in queries.requests_visible_to(principal).filter(person=person)
    ]


def case_files(principal: Principal, person: Person) -> list[dict[str, Any]]:
    worker = _("a worker")
    files = queries.case_files_visible_to(principal).filter(person=person)
    notes = queries.notes_visible_to(principal).filter(case_file__in=files)
    return [
        {
            "site": case_file.site.name,
            "status": case_file.get_status_display(),
            "opened_on": _date(case_file.opened_at),
            "closed_on": _date(case_file.closed_at),
            "closed_reason": case_file.closed_reason,
            "referent": worker,
            "plan": [
                {
                    "domain": g.get_domain_display(),
                    "goal": g.description,
                    "target_date": _date(g.target_date),
                    "progress": g.progress,
                }
                for g in case_file.goals.all()
            ],
            "appointments": [
                {
                    "at": _date(a.starts_at),
                    "purpose": a.purpose,
                    "partner": a.partner.name if a.partner else None,
                }
                for a in case_file.appointments.select_related("partner")
            ],
            "notes": [
                {
                    "date": _date(n.created_at),
                    "level": n.get_level_display(),
                    "author": worker,
                    "text": n.body,
                }
                for n in notes
                if n.case_file_id == case_file.pk
            ],
        }
        for case_file in files
    ]


def referrals(principal: Principal, person: Person) -> list[dict[str, Any]]:
    return [
        {
            "date": _date(r.sent_at),
            "partner": r.partner.name,
            "service": r.service.name if r.service else None,
            "reason": r.reason,
            "status": r.get_status_display(),
            "information_shared": r.information_shared,
            "refusal_reason": r.refusal_reason,
        }
        for r in queries.referrals_visible_to(principal).filter(person=person)
    ]


def case_meetings(principal: Principal, person: Person) -> list[dict[str, Any]]:
    worker = _("a worker")
    return [
        {
            "date": _date(m.held_on),
            "other_persons_discussed": len(m.persons.all()) - 1,
            "decisions": [
                {"decision": a.description, "owner": worker, "due": _date(a.due_date)}
                for a in m.actions.all()
            ],
        }
        for m in meetings_visible_to(principal).filter(persons=person)
    ]


def _source(key: str, title: Any, models: tuple[str, ...], gather: Any, order: int) -> Any:
    template = f"casework/subject_access.html#{key}"
    return personal_data.Source(key, title, models, gather, order, template=template)


SOURCES = (
    _source(
        "requests", gettext_lazy("Requests at the front desk"), ("casework.Request",), requests, 30
    ),
    _source("case_files", gettext_lazy("Case files"), ("casework.CaseFile",), case_files, 40),
    _source(
        "referrals", gettext_lazy("Referrals to partners"), ("casework.Referral",), referrals, 50
    ),
    _source(
        "case_meetings", gettext_lazy("Case meetings"), ("casework.CaseMeeting",), case_meetings, 60
    ),
)
