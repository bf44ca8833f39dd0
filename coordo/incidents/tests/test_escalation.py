"""Severity 3–4 alert the person on call at once; unacknowledged, the backup, then the coordinators."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django_tasks_db.models import DBTaskResult

from conftest import make_user, verified_client
from coordo.access.models import AuditEvent
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.incidents.actions import escalation
from coordo.incidents.models import Incident, SiteIncidentSettings
from coordo.incidents.tests.factories import report
from coordo.notifications.models import Delivery
from coordo.planning.tests.factories import make_worker
from coordo.planning.tests.rota_factories import add_period, at, make_rota

pytestmark = pytest.mark.django_db

REPORTED = at(3, 22)  # Thursday 3 December 2026, 22:00 in Brussels


@pytest.fixture
def rota_people(site, coordinator):
    """Nadia holds tonight's period; Sam is the next member of the rota.

    The test runs that night (the clock ticking from REPORTED), whatever the real date:
    after the period the site's coordinators would be alerted instead of Nadia."""
    nadia, sam = make_user(site, Role.COORDINATOR), make_user(site, Role.COORDINATOR)
    workers = [make_worker(site, "Nadia", user=nadia), make_worker(site, "Sam", user=sam)]
    rota = make_rota(site, coordinator, workers)
    add_period(rota, coordinator, at(3, 18), at(4, 8), workers[0])
    with time_machine.travel(REPORTED, tick=True):
        yield nadia, sam


def escalations() -> list[tuple[object, list]]:
    return [
        (row.run_after, row.args_kwargs["args"])
        for row in DBTaskResult.objects.filter(task_path__endswith="escalate_incident").order_by(
            "pk"
        )
    ]


def run_due(django_capture_on_commit_callbacks) -> None:
    """What the worker does at the deadline: run each escalation that is due."""
    from django.utils import timezone

    for row in DBTaskResult.objects.filter(
        task_path__endswith="escalate_incident", status="READY", run_after__lte=timezone.now()
    ).order_by("pk"):
        row.status = "SUCCESSFUL"
        row.save(update_fields=["status"])
        with django_capture_on_commit_callbacks(execute=True):
            escalation.escalate(*row.args_kwargs["args"])


def test_a_severity_3_alerts_the_person_on_call_at_once(
    site, host, rota_people, django_capture_on_commit_callbacks
):
    nadia, _sam = rota_people
    with time_machine.travel(REPORTED, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            incident = report(site, host, severity=3, narrative="Récit secret de l'incident")
        incident.refresh_from_db()
        assert incident.alerted_at == REPORTED
    assert [d.user for d in Delivery.objects.all()] == [nadia]
    assert [message.to for message in mail.outbox] == [[nadia.email]]
    assert mail.outbox[0].subject == f"Coordo: a severity-3 incident at {site.name} needs you"
    assert "Récit secret" not in mail.outbox[0].body
    assert f"/incidents/{incident.pk}/alert/" in mail.outbox[0].body
    assert escalations() == [(REPORTED + timedelta(minutes=10), [incident.pk, 1])]
    assert AuditEvent.objects.filter(object_type="notifications.delivery").count() == 1


def test_a_severity_2_alerts_nobody(site, host, rota_people):
    report(site, host, severity=2)
    assert Delivery.objects.count() == 0
    assert escalations() == []


def test_a_type_the_site_always_escalates_alerts_at_severity_1(site, host, rota_people):
    SiteIncidentSettings.objects.create(
        organisation=site.organisation, site=site, always_escalate=["missing_child"]
    )
    report(site, host, severity=1, type="missing_child")
    assert Delivery.objects.count() == 1


def test_unacknowledged_it_goes_to_the_backup_then_the_coordinators(
    site, host, coordinator, rota_people, django_capture_on_commit_callbacks
):
    nadia, sam = rota_people
    with (
        time_machine.travel(REPORTED, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        incident = report(site, host, severity=4)
    with time_machine.travel(REPORTED + timedelta(minutes=9), tick=False):
        run_due(django_capture_on_commit_callbacks)
        assert Delivery.objects.count() == 1  # not yet
    with time_machine.travel(REPORTED + timedelta(minutes=10), tick=False):
        run_due(django_capture_on_commit_callbacks)
    assert [d.user for d in Delivery.objects.order_by("pk")] == [nadia, sam]
    incident.refresh_from_db()
    assert incident.escalated_at == REPORTED + timedelta(minutes=10)
    with time_machine.travel(REPORTED + timedelta(minutes=20), tick=False):
        run_due(django_capture_on_commit_callbacks)
    assert [d.user for d in Delivery.objects.order_by("pk")][2:] == [coordinator]
    assert [step.kind for step in incident.steps.all()] == ["alerted", "escalated", "escalated"]


def test_acknowledging_stops_the_escalation(
    site, host, rota_people, django_capture_on_commit_callbacks
):
    nadia, _sam = rota_people
    with (
        time_machine.travel(REPORTED, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        incident = report(site, host, severity=3)
    with time_machine.travel(REPORTED + timedelta(minutes=4), tick=False):
        answer = verified_client(nadia).post(f"/incidents/{incident.pk}/acknowledge/")
        assert answer.status_code == 302
    with time_machine.travel(REPORTED + timedelta(minutes=10), tick=False):
        run_due(django_capture_on_commit_callbacks)
    assert Delivery.objects.count() == 1
    incident.refresh_from_db()
    assert incident.acknowledged_by == nadia
    assert incident.acknowledged_at == REPORTED + timedelta(minutes=4)
    assert [step.kind for step in incident.steps.all()] == ["alerted", "acknowledged"]


def test_nobody_on_call_alerts_the_coordinators_and_the_page_says_so(
    site, host, coordinator, django_capture_on_commit_callbacks
):
    incident = report(site, host, severity=3)
    assert [d.user for d in Delivery.objects.all()] == [coordinator]
    incident.refresh_from_db()
    assert incident.nobody_on_call
    page = verified_client(coordinator).get(f"/incidents/{incident.pk}/alert/").content.decode()
    assert "Nobody was on call" in page


def test_the_person_on_call_sees_the_alert_on_every_page_and_no_narrative(site, host, rota_people):
    nadia, sam = rota_people
    incident = report(site, host, severity=3, narrative="Récit secret de l'incident")
    assert [d.user for d in Delivery.objects.all()] == [nadia]  # on call, not as a coordinator
    client = verified_client(nadia)
    dashboard = client.get("/").content.decode()
    assert f"a severity-3 incident at {site.name} needs you" in dashboard
    assert "data-unread" in dashboard
    alert = client.get(f"/incidents/{incident.pk}/alert/").content.decode()
    assert "Récit secret" not in alert
    assert verified_client(host).get(f"/incidents/{incident.pk}/alert/").status_code == 404


def test_a_failed_email_is_retried_then_shown_failed(
    site, host, rota_people, monkeypatch, django_capture_on_commit_callbacks
):
    from coordo import notifications
    from coordo.notifications import send_delivery_email

    def server_down(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(notifications, "send_mail", server_down)
    with django_capture_on_commit_callbacks(execute=True):
        incident = report(site, host, severity=3)
    delivery = Delivery.objects.get()
    assert delivery.email_status == "retrying"
    assert DBTaskResult.objects.filter(task_path__endswith="retry_email_task").count() == 1
    send_delivery_email(delivery.pk)
    assert send_delivery_email(delivery.pk) == "failed"
    nadia = rota_people[0]
    page = verified_client(nadia).get(f"/incidents/{incident.pk}/alert/").content.decode()
    assert "could not be sent" in page
    assert "severity-3" in verified_client(nadia).get("/").content.decode()  # the alert stands
    assert Incident.objects.count() == 1


def test_an_acknowledgement_by_someone_not_alerted_is_refused(site, host, rota_people):
    incident = report(site, host, severity=3)
    with pytest.raises(Exception):  # noqa: B017,PT011 - 404 before, PermissionDenied here
        escalation.acknowledge_alert(incident, by=principal_for_user(host))


def test_the_coordinator_marks_a_type_always_escalating(site, host, coordinator, rota_people):
    answer = verified_client(coordinator).post(
        "/incidents/escalation/", {"always_escalate": ["missing_child", "overdose"]}
    )
    assert answer.status_code == 302
    report(site, host, severity=1, type="overdose")
    assert Delivery.objects.count() == 1
