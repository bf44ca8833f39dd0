"""A notice is e-mailed to each active recipient alone, and only once the change commits."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from conftest import make_user
from coordo.notifications import Notice, send_notice, send_notice_to_addresses


@pytest.mark.django_db(transaction=True)
def test_a_notice_goes_to_each_active_recipient_alone_after_commit(site):
    first, second, gone = (make_user(site, "coordinator") for _ in range(3))
    gone.is_active = False
    gone.save()
    with transaction.atomic():
        send_notice([first, second, gone, first], Notice("Coordo: a notice", "Open Coordo."))
        assert mail.outbox == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])
    assert all(len(message.to) == 1 for message in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing(site):
    user = make_user(site, "coordinator")

    def notify_then_fail() -> None:
        with transaction.atomic():
            send_notice([user], Notice("Coordo: a notice", "Open Coordo."))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        notify_then_fail()
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_person_without_an_account_gets_it_at_their_own_address_alone():
    with transaction.atomic():
        send_notice_to_addresses(
            ["b@test.example", "a@test.example", "b@test.example"], Notice("Coordo", "Open it.")
        )
        assert mail.outbox == []
    assert [message.to for message in mail.outbox] == [["a@test.example"], ["b@test.example"]]
