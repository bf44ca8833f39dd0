from __future__ import annotations

import json

import pytest

from conftest import make_household, make_person, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.casework import actions
from coordo.casework.models import Level
from coordo.casework.tests.conftest import principal

pytestmark = pytest.mark.django_db


def test_the_export_holds_her_data_redacts_others_and_is_audited_once(
    case_file, person, site, social_worker, coordinator, medical
):
    child = make_person(site, "Yonas", "Van den Brœck", birth_year=2018)
    make_household(site, person, child)
    actions.add_note(
        case_file, level=Level.TEAM, body="Met at the desk", by=principal(social_worker)
    )
    actions.add_note(case_file, level=Level.MEDICAL, body="Blood pressure", by=principal(medical))
    response = verified_client(coordinator).get(f"/people/{person.pk}/subject-access/?format=json")
    data = json.loads(response.content)
    assert data["person"]["first_name"] == "Éloïse"
    assert data["household"]["members"] == ["you", "another household member (Child)"]
    assert [n["text"] for n in data["case_files"][0]["notes"]] == ["Met at the desk"]
    assert "Yonas" not in response.content.decode()
    assert social_worker.full_name not in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 1
    assert (
        response["Content-Disposition"] == f'attachment; filename="subject-access-{person.pk}.json"'
    )


def test_the_printable_page_names_each_field(case_file, person, coordinator):
    body = verified_client(coordinator).get(f"/people/{person.pk}/subject-access/").content.decode()
    assert "<dt>First name</dt><dd>Éloïse</dd>" in body
    assert "<dt>National number (NISS)</dt>" in body
