"""The planning API: the published planning, absences, availability; scoped like the pages."""

from __future__ import annotations

import json

from conftest import verified_client
from coordo.access.models import AuditEvent, User
from coordo.planning.models import Absence, Planning, Worker
from coordo.planning.tests.factories import publish_with


def test_the_published_planning_lists_its_shifts_and_people(
    draft: Planning, team: list[Worker], coordinator: User, host: User
) -> None:
    publish_with(draft, team[:2], coordinator)
    body = verified_client(host).get(f"/api/plannings/{draft.pk}").json()
    assert (body["status"], body["version"], len(body["shifts"])) == ("published", 1, 18)
    assert body["shifts"][0]["worker_ids"] == sorted(w.pk for w in team[:2])
    assert body["shifts"][0]["start"] == "2026-12-02T08:00:00Z"


def test_a_coordinator_records_an_absence(team: list[Worker], coordinator: User) -> None:
    client = verified_client(coordinator)
    url = f"/api/workers/{team[1].pk}/absences"
    bad = {"reason": "leave", "first_day": "2026-12-09", "last_day": "2026-12-01"}
    response = client.post(url, json.dumps(bad), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "last_day"]
    good = {"reason": "leave", "first_day": "2026-12-01", "last_day": "2026-12-09"}
    response = client.post(url, json.dumps(good), content_type="application/json")
    assert response.status_code == 201
    assert Absence.objects.get().worker == team[1]
    listed = client.get("/api/absences").json()
    assert [(a["worker_id"], a["reason"]) for a in listed] == [(team[1].pk, "leave")]
    assert AuditEvent.objects.filter(object_type="planning.absence").count() == 2


def test_availability_windows(team: list[Worker], coordinator: User) -> None:
    windows = verified_client(coordinator).get(f"/api/workers/{team[0].pk}/availability").json()
    assert windows[0] == {"kind": "available", "weekday": 0, "start": "08:00:00", "end": "20:00:00"}
    assert len(windows) == 6
