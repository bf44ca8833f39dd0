"""Every read of an arrival's page or screening leaves one audit row, with ids only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import verified_client
from coordo.access.models import AuditEvent
from coordo.dispatch.tests.factories import make_arrival, make_family, make_medical

pytestmark = pytest.mark.django_db


def test_reads_leave_one_row_each(arrival_site, dispatcher, nurse):
    arrival = make_arrival(make_family(arrival_site, "Camara"), by=dispatcher)
    medical = make_medical(arrival, by=nurse, details="Asthme sévère")
    verified_client(dispatcher).get(reverse("dispatch_home"))
    verified_client(dispatcher).get(reverse("dispatch_arrival_detail", args=[arrival.pk]))
    verified_client(dispatcher).get(f"/api/dispatch/screenings/{arrival.pk}")
    verified_client(nurse).get(reverse("dispatch_arrival_medical", args=[arrival.pk]))
    rows = list(
        AuditEvent.objects.filter(object_type__startswith="dispatch.")
        .order_by("id")
        .values_list("actor_id", "action", "object_type", "object_id")
    )
    assert rows == [
        (dispatcher.pk, "list", "dispatch.arrival", ""),
        (dispatcher.pk, "view", "dispatch.arrival", str(arrival.pk)),
        (dispatcher.pk, "view", "dispatch.arrival", str(arrival.pk)),
        (nurse.pk, "view", "dispatch.medicalscreening", str(medical.pk)),
    ]
    assert "Asthme" not in repr(list(AuditEvent.objects.values_list()))


def test_a_screening_shown_again_with_errors_is_a_view_too(arrival_site, dispatcher):
    arrival = make_arrival(make_family(arrival_site, "Camara"), by=dispatcher, screened=False)
    client = verified_client(dispatcher)
    answer = client.post(
        reverse("dispatch_arrival_social", args=[arrival.pk]), {"school_language": "klingon"}
    )
    assert answer.status_code == 200
    assert "Camara family" in answer.content.decode()
    rows = AuditEvent.objects.filter(object_type__startswith="dispatch.")
    assert list(rows.values_list("actor_id", "action", "object_type", "object_id")) == [
        (dispatcher.pk, "view", "dispatch.arrival", str(arrival.pk))
    ]
