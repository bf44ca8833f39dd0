from __future__ import annotations

import uuid

import pytest

from conftest import make_user, verified_client
from coordo.access.roles import Role
from coordo.incidents.actions import Involved
from coordo.incidents.tests.factories import on_test_day, report

pytestmark = pytest.mark.django_db


def test_the_report_page_is_one_form_with_a_hidden_key(host):
    answer = verified_client(host).get("/incidents/report/")
    assert answer.status_code == 200
    html = answer.content.decode()
    assert 'type="hidden" name="key"' in html
    assert "victim_person" not in html  # a host does not read the site's persons


def test_the_coordinator_picks_a_person_on_the_report_page(coordinator, person):
    answer = verified_client(coordinator).get("/incidents/report/")
    assert person.last_name in answer.content.decode()


def test_a_host_sees_her_own_report_not_another_hosts(site, host):
    other_host = make_user(site, Role.HOST)
    mine = report(site, host, narrative="Mon récit à moi")
    theirs = report(site, other_host, narrative="Le récit de l'autre")
    client = verified_client(host)
    listing = client.get("/incidents/").content.decode()
    assert f"/incidents/{mine.pk}/" in listing
    assert f"/incidents/{theirs.pk}/" not in listing
    assert "Mon récit à moi" in client.get(f"/incidents/{mine.pk}/").content.decode()
    assert client.get(f"/incidents/{theirs.pk}/").status_code == 404


def test_the_coordinator_reads_every_report_of_her_site(site, host, coordinator):
    incident = report(
        site, host, narrative="Récit confidentiel",
        involved=[Involved("author", description="Homme inconnu")],
    )  # fmt: skip
    page = verified_client(coordinator).get(f"/incidents/{incident.pk}/").content.decode()
    assert "Récit confidentiel" in page
    assert "Homme inconnu" in page


def test_the_list_shows_no_narrative(site, host, coordinator):
    report(site, host, narrative="Récit confidentiel")
    assert (
        "Récit confidentiel" not in verified_client(coordinator).get("/incidents/").content.decode()
    )


def test_a_social_worker_of_the_site_cannot_open_a_hosts_report(site, host, social_worker):
    incident = report(site, host)
    assert verified_client(social_worker).get(f"/incidents/{incident.pk}/").status_code == 404


@on_test_day
def test_the_report_page_refuses_a_missing_field_and_keeps_the_rest(host):
    answer = verified_client(host).post(
        "/incidents/report/",
        {"key": str(uuid.uuid4()), "type": "threat", "occurred_at": "2026-11-03T21:40",
         "place": "desk", "narrative": "Menaces."},
    )  # fmt: skip
    assert answer.status_code == 200
    assert list(answer.context["form"].errors) == ["severity"]
    assert "Menaces." in answer.content.decode()
