"""Community endpoints: the public programme (no token, no personal data), and the counts
a host's phone or an integration records (attendance, anonymous outreach contacts)."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Status

from coordo.access.api_auth import api_principal
from coordo.access.ids import Id
from coordo.access.policy import Perm
from coordo.community import actions, queries
from coordo.community.actions import outreach
from coordo.community.schemas import (
    AttendanceIn,
    AttendanceOut,
    ContactIn,
    ContactOut,
    PublicActivityOut,
    PublicOccurrenceOut,
    occurrence_out,
)
from coordo.web import caching

router = Router(tags=["community"])
WEEKS_AHEAD = 6


@router.get("/programme/{site_id}/activities", response=list[PublicActivityOut], auth=None)
def list_public_activities(
    request: HttpRequest, response: HttpResponse, site_id: Id
) -> list[PublicActivityOut]:
    """The published activities of a site whose programme is public; 404 otherwise.
    Cacheable as the public page is."""
    site = queries.public_site(site_id)
    caching.public(response)
    return [
        PublicActivityOut.model_validate(activity, from_attributes=True)
        for activity in queries.published_activities(site)[:500]
    ]


@router.get("/programme/{site_id}/occurrences", response=list[PublicOccurrenceOut], auth=None)
def list_public_occurrences(
    request: HttpRequest, response: HttpResponse, site_id: Id
) -> list[PublicOccurrenceOut]:
    """The next six weeks of the public programme, cancellations and moves applied.
    Cacheable as the public page is."""
    site = queries.public_site(site_id)
    caching.public(response)
    today = timezone.localdate()
    items = queries.programme(
        queries.published_activities(site), today, today + timedelta(weeks=WEEKS_AHEAD)
    )
    return [occurrence_out(item) for item in items[:1000]]


@router.post("/community/activities/{activity_id}/attendance", response={201: AttendanceOut})
def record_attendance(request: HttpRequest, activity_id: Id, payload: AttendanceIn) -> Status:
    principal = api_principal(request)
    activity = queries.get_activity(principal, activity_id, Perm.ATTENDANCE_RECORD)
    row = actions.record_attendance(activity, by=principal, **payload.dict())
    return Status(201, AttendanceOut.of(row))


@router.post("/community/outreach/{round_id}/contacts", response={201: ContactOut})
def record_contact(request: HttpRequest, round_id: Id, payload: ContactIn) -> Status:
    principal = api_principal(request)
    found = queries.get_round(principal, round_id)
    contact = outreach.record_contact(found, by=principal, **payload.dict())
    return Status(201, ContactOut.of(contact))
