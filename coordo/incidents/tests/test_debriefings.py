from __future__ import annotations

from datetime import date

import pytest

from conftest import make_user, verified_client
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.incidents import actions
from coordo.incidents.tests.factories import on_test_day, report

pytestmark = pytest.mark.django_db


@on_test_day
def test_a_debriefing_of_two_incidents_with_an_action(site, host, coordinator):
    first, second = report(site, host), report(site, host, type="threat")
    answer = verified_client(coordinator).post(
        "/incidents/debriefings/new/",
        {"held_on": "2026-11-20", "incidents": [first.pk, second.pk], "participants": [host.pk],
         "what_happened": "Deux agressions à l'accueil", "what_helped": "Le binôme",
         "what_to_change": "Un bouton d'alerte"},
    )  # fmt: skip
    assert answer.status_code == 302
    debriefing = first.debriefings.get()
    assert set(debriefing.incidents.all()) == {first, second}
    actions.add_debriefing_action(
        debriefing, title="Installer un bouton", owner=coordinator, due=date(2026, 12, 15),
        by=principal_for_user(coordinator),
    )  # fmt: skip
    page = verified_client(coordinator).get(f"/incidents/debriefings/{debriefing.pk}/")
    assert "Installer un bouton" in page.content.decode()
    assert verified_client(host).get(f"/incidents/debriefings/{debriefing.pk}/").status_code == 404


def test_the_worker_is_offered_a_follow_up_and_answers_it(site, host, coordinator):
    incident = report(site, host, type="physical_aggression")
    other = make_user(site, Role.HOST)
    offer = actions.offer_support(
        incident, worker=host, kind="confidential_person", by=principal_for_user(coordinator)
    )
    client = verified_client(host)
    assert "The confidential person" in client.get("/incidents/follow-up/").content.decode()
    assert (
        "The confidential person"
        not in verified_client(other).get("/incidents/follow-up/").content.decode()
    )
    assert (
        client.post(f"/incidents/support/{offer.pk}/answer/", {"answer": "decline"}).status_code
        == 302
    )
    offer.refresh_from_db()
    assert offer.answer == "declined"
    assert verified_client(other).post(f"/incidents/support/{offer.pk}/answer/").status_code == 404
