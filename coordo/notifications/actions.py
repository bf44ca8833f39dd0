"""The inbox's one write: its owner marks a delivery read."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coordo.access.scoping import Principal
from coordo.notifications.models import Delivery


def mark_read(delivery: Delivery, *, by: Principal) -> Delivery:
    if delivery.user_id != by.named_worker_id():
        raise PermissionDenied
    if delivery.read_at is None:
        delivery.read_at = timezone.now()
        delivery.save(update_fields=["read_at"])
    return delivery
