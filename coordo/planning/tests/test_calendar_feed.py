"""The personal calendar: published shifts only, behind a secret that can be renewed."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
from django.test import Client
from django.utils import timezone

from conftest import verified_client
from coordo.access.models import AuditEvent, Site, User
from coordo.planning.models import Assignment, Planning, PlanningStatus, Shift, Worker
from coordo.planning.tests.factories import publish_with


def test_the_feed_lists_published_shifts(
    draft: Planning, team: list[Worker], coordinator: User
) -> None:
    worker = team[2]
    shift = publish_with(draft, [worker, team[3]], coordinator, needs_language=False)
    response = Client().get(f"/planning/calendar/{worker.calendar_token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Coordo//Planning//EN\r\n")
    assert body.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:shift-{shift.pk}-worker-{worker.pk}@testserver\r\n" in body
    assert (
        "DTSTART;TZID=Europe/Brussels:20261202T120000\r\n"
        "DTEND;TZID=Europe/Brussels:20261202T150000\r\n"
    ) in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert AuditEvent.objects.filter(action="export", object_id=str(worker.pk)).count() == 1
    # A secret address: no browser or proxy keeps a copy.
    assert response["Cache-Control"] == "no-store"
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert str(event["UID"]) == f"shift-{shift.pk}-worker-{worker.pk}@testserver"
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 12, 2, 11, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == datetime(2026, 12, 2, 14, tzinfo=UTC)


def _published_shift(site: Site, coordinator: User, worker: Worker, start: str, end: str) -> None:
    planning = Planning.objects.create(
        organisation=site.organisation,
        site=site,
        month=datetime.fromisoformat(start).date(),
        status=PlanningStatus.PUBLISHED,
        version=1,
        created_by=coordinator,
    )
    shift = Shift.objects.create(
        organisation=site.organisation,
        site=site,
        required=1,
        start=timezone.make_aware(datetime.fromisoformat(start)),
        end=timezone.make_aware(datetime.fromisoformat(end)),
    )
    Assignment.objects.create(
        organisation_id=planning.organisation_id, planning=planning, shift=shift, worker=worker
    )


def test_shifts_around_the_summer_time_change_keep_their_wall_clock_hours(
    team: list[Worker], coordinator: User, site: Site
) -> None:
    worker = team[2]
    # Saturday before and Sunday of the change (28 March 2027, 02:00 becomes 03:00).
    _published_shift(site, coordinator, worker, "2027-03-27T09:00", "2027-03-27T12:00")
    _published_shift(site, coordinator, worker, "2027-03-28T09:00", "2027-03-28T12:00")
    body = Client().get(f"/planning/calendar/{worker.calendar_token}.ics").content.decode()
    assert "DTSTART;TZID=Europe/Brussels:20270327T090000\r\n" in body
    assert "DTSTART;TZID=Europe/Brussels:20270328T090000\r\n" in body
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    starts = [e.decoded("DTSTART").astimezone(UTC) for e in events]
    assert starts == [datetime(2027, 3, 27, 8, tzinfo=UTC), datetime(2027, 3, 28, 7, tzinfo=UTC)]


def test_a_renewed_link_ends_the_old_one(draft: Planning, team: list[Worker], host: User) -> None:
    Worker.objects.filter(pk=team[2].pk).update(user=host)
    old = team[2].calendar_token
    client = verified_client(host)
    assert client.post("/planning/mine/calendar/renew/").status_code == 302
    team[2].refresh_from_db()
    assert team[2].calendar_token != old
    assert Client().get(f"/planning/calendar/{old}.ics").status_code == 404
    page = client.get("/planning/mine/").content.decode()
    assert f"/planning/calendar/{team[2].calendar_token}.ics" in page


def test_my_shifts_lists_the_published_ones(
    draft: Planning, team: list[Worker], coordinator: User, host: User
) -> None:
    Worker.objects.filter(pk=team[2].pk).update(user=host)
    publish_with(draft, [team[2], team[3]], coordinator, needs_language=False)
    page = verified_client(host).get("/planning/mine/").content.decode()
    assert "Wednesday 2 December" in page
    assert "12:00–15:00" in page
