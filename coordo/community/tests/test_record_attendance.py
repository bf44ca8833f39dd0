from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_user, verified_client
from coordo.access.roles import Role
from coordo.community import actions
from coordo.community.models import Attendance
from coordo.community.tests.factories import principal, published

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 3, 10)


def test_a_host_records_counts_of_an_occurrence(site, coordinator, host):
    activity = published(site, coordinator)
    actions.record_attendance(
        activity, occurrence_date=TUESDAY, total=10, participants=6, neighbours=2,
        children=2, first_visits=1, by=principal(host),
    )  # fmt: skip
    row = Attendance.objects.get()
    assert (row.total, row.participants, row.children, row.recorded_by) == (10, 6, 2, host)
    # Recorded again: corrected, not doubled.
    actions.record_attendance(activity, occurrence_date=TUESDAY, total=11, by=principal(host))
    assert list(Attendance.objects.values_list("total", flat=True)) == [11]


@pytest.mark.parametrize(
    ("counts", "field"),
    [
        ({"total": -1}, "total"),
        ({"total": 3, "children": -2}, "children"),
        ({"total": 3, "participants": 4}, "total"),
        ({"total": 3, "first_visits": 4}, "first_visits"),
        ({"total": 13}, "over_capacity_confirmed"),  # capacity 12
    ],
)
def test_bad_counts_are_refused_naming_the_field(site, coordinator, counts, field):
    activity = published(site, coordinator)
    with pytest.raises(ValidationError) as refused:
        actions.record_attendance(
            activity, occurrence_date=TUESDAY, by=principal(coordinator), **counts
        )
    assert list(refused.value.message_dict) == [field]
    assert not Attendance.objects.exists()


def test_above_capacity_with_confirmation_is_recorded(site, coordinator):
    activity = published(site, coordinator)
    actions.record_attendance(
        activity, occurrence_date=TUESDAY, total=13, over_capacity_confirmed=True,
        by=principal(coordinator),
    )  # fmt: skip
    assert Attendance.objects.get().total == 13


def test_a_cancelled_occurrence_or_another_day_takes_no_count(site, coordinator):
    activity = published(site, coordinator)
    by = principal(coordinator)
    actions.cancel_occurrence(activity, original_date=TUESDAY, by=by)
    for day in (TUESDAY, date(2026, 3, 11)):
        with pytest.raises(ValidationError) as refused:
            actions.record_attendance(activity, occurrence_date=day, total=3, by=by)
        assert list(refused.value.message_dict) == ["occurrence_date"]


def test_a_medical_worker_sees_the_programme_but_does_not_count(site, coordinator):
    activity = published(site, coordinator)
    medical = make_user(site, Role.MEDICAL)
    with pytest.raises(PermissionDenied):
        actions.record_attendance(activity, occurrence_date=TUESDAY, total=3, by=principal(medical))


def test_the_phone_form_names_the_field_and_asks_for_confirmation(site, coordinator, host):
    activity = published(site, coordinator)
    client = verified_client(host)
    url = f"/community/activities/{activity.pk}/attendance/2026-03-10/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"total": "-2"})
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["total"]
    over = client.post(url, {"total": "14", "participants": "14"})
    assert list(over.context["form"].errors) == ["over_capacity_confirmed"]
    done = client.post(url, {"total": "14", "participants": "14", "over_capacity_confirmed": "on"})
    assert done.status_code == 302
    assert Attendance.objects.get().total == 14
    assert (
        client.get(f"/community/activities/{activity.pk}/attendance/not-a-day/").status_code == 404
    )
