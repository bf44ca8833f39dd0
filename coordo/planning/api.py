"""Planning endpoints: published plannings, absences and weekly availability."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import PlainSerializer, WithJsonSchema

from coordo.access import audit
from coordo.access.api_auth import api_principal, named_worker
from coordo.access.ids import Id
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.api.input import Input
from coordo.planning import actions, queries
from coordo.planning.fetch import month_shifts
from coordo.planning.grid import saved_plan
from coordo.planning.models import (
    Absence,
    AbsenceReason,
    PlanningStatus,
    WeekDay,
    WindowKind,
    Worker,
)

router = Router(tags=["planning"])

# A wall-clock time at the site, "08:00:00": JSON Schema's "time" format demands a UTC offset.
LocalTime = Annotated[
    time,
    PlainSerializer(lambda value: value.strftime("%H:%M:%S"), return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$", "example": "08:00:00"}
    ),
]


def _worker(principal: Principal, worker_id: int) -> Worker:
    return queries.get_planned_worker(principal, worker_id)


class ShiftOut(Schema):
    id: Id
    start: datetime
    end: datetime
    required: int
    languages_any: list[str]
    worker_ids: list[Id]


class PlanningOut(Schema):
    id: Id
    site_id: Id
    month: date
    status: PlanningStatus
    version: int
    shifts: list[ShiftOut]


class AbsenceIn(Input):
    reason: AbsenceReason
    first_day: date
    last_day: date


class AbsenceOut(Schema):
    id: Id
    worker_id: Id
    reason: AbsenceReason
    first_day: date
    last_day: date


class WindowOut(Schema):
    kind: WindowKind
    weekday: WeekDay
    start: LocalTime
    end: LocalTime | None


@router.get("/plannings/{planning_id}", response=PlanningOut)
def get_planning(request: HttpRequest, planning_id: Id) -> PlanningOut:
    """A planning with its shifts and who works them (drafts only for their editors)."""
    principal = api_principal(request, Perm.PLANNING_VIEW)
    planning = queries.get_planning(principal, planning_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=planning)
    plan = saved_plan(planning)
    shifts = [
        ShiftOut(
            id=s.pk,
            start=s.start,
            end=s.end,
            required=s.required,
            languages_any=list(s.languages_any),
            worker_ids=sorted(plan.get(s.pk, [])),
        )
        for s in month_shifts(planning)
    ]
    return PlanningOut(
        id=planning.pk,
        site_id=planning.site_id,
        month=planning.month,
        status=PlanningStatus(planning.status),
        version=planning.version,
        shifts=shifts,
    )


@router.get("/absences", response=list[AbsenceOut])
def list_absences(request: HttpRequest) -> list[Absence]:
    """Absences of the workers of the sites the caller plans."""
    principal = api_principal(request, Perm.PLANNING_EDIT)
    audit.record(AuditAction.LIST, principal=principal, object_type="planning.absence")
    return list(queries.absences_planned_by(principal))


@router.post("/workers/{worker_id}/absences", response={201: AbsenceOut})
def create_absence(request: HttpRequest, worker_id: Id, payload: AbsenceIn) -> Status:
    principal = api_principal(request, Perm.PLANNING_EDIT)
    # An absence is entered by a named person, not an integration.
    by = named_worker(request)
    absence = actions.record_absence(
        _worker(principal, worker_id),
        reason=payload.reason,
        first_day=payload.first_day,
        last_day=payload.last_day,
        by=by,
    ).absence
    return Status(201, AbsenceOut.from_orm(absence))


@router.get("/workers/{worker_id}/availability", response=list[WindowOut])
def get_availability(request: HttpRequest, worker_id: Id) -> list[WindowOut]:
    """A worker's weekly available, preferred and undesired windows."""
    principal = api_principal(request, Perm.PLANNING_EDIT)
    worker = _worker(principal, worker_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=worker)
    return [
        WindowOut(kind=WindowKind(w.kind), weekday=WeekDay(w.weekday), start=w.start, end=w.end)
        for w in worker.windows.all()
    ]
