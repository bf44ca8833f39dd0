from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import verified_client
from coordo.community import actions
from coordo.community.models import Activity, ActivityStatus
from coordo.community.tests.factories import principal, propose

pytestmark = pytest.mark.django_db


def test_a_host_enters_a_participants_idea_and_the_coordinator_accepts_it(site, host, coordinator):
    activity = propose(site, host)
    assert activity.status == ActivityStatus.PROPOSED
    assert activity.created_by == host
    with pytest.raises(PermissionDenied):
        actions.accept_activity(activity, by=principal(host))
    actions.accept_activity(activity, by=principal(coordinator))
    actions.publish_activity(activity, by=principal(coordinator))
    activity.refresh_from_db()
    assert (activity.status, activity.accepted_by) == (ActivityStatus.PUBLISHED, coordinator)


def test_a_proposal_cannot_be_published_before_it_is_accepted(site, coordinator):
    activity = propose(site, coordinator)
    with pytest.raises(ValidationError) as refused:
        actions.publish_activity(activity, by=principal(coordinator))
    assert list(refused.value.message_dict) == ["status"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"start_time": time(16), "end_time": time(14)}, "end_time"),
        ({"start_time": time(14), "end_time": time(14)}, "end_time"),
        ({"recurrence": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}, "recurrence"),
        ({"recurrence": "FREQ=WEEKLY;UNTIL=20250101"}, "recurrence"),
        ({"recurrence": "every tuesday"}, "recurrence"),
        ({"proposer_name": "  "}, "proposer_name"),
        ({"proposer_kind": "host", "proposer_user": None}, "proposer_user"),
        ({"proposer_kind": "partner"}, "proposer_partner"),
    ],
)
def test_bad_input_is_refused_naming_the_field(site, host, values, field):
    with pytest.raises(ValidationError) as refused:
        propose(site, host, **values)
    assert list(refused.value.message_dict) == [field]
    assert not Activity.objects.exists()


def test_only_the_named_proposer_is_kept(site, host, coordinator):
    activity = propose(site, host, proposer_kind="host", proposer_user=coordinator)
    assert (activity.proposer_name, activity.proposer_user) == ("", coordinator)


def test_the_proposal_form_names_the_field_of_a_recurrence_without_occurrence(site, host):
    answer = verified_client(host).post(
        "/community/propose/",
        {
            "title": "Brunch", "proposer_kind": "participant", "proposer_name": "Awa",
            "starts_on": "2026-03-03", "start_time": "10:00", "end_time": "12:00",
            "recurrence": "FREQ=WEEKLY;COUNT=0",
        },
    )  # fmt: skip
    assert answer.status_code == 200
    assert list(answer.context["form"].errors) == ["recurrence"]


def test_the_proposal_form_records_a_proposal_and_the_coordinator_accepts_it_on_the_page(
    site, host, coordinator
):
    answer = verified_client(host).post(
        "/community/propose/",
        {
            "title": "Brunch", "proposer_kind": "participant", "proposer_name": "Awa",
            "starts_on": "2026-03-07", "start_time": "10:00", "end_time": "12:00",
            "recurrence": "RRULE:FREQ=MONTHLY;BYDAY=1SA", "languages": ["fr", "ar"],
        },
    )  # fmt: skip
    assert answer.status_code == 302
    activity = Activity.objects.get()
    assert (activity.recurrence, activity.languages) == ("FREQ=MONTHLY;BYDAY=1SA", ["fr", "ar"])
    assert (
        verified_client(host).post(f"/community/activities/{activity.pk}/accept/").status_code
        == 403
    )
    client = verified_client(coordinator)
    assert client.post(f"/community/activities/{activity.pk}/accept/").status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.ACCEPTED


def test_another_sites_activity_is_a_404(site, other_site, coordinator, other_site_worker):
    activity = propose(other_site, other_site_worker, starts_on=date(2026, 3, 3))
    answer = verified_client(coordinator).get(f"/community/activities/{activity.pk}/")
    assert answer.status_code == 404
