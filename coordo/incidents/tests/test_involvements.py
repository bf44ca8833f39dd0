"""The people involved, edited after the report by the site's coordination: added, removed,
each write audited by record id, the identities never in an audit row, a log or a mail."""

from __future__ import annotations

import logging

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied

from conftest import make_person, make_user, verified_client
from coordo.access.models import AuditEvent
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.incidents import actions
from coordo.incidents.actions import Involved
from coordo.incidents.models import Involvement
from coordo.incidents.tests.factories import report
from tests.audit_rule import last_audit_id

pytestmark = pytest.mark.django_db

CANARY = "Un livreur CANARY-involved-added"


@pytest.fixture
def incident(site, host):
    return report(site, host, type="threat", involved=[Involved("author", description="Un homme")])


def involved(incident):
    """By role, then in the order they were added (the model's order)."""
    return list(incident.involvements.values_list("role", "person_id", "user_id", "description"))


def test_the_coordinator_adds_a_witness_and_the_identity_stays_out_of_rows_logs_and_mail(
    incident, coordinator, caplog
):
    caplog.set_level(logging.DEBUG)
    client = verified_client(coordinator)
    since = last_audit_id()
    answer = client.post(
        f"/incidents/{incident.pk}/involvements/", {"role": "witness", "description": CANARY}
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"/incidents/{incident.pk}/"
    assert involved(incident) == [
        ("author", None, None, "Un homme"),
        ("witness", None, None, CANARY),
    ]
    added = incident.involvements.get(role="witness")
    rows = AuditEvent.objects.filter(pk__gt=since)
    assert list(rows.values_list("action", "object_type", "object_id", "actor_id")) == [
        ("create", "incidents.involvement", str(added.pk), coordinator.pk)
    ]
    assert CANARY not in repr(list(AuditEvent.objects.values_list()))
    assert CANARY not in caplog.text
    assert mail.outbox == []
    assert [str(m) for m in get_messages(answer.wsgi_request)] == [
        "The person involved has been added."
    ]
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert CANARY in page
    assert f'action="/incidents/involvements/{added.pk}/remove/"' in page


def test_the_coordinator_links_a_person_and_a_worker_of_the_site(site, incident, coordinator, host):
    person = make_person(site, "Awa", "Traoré")
    principal = principal_for_user(coordinator)
    actions.add_involvement(incident, role="victim", person=person, by=principal)
    actions.add_involvement(incident, role="victim", user=host, by=principal)
    assert involved(incident) == [
        ("author", None, None, "Un homme"),
        ("victim", person.pk, None, ""),
        ("victim", None, host.pk, ""),
    ]
    form = (
        verified_client(coordinator).get(f"/incidents/{incident.pk}/").context["involvement_form"]
    )
    assert list(form.fields["person"].queryset) == [person]


def test_someone_of_another_site_or_nobody_is_refused(site, other_site, incident, coordinator):
    client = verified_client(coordinator)
    stranger = make_person(other_site, "Jan", "Peeters")
    outsider = make_user(other_site, Role.HOST)
    for data in (
        {"role": "witness", "user": outsider.pk},  # not a choice: another site's worker
        {"role": "witness", "person": stranger.pk},  # not a choice: another site's person
        {"role": "witness", "description": "  "},
        {"role": "bystander", "description": "Une voisine"},
    ):
        answer = client.post(f"/incidents/{incident.pk}/involvements/", data)
        assert answer.status_code == 302
        levels = {m.level_tag for m in get_messages(answer.wsgi_request)}
        assert levels == {"error"}, data
    with pytest.raises(Exception, match="member of the site"):
        actions.add_involvement(
            incident, role="witness", user=outsider, by=principal_for_user(coordinator)
        )
    with pytest.raises(Exception, match="registered at this site"):
        actions.add_involvement(
            incident, role="witness", person=stranger, by=principal_for_user(coordinator)
        )
    assert involved(incident) == [("author", None, None, "Un homme")]


def test_the_coordinator_removes_a_link_and_the_audit_keeps_which(incident, coordinator):
    link = incident.involvements.get()
    client = verified_client(coordinator)
    since = last_audit_id()
    answer = client.post(f"/incidents/involvements/{link.pk}/remove/")
    assert answer.status_code == 302
    assert answer["Location"] == f"/incidents/{incident.pk}/"
    assert involved(incident) == []
    assert list(
        AuditEvent.objects.filter(pk__gt=since).values_list("action", "object_type", "object_id")
    ) == [("delete", "incidents.involvement", str(link.pk))]


def test_the_author_of_the_report_reads_them_but_edits_nothing(incident, host, social_worker):
    link = incident.involvements.get()
    client = verified_client(host)
    page = client.get(f"/incidents/{incident.pk}/")
    assert "Un homme" in page.content.decode()
    assert page.context["involvement_form"] is None
    assert "/remove/" not in page.content.decode()
    added = client.post(
        f"/incidents/{incident.pk}/involvements/", {"role": "witness", "description": "x"}
    )
    removed = client.post(f"/incidents/involvements/{link.pk}/remove/")
    assert (added.status_code, removed.status_code) == (404, 404)
    assert (
        verified_client(social_worker)
        .post(f"/incidents/involvements/{link.pk}/remove/")
        .status_code
        == 404
    )
    with pytest.raises(PermissionDenied):
        actions.remove_involvement(link, by=principal_for_user(host))
    assert involved(incident) == [("author", None, None, "Un homme")]
    assert Involvement.objects.count() == 1
