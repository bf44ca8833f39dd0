"""The API: screenings carry needs only, batches carry proposals, decisions are recorded."""

from __future__ import annotations

import pytest

from conftest import verified_client
from coordo.dispatch.actions import batches
from coordo.dispatch.models import Decision, Proposal
from coordo.dispatch.tasks import run_batch
from coordo.dispatch.tests.conftest import principal
from coordo.dispatch.tests.factories import make_arrival, make_family, make_medical

pytestmark = pytest.mark.django_db


@pytest.fixture
def sick(arrival_site, dispatcher, nurse):
    arrival = make_arrival(make_family(arrival_site, "Bah"), by=dispatcher, flags=["pregnant"])
    make_medical(arrival, by=nurse, details="Grossesse à risque", needs_medical=True)
    return arrival


def test_screenings_give_needs_never_medical_details(sick, dispatcher, nurse):
    for user in (dispatcher, nurse):
        response = verified_client(user).get(f"/api/dispatch/screenings/{sick.pk}")
        assert response.status_code == 200
        assert "Grossesse" not in response.content.decode()
    body = verified_client(dispatcher).get("/api/dispatch/screenings").json()
    assert body["count"] == 1
    assert body["items"][0]["needs"] == {"medical": True, "accessible": False, "women_only": False}
    assert body["items"][0]["flags"] == ["pregnant"]


def test_batch_and_override_through_the_api(
    immediate_tasks, sick, arrival_site, dispatcher, network
):
    batch = batches.create_batch(arrival_site, by=principal(dispatcher))
    run_batch.call(batch.pk)
    client = verified_client(dispatcher)
    detail = client.get(f"/api/dispatch/batches/{batch.pk}").json()
    assert detail["status"] == "done"
    [proposal] = detail["proposals"]
    assert proposal["unit"] == "BXL-M1"
    assert proposal["explanation"] == (
        "A private unit with 2 beds (medical place, reduced-mobility access) at Centre BXL: "
        "the only unit in the network that met this household's needs today (a medical place)."
    )
    assert proposal["reasons"]["kind"] == "placed"
    assert (proposal["reasons"]["needs"], proposal["reasons"]["eligible_units"]) == (["medical"], 1)
    refused = client.post(
        f"/api/dispatch/proposals/{proposal['id']}/override",
        {"unit": "GNT-F1", "reason_code": "medical"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "unit"]
    answer = client.post(
        f"/api/dispatch/proposals/{proposal['id']}/override",
        {"unit": None, "reason_code": "medical", "comment": "Hospitalisée"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert (answer.json()["outcome"], answer.json()["unit"]) == ("overridden", None)
    assert Decision.objects.get().proposal == Proposal.objects.get()
    assert client.post(f"/api/dispatch/batches/{batch.pk}/accept").json()["status"] == "closed"
