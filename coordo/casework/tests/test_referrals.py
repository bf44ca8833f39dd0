from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from conftest import verified_client
from coordo.access.models import AuditEvent
from coordo.casework import actions
from coordo.casework.models import Outcome, Referral, ReferralStatus, Request
from coordo.casework.queries import follow_up_list, partner_statistics
from coordo.casework.tests.conftest import principal

pytestmark = pytest.mark.django_db


def refer(site, person, partner, worker, **extra):
    fields = {
        "reason": "Pregnancy follow-up",
        "urgency": "normal",
        "consent_given": True,
        "due_date": date(2026, 11, 25),
        **extra,
    }
    return actions.refer_person(
        site=site, person=person, partner=partner, by=principal(worker), **fields
    )


def test_a_referral_from_the_desk_gives_the_request_its_outcome(
    site, person, partner, social_worker
):
    request = Request.objects.create(
        organisation=site.organisation, site=site, person=person, kind="health"
    )
    refer(site, person, partner, social_worker, request=request)
    request.refresh_from_db()
    assert request.outcome == Outcome.REFERRED
    assert AuditEvent.objects.filter(object_type="casework.referral").count() == 1


def test_no_referral_without_consent(site, person, partner, social_worker):
    with pytest.raises(ValidationError) as error:
        refer(site, person, partner, social_worker, consent_given=False)
    assert list(error.value.message_dict) == ["consent_given"]
    assert Referral.objects.count() == 0


def test_a_refusal_needs_a_reason(site, person, partner, social_worker):
    referral = refer(site, person, partner, social_worker)
    with pytest.raises(ValidationError) as error:
        actions.update_referral_status(referral, status="refused", by=principal(social_worker))
    assert list(error.value.message_dict) == ["refusal_reason"]


def test_the_follow_up_list_holds_the_workers_open_referrals_due_this_week(
    site, person, partner, social_worker, coordinator
):
    due = refer(site, person, partner, social_worker, due_date=date(2026, 11, 24))
    refer(site, person, partner, social_worker, due_date=date(2026, 12, 30))
    done = refer(site, person, partner, social_worker, due_date=date(2026, 11, 24))
    actions.update_referral_status(done, status="done", by=principal(social_worker))
    refer(site, person, partner, coordinator, due_date=date(2026, 11, 24))
    mine = follow_up_list(
        principal(social_worker), worker_id=social_worker.pk, today=date(2026, 11, 23)
    )
    assert list(mine) == [due]  # not the later one, nor the coordinator's


def test_statistics_count_outcomes_and_average_the_delay_in_the_database(
    site, person, partner, social_worker
):
    who = principal(social_worker)
    with time_machine.travel("2026-11-02 09:00", tick=False):
        first = refer(site, person, partner, social_worker)
        second = refer(site, person, partner, social_worker)
    with time_machine.travel("2026-11-04 09:00", tick=False):
        actions.update_referral_status(first, status="accepted", by=who)
    with time_machine.travel("2026-11-06 09:00", tick=False):
        actions.update_referral_status(second, status="refused", refusal_reason="Full", by=who)
    row = partner_statistics(who).get()
    assert (row.n_total, row.n_accepted, row.n_refused, row.n_sent) == (2, 1, 1, 0)
    assert row.average_delay == timedelta(days=3)


def test_the_follow_up_page_lists_and_updates(site, person, partner, social_worker):
    referral = refer(site, person, partner, social_worker, due_date=date(2026, 11, 20))
    client = verified_client(social_worker)
    with time_machine.travel("2026-11-23 10:00"):
        body = client.get("/referrals/follow-up/").content.decode()
        assert "overdue" in body
        client.post(f"/referrals/{referral.pk}/status/", {"status": "appointment_set"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.APPOINTMENT_SET
