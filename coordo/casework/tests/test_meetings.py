from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import make_person, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.casework.actions import meetings
from coordo.casework.models import CaseMeeting
from coordo.casework.tests.conftest import principal

pytestmark = pytest.mark.django_db


def test_a_meeting_records_participants_persons_and_decisions(site, person, social_worker):
    client = verified_client(social_worker)
    response = client.post(
        "/case-meetings/new/",
        {
            "held_on": "2026-11-20",
            "participants": "Referent, nurse, CPAS worker",
            "persons": [person.pk],
        },
    )
    meeting = CaseMeeting.objects.get()
    assert response.url == f"/case-meetings/{meeting.pk}/"
    client.post(
        f"/case-meetings/{meeting.pk}/actions/",
        {
            "description": "Apply for urgent medical aid",
            "owner": "Referent",
            "due_date": "2026-11-27",
        },
    )
    assert list(meeting.actions.values_list("owner", "due_date")) == [
        ("Referent", date(2026, 11, 27))
    ]
    assert AuditEvent.objects.filter(action=AuditAction.CREATE).count() == 2


def test_a_person_of_another_site_cannot_be_discussed(site, other_site, social_worker):
    stranger = make_person(other_site, "Lotte", "Peeters")
    with pytest.raises(ValidationError) as error:
        meetings.record_meeting(
            site=site,
            held_on=date(2026, 11, 20),
            participants="Team",
            persons=[stranger],
            by=principal(social_worker),
        )
    assert list(error.value.message_dict) == ["persons"]
    assert CaseMeeting.objects.count() == 0
