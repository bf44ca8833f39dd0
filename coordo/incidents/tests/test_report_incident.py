from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_person, make_user, verified_client
from coordo.access.models import AuditEvent
from coordo.access.roles import Role
from coordo.incidents.actions import Involved
from coordo.incidents.catalogue import FAMILY_OF, Family, IncidentType
from coordo.incidents.models import Incident, Involvement
from coordo.incidents.tests.factories import on_test_day, report

pytestmark = pytest.mark.django_db


def test_every_type_belongs_to_one_family():
    assert set(FAMILY_OF) == set(IncidentType)
    families = [FAMILY_OF[t] for t in IncidentType]
    assert families.count(Family.RESIDENT) == 6
    assert families.count(Family.WORKER) == 7
    assert families.count(Family.HOUSE) == 8


def test_a_host_reports_an_incident_with_who_was_involved(site, host):
    victim = make_person(site, "Awa", "Traoré")
    incident = report(
        site, host, type="physical_assault", gbv_context="other_resident", severity=3,
        involved=[Involved("victim", person=victim), Involved("author", description="Un homme")],
    )  # fmt: skip
    assert incident.created_by == host
    assert incident.status == "open"
    assert sorted(Involvement.objects.values_list("role", "person_id", "description")) == [
        ("author", None, "Un homme"),
        ("victim", victim.pk, ""),
    ]
    assert AuditEvent.objects.filter(object_type="incidents.incident", action="create").count() == 1


def test_the_same_form_key_records_once(site, host):
    key = uuid.uuid4()
    first = report(site, host, key=key)
    second = report(site, host, key=key)
    assert first.pk == second.pk
    assert Incident.objects.count() == 1


@on_test_day
def test_a_double_submit_of_the_page_records_once(site, host):
    client = verified_client(host)
    data = {
        "key": str(uuid.uuid4()), "type": "threat", "severity": "2",
        "occurred_at": "2026-11-03T21:40", "place": "desk", "narrative": "Menaces à l'accueil.",
    }  # fmt: skip
    first = client.post("/incidents/report/", data)
    second = client.post("/incidents/report/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Incident.objects.count() == 1


def test_someone_else_cannot_reuse_a_form_key(site, host, coordinator):
    key = uuid.uuid4()
    report(site, host, key=key)
    with pytest.raises(ValidationError):
        report(site, coordinator, key=key)


def test_the_gbvims_context_is_for_violence_against_a_resident(site, host):
    with pytest.raises(ValidationError) as refused:
        report(site, host, type="fire_or_evacuation", gbv_context="family")
    assert "gbv_context" in refused.value.message_dict


def test_a_researcher_cannot_report(site):
    with pytest.raises(PermissionDenied):
        report(site, make_user(site, Role.RESEARCHER))


def test_a_person_of_another_site_cannot_be_named(site, other_site, host):
    stranger = make_person(other_site, "Mia", "Autre")
    with pytest.raises(ValidationError):
        report(site, host, involved=[Involved("victim", person=stranger)])
