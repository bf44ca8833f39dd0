"""A worker without an account gets their calendar link from the coordination: shown, sent to
their own address only, renewed when it leaks (issue 11, point 16)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from conftest import make_user, verified_client
from coordo.access.models import AuditEvent, Site, User
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.models import Worker


@pytest.fixture
def volunteer(team: list[Worker]) -> Worker:
    Worker.objects.filter(pk=team[3].pk).update(email="bram.volunteer@test.example")
    team[3].refresh_from_db()
    return team[3]


def test_the_coordinator_sees_the_link_and_sends_it_to_the_worker_alone(
    volunteer: Worker, coordinator: User, django_capture_on_commit_callbacks
) -> None:
    client = verified_client(coordinator)
    link = f"http://testserver/planning/calendar/{volunteer.calendar_token}.ics"
    page = client.get(f"/planning/setup/workers/{volunteer.pk}/").content.decode()
    assert f'id="calendar-url" aria-label="Calendar address" value="{link}"' in page
    assert 'data-copy="calendar-url"' in page
    assert "Send it to bram.volunteer@test.example" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/planning/setup/workers/{volunteer.pk}/calendar/send/", follow=True
        )
    assert "The calendar link is sent to bram.volunteer@test.example." in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["bram.volunteer@test.example"]
    assert (message.cc, message.bcc) == ([], [])
    assert message.subject == "Coordo: your shift calendar"
    assert f"\n\n{link}\n\n" in message.body
    assert volunteer.name not in message.body  # a notice names nobody
    sent = AuditEvent.objects.filter(action="export", object_type="planning.worker")
    assert list(sent.values_list("object_id", flat=True)) == [str(volunteer.pk)]


def test_without_an_address_nothing_is_sent(
    team: list[Worker], coordinator: User, django_capture_on_commit_callbacks
) -> None:
    client = verified_client(coordinator)
    page = client.get(f"/planning/setup/workers/{team[2].pk}/").content.decode()
    assert "Add the worker's e-mail address to their details to send it to them." in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/planning/setup/workers/{team[2].pk}/calendar/send/", follow=True)
    text = response.content.decode()
    assert "This worker has no e-mail address: add it to their details first." in text
    assert mail.outbox == []
    assert not AuditEvent.objects.filter(action="export", object_type="planning.worker").exists()


def test_the_address_is_one_of_the_details(team: list[Worker], coordinator: User) -> None:
    data = {
        "name": "Anna Test",
        "kind": "volunteer",
        "max_shifts_per_month": 8,
        "email": "anna.new@test.example",
    }
    response = verified_client(coordinator).post(f"/planning/setup/workers/{team[2].pk}/", data)
    assert response.status_code == 302
    team[2].refresh_from_db()
    assert team[2].email == "anna.new@test.example"


def test_the_coordinator_renews_a_leaked_link(volunteer: Worker, coordinator: User) -> None:
    old = volunteer.calendar_token
    url = f"/planning/setup/workers/{volunteer.pk}/calendar/renew/"
    page = verified_client(coordinator).post(url, follow=True).content.decode()
    assert "The calendar has a new address; the old one no longer works. Send it again." in page
    volunteer.refresh_from_db()
    assert volunteer.calendar_token != old
    assert Client().get(f"/planning/calendar/{old}.ics").status_code == 404
    assert Client().get(f"/planning/calendar/{volunteer.calendar_token}.ics").status_code == 200
    renewed = AuditEvent.objects.filter(action="revoke", object_type="planning.worker")
    assert renewed.count() == 1


def test_nobody_else_may_send_or_renew_it(
    volunteer: Worker, host: User, other_site: Site, django_capture_on_commit_callbacks
) -> None:
    elsewhere = make_user(other_site, Role.COORDINATOR)
    old = volunteer.calendar_token
    for user in (host, elsewhere):
        client = verified_client(user)
        with django_capture_on_commit_callbacks(execute=True):
            for action in ("send", "renew"):
                url = f"/planning/setup/workers/{volunteer.pk}/calendar/{action}/"
                assert client.post(url).status_code in (403, 404)
        with pytest.raises(PermissionDenied):
            actions.renew_calendar_link(volunteer, by=principal_for_user(user))
    volunteer.refresh_from_db()
    assert volunteer.calendar_token == old
    assert mail.outbox == []
