"""Telling a person that something needs them: one shared way, for every app.

A notice carries no sensitive content (no name, no narrative, no address): only what
happened in general words and a link to the page where a logged-in user sees the rest.
E-mail goes out after the transaction commits, so a rolled-back change sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from coordo.access.models import User


@dataclass(frozen=True)
class Notice:
    subject: str
    text: str  # general words only: never a person's name, a narrative or an address


def send_notice(recipients: Iterable[User], notice: Notice) -> None:
    """E-mail `notice` to each active recipient once the current transaction commits."""
    send_notice_to_addresses(
        {user.email for user in recipients if user.is_active and user.email}, notice
    )


def send_notice_to_addresses(addresses: Iterable[str], notice: Notice) -> None:
    """The same, for people without an account (a volunteer's own address): one message each."""
    recipients = sorted(set(addresses))
    if not recipients:
        return

    def deliver() -> None:
        for address in recipients:  # one message each: recipients never see one another
            send_mail(
                notice.subject,
                notice.text,
                settings.DEFAULT_FROM_EMAIL,
                [address],
                fail_silently=False,
            )

    transaction.on_commit(deliver)
