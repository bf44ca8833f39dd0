"""Telling a person that something needs them: one shared way, for every app.

A notice carries no sensitive content (no name, no narrative, no address): only what
happened in general words and a link to the page where a logged-in user sees the rest.
E-mail goes out after the transaction commits, so a rolled-back change sends nothing.

`send_notice` e-mails only (account events). `notify` also leaves a `Delivery` in each
user's in-app inbox (the unread count in the header, `urgent` ones on every page until
read), writes one audit row per delivery, and retries a failed e-mail on the task worker
(`coordo/notifications/tasks.py`) before showing it failed; the inbox row stands either way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction

if TYPE_CHECKING:  # an app's package: nothing imports models while apps load
    from coordo.access.models import User
    from coordo.notifications.models import Delivery

logger = logging.getLogger("coordo.notifications")


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


def notify(
    recipients: Iterable[User],
    notice: Notice,
    *,
    link: str = "",
    urgent: bool = False,
    about: models.Model | None = None,
) -> list[Delivery]:
    """An inbox row for each active recipient (once each), one audit row each, and an e-mail
    after commit; `link` is a path of Coordo ("/incidents/4/alert/")."""
    from coordo.access import audit
    from coordo.access.models import AuditAction, SystemActor
    from coordo.notifications.models import Delivery, EmailStatus

    # The platform's own superuser belongs to no organisation: no inbox.
    users = {u.pk: u for u in recipients if u.is_active and u.organisation_id is not None}
    deliveries = []
    for user in sorted(users.values(), key=lambda user: user.pk):
        delivery = Delivery.objects.create(
            organisation_id=user.organisation_id or 0,
            user=user,
            subject=notice.subject,
            text=notice.text,
            link=link,
            urgent=urgent,
            object_type=about._meta.label_lower if about is not None else "",
            object_id=str(about.pk) if about is not None else "",
            email_status=EmailStatus.PENDING if user.email else EmailStatus.NONE,
        )
        audit.record(
            AuditAction.CREATE,
            system=SystemActor.NOTIFICATIONS,
            obj=delivery,
            site_id=getattr(about, "site_id", None),
        )
        deliveries.append(delivery)
    ids = [delivery.pk for delivery in deliveries if delivery.email_status == EmailStatus.PENDING]
    if ids:
        transaction.on_commit(lambda: [send_delivery_email(pk) for pk in ids])
    return deliveries


MAX_EMAIL_ATTEMPTS = 3


def send_delivery_email(delivery_id: int) -> str:
    """Try the delivery's e-mail once; a failure is retried on the worker, then shown failed."""
    from coordo.notifications.models import Delivery, EmailStatus

    delivery = Delivery.objects.select_related("user").get(pk=delivery_id)
    if delivery.email_status in (EmailStatus.SENT, EmailStatus.NONE, EmailStatus.FAILED):
        return delivery.email_status
    delivery.email_attempts += 1
    text = delivery.text
    if delivery.link:
        text = f"{text}\n\n{settings.COORDO_BASE_URL.rstrip('/')}{delivery.link}"
    try:
        send_mail(
            delivery.subject,
            text,
            settings.DEFAULT_FROM_EMAIL,
            [delivery.user.email],
            fail_silently=False,
        )
    except Exception:
        logger.warning(
            "e-mail of delivery %s failed (attempt %s)", delivery.pk, delivery.email_attempts
        )
        if delivery.email_attempts < MAX_EMAIL_ATTEMPTS:
            delivery.email_status = EmailStatus.RETRYING
            from coordo.notifications.tasks import enqueue_retry

            enqueue_retry(delivery.pk)
        else:
            delivery.email_status = EmailStatus.FAILED
    else:
        delivery.email_status = EmailStatus.SENT
    delivery.save(update_fields=["email_status", "email_attempts"])
    return delivery.email_status
