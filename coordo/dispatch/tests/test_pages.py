"""The pages as the arrival centre's team uses them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import verified_client
from coordo.dispatch.models import Arrival, Batch, Decision, MedicalScreening, Proposal
from coordo.dispatch.tests.factories import make_arrival, make_family, make_medical

pytestmark = pytest.mark.django_db


def test_register_then_screen_a_household(arrival_site, dispatcher, network):
    household = make_family(arrival_site, "Camara", 2016)
    client = verified_client(dispatcher)
    response = client.post(
        reverse("dispatch_arrival_create"), {"household": household.pk, "registered": "2026-11-23"}
    )
    arrival = Arrival.objects.get()
    assert response["Location"] == reverse("dispatch_arrival_social", args=[arrival.pk])
    response = client.post(
        reverse("dispatch_arrival_social", args=[arrival.pk]),
        {
            "school_language": "fr",
            "region": "brussels",
            "flags": ["single_parent"],
            "excluded_centres": [network["GNT"].pk],
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("dispatch_arrival_detail", args=[arrival.pk])).content.decode()
    assert "school in French" in page
    assert list(arrival.social.excluded_centres.values_list("code", flat=True)) == ["GNT"]


def test_the_dispatcher_sees_needs_never_medical_details(arrival_site, dispatcher, nurse):
    arrival = make_arrival(make_family(arrival_site, "Camara"), by=dispatcher)
    client = verified_client(nurse)
    response = client.post(
        reverse("dispatch_arrival_medical", args=[arrival.pk]),
        {"details": "Insuline matin et soir", "needs_medical": "on"},
    )
    assert response.status_code == 302
    assert MedicalScreening.objects.get().needs_medical is True
    assert (
        "Insuline matin et soir"
        in client.get(reverse("dispatch_arrival_medical", args=[arrival.pk])).content.decode()
    )
    dispatcher_page = (
        verified_client(dispatcher)
        .get(reverse("dispatch_arrival_detail", args=[arrival.pk]))
        .content.decode()
    )
    assert "medical place" in dispatcher_page
    assert "Insuline" not in dispatcher_page
    assert (
        verified_client(dispatcher)
        .get(reverse("dispatch_arrival_medical", args=[arrival.pk]))
        .status_code
        == 403
    )


@pytest.fixture
def reviewed(
    immediate_tasks, arrival_site, dispatcher, nurse, network, django_capture_on_commit_callbacks
):
    make_arrival(make_family(arrival_site, "Camara", 2016), by=dispatcher, school_language="fr")
    sick = make_arrival(make_family(arrival_site, "Bah"), by=dispatcher)
    make_medical(sick, by=nurse, details="Dialyse", needs_medical=True)
    client = verified_client(dispatcher, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dispatch_batch_create"))
    batch = Batch.objects.get()
    assert response["Location"] == reverse("dispatch_batch_detail", args=[batch.pk])
    return client, batch


def test_review_screen_explains_in_the_readers_language(reviewed):
    client, batch = reviewed
    page = client.get(reverse("dispatch_batch_detail", args=[batch.pk])).content.decode()
    assert "Un logement individuel de 4 lits à Centre BXL : une des 3 unités du réseau" in page
    assert "BXL-M1" in page
    assert "Dialyse" not in page
    fragment = client.get(
        reverse("dispatch_batch_progress", args=[batch.pk]), headers={"HX-Request": "true"}
    )
    assert fragment["HX-Refresh"] == "true"


def test_override_shows_the_broken_rule_then_accept_the_rest(reviewed, network):
    client, batch = reviewed
    camara = Proposal.objects.get(arrival__household__name="Camara family")
    url = reverse("dispatch_proposal_override", args=[camara.pk])
    page = client.post(
        url, {"unit": network["GNT"].units.get(code="GNT-S1").pk, "reason_code": "school"}
    )
    assert page.status_code == 200
    assert (
        "GNT-S1 ne convient pas à ce ménage : une chambre partagée, pour une seule personne."
        in page.content.decode()
    )
    response = client.post(
        url, {"unit": network["GNT"].units.get(code="GNT-F1").pk, "reason_code": "family"}
    )
    assert response.status_code == 302
    client.post(reverse("dispatch_batch_accept", args=[batch.pk]))
    assert sorted(Decision.objects.values_list("outcome", flat=True)) == ["accepted", "overridden"]


def test_fairness_reports_per_batch_and_per_month(reviewed):
    client, batch = reviewed
    client.post(reverse("dispatch_batch_accept", args=[batch.pk]))
    page = client.get(reverse("dispatch_batch_fairness", args=[batch.pk])).content.decode()
    assert page.count("<svg") == 4  # household type, sex, vulnerability, language
    assert 'width="240" height="16" fill="#2b6cb0"' in page  # everyone placed: full bars
    month = client.get(reverse("dispatch_fairness_month") + "?month=2026-11").content.decode()
    assert month.count("<svg") == 4
    assert 'width="240" height="16" fill="#2b6cb0"' in month
    october = client.get(reverse("dispatch_fairness_month") + "?month=2026-10").content.decode()
    assert october.count("<svg") == 0


def test_home_lists_who_waits(arrival_site, dispatcher):
    make_arrival(make_family(arrival_site, "Camara"), by=dispatcher, screened=False)
    client = verified_client(dispatcher)
    page = client.get(reverse("dispatch_home")).content.decode()
    assert "Camara family" in page
    assert "to screen" in page


def test_the_snapshot_replays_the_batch(reviewed):
    client, batch = reviewed
    response = client.get(reverse("dispatch_batch_snapshot", args=[batch.pk]))
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="dispatch-2026-11-23-{batch.pk}.json"'
    )
    assert response.json() == batch.snapshot
    assert "Dialyse" not in response.content.decode()
