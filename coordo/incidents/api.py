"""Incidents endpoints: report, acknowledge an alert, one's open follow-up actions — under the
same rules as the pages (coordo/incidents/queries.py)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from coordo.access.api_auth import api_principal, named_worker
from coordo.access.ids import Id
from coordo.access.policy import Perm
from coordo.access.queries import get_site
from coordo.incidents import actions, queries
from coordo.incidents.actions import REPORT_FIELDS, Involved, escalation
from coordo.incidents.models import InvolvementRole
from coordo.incidents.schemas import ActionOut, IncidentOut, ReportIn, action_out, incident_out

router = Router(tags=["incidents"])


@router.post("/incidents", response={201: IncidentOut})
def report_incident(request: HttpRequest, payload: ReportIn) -> Status:
    """Record a report (severity 3–4 alert the person on call at once)."""
    principal = api_principal(request)
    site = get_site(principal, payload.site_id)
    principal.require(Perm.INCIDENT_REPORT, site.pk)
    involved = [
        Involved(InvolvementRole.VICTIM, description=payload.victim),
        Involved(InvolvementRole.AUTHOR, description=payload.author),
        Involved(InvolvementRole.WITNESS, description=payload.witness),
    ]
    incident = actions.report_incident(
        site=site,
        involved=involved,
        by=principal,
        **{name: getattr(payload, name) for name in REPORT_FIELDS},
    )
    return Status(201, incident_out(incident))


@router.post("/incidents/{incident_id}/acknowledge", response=IncidentOut)
def acknowledge_incident(request: HttpRequest, incident_id: Id) -> IncidentOut:
    """One click: the person the alert reached (or the site's coordination) is on it."""
    principal = named_worker(request)
    incident = queries.get_alerted_incident(principal, incident_id)
    return incident_out(escalation.acknowledge_alert(incident, by=principal))


@router.get("/incidents/actions/mine", response=list[ActionOut])
def my_actions(request: HttpRequest) -> list[ActionOut]:
    """The follow-up actions the caller owns and has not done yet."""
    principal = named_worker(request)
    return [action_out(action) for action in queries.open_actions_of(principal)[:200]]
