"""The e-mail retry on the task worker: a minute later, then again, then shown failed."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

RETRY_AFTER = timedelta(minutes=1)


@task()
def retry_email_task(delivery_id: int) -> str:
    from coordo.notifications import send_delivery_email

    return send_delivery_email(delivery_id)


def enqueue_retry(delivery_id: int) -> None:
    retry_email_task.using(run_after=timezone.now() + RETRY_AFTER).enqueue(delivery_id)
