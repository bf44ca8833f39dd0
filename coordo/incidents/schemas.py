"""The shapes of the incidents API: a report comes in whole; what goes out holds no narrative
and no name (the report's page shows those, to whom the rule allows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Schema

from coordo.access.ids import Id
from coordo.api.input import Input
from coordo.incidents.catalogue import GbvContext, IncidentType
from coordo.incidents.models import FollowUpAction, Incident, Place, Status


class ReportIn(Input):
    site_id: Id
    key: UUID  # the same key twice records once (a retried call)
    occurred_at: datetime
    place: Place
    type: IncidentType
    severity: Literal[1, 2, 3, 4]
    narrative: str = Field(max_length=5000, min_length=1)
    gbv_context: GbvContext | Literal[""] = ""
    victim: str = Field("", max_length=250)
    author: str = Field("", max_length=250)
    witness: str = Field("", max_length=250)
    first_aid: bool = False
    police: bool = False
    ambulance: bool = False
    asked_to_leave: bool = False
    informed: str = Field("", max_length=250)


class IncidentOut(Schema):
    id: int
    site_id: int
    type: IncidentType
    severity: int
    place: Place
    status: Status
    occurred_at: datetime
    reported_at: datetime
    alerted_at: datetime | None
    acknowledged_at: datetime | None
    escalated_at: datetime | None
    nobody_on_call: bool


def incident_out(incident: Incident) -> IncidentOut:
    return IncidentOut(
        id=incident.pk,
        site_id=incident.site_id,
        type=IncidentType(incident.type),
        severity=incident.severity,
        place=Place(incident.place),
        status=Status(incident.status),
        occurred_at=incident.occurred_at,
        reported_at=incident.reported_at,
        alerted_at=incident.alerted_at,
        acknowledged_at=incident.acknowledged_at,
        escalated_at=incident.escalated_at,
        nobody_on_call=incident.nobody_on_call,
    )


class ActionOut(Schema):
    id: int
    title: str
    due: date
    incident_id: int
    site_id: int


def action_out(action: FollowUpAction) -> ActionOut:
    return ActionOut(
        id=action.pk,
        title=action.title,
        due=action.due,
        incident_id=action.incident_id,
        site_id=action.incident.site_id,
    )
