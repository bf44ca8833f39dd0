"""A coordinator adds the site's workers and recurring slots; drafts are made from them."""

from __future__ import annotations

from datetime import time

from conftest import verified_client
from coordo.access.models import AuditEvent, Site, User
from coordo.planning.models import ShiftTemplate, WeeklyWindow, Worker
from coordo.planning.tests.factories import make_draft

WORKER = {
    "name": "Nora Test",
    "kind": "volunteer",
    "languages": ["ar"],
    "max_shifts_per_month": 6,
    "weekdays": [0, 2],
    "available_from": "09:00",
    "available_to": "15:00",
}


def test_a_worker_is_added_with_their_weekly_availability(
    today: None, site: Site, coordinator: User
) -> None:
    client = verified_client(coordinator)
    assert client.post("/planning/setup/workers/", WORKER).status_code == 302
    worker = Worker.objects.get(name="Nora Test")
    assert list(worker.sites.all()) == [site]
    assert (worker.languages, worker.max_shifts_per_month) == (["ar"], 6)
    windows = WeeklyWindow.objects.filter(worker=worker).values_list("weekday", "start", "end")
    assert list(windows) == [(0, time(9), time(15)), (2, time(9), time(15))]
    assert AuditEvent.objects.filter(object_type="planning.worker", action="create").count() == 1
    assert "Nora Test" in client.get("/planning/setup/").content.decode()


def test_a_window_that_ends_before_it_starts_is_refused(
    today: None, site: Site, coordinator: User
) -> None:
    response = verified_client(coordinator).post(
        "/planning/setup/workers/", {**WORKER, "available_to": "08:00"}, follow=True
    )
    assert "The window must end after it starts." in response.content.decode()
    assert Worker.objects.count() == 0


def test_a_slot_generates_the_shifts_of_a_new_draft(
    today: None, site: Site, coordinator: User
) -> None:
    slot = {"weekdays": [1], "start": "18:00", "end": "", "required": 1, "languages_any": ["ti"]}
    assert verified_client(coordinator).post("/planning/setup/slots/", slot).status_code == 302
    template = ShiftTemplate.objects.get()
    assert (template.start, template.end, template.languages_any) == (time(18), None, ["ti"])
    make_draft(site, coordinator)
    # Tuesdays of December 2026: 1, 8, 15, 22, 29; each 18:00 to midnight.
    ends = [s.end.isoformat() for s in template.shifts.order_by("start")]
    assert len(ends) == 5
    assert ends[0] == "2026-12-01T23:00:00+00:00"


def test_a_slot_ends_after_it_starts(today: None, site: Site, coordinator: User) -> None:
    slot = {"weekdays": [1], "start": "18:00", "end": "09:00", "required": 1}
    response = verified_client(coordinator).post("/planning/setup/slots/", slot, follow=True)
    assert "The slot must end after it starts." in response.content.decode()
    assert ShiftTemplate.objects.count() == 0


def test_the_slots_name_their_weekdays_and_languages_in_the_readers_language(
    today: None, site: Site, coordinator: User
) -> None:
    ShiftTemplate.objects.create(
        organisation=site.organisation,
        site=site,
        weekdays=[4, 0],
        start=time(9),
        end=time(12),
        required=1,
        languages_any=["ar", "prs"],
    )
    page = verified_client(coordinator, language="nl").get("/planning/setup/").content.decode()
    # Weekdays were shown as 0-6 and languages by their codes ("ar / prs").
    assert "<td>09:00–12:00</td><td>Maandag, Vrijdag</td><td>1</td><td>Arabisch / Dari</td>" in page
