"""A user's own inbox: nobody reads another's deliveries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from coordo.access.scoping import Principal
from coordo.notifications.models import Delivery


def inbox_of(principal: Principal) -> QuerySet[Delivery]:
    if principal.user_id is None:
        return Delivery.objects.none()
    return Delivery.objects.of_organisation(principal).filter(user_id=principal.user_id)


def unread_of(principal: Principal) -> QuerySet[Delivery]:
    return inbox_of(principal).filter(read_at__isnull=True)


def get_delivery(principal: Principal, delivery_id: int) -> Delivery:
    return get_object_or_404(inbox_of(principal), pk=delivery_id)


def deliveries_about(object_type: str, object_id: object) -> QuerySet[Delivery]:
    """Every delivery about one record (the incident's alerts), for the record's own page."""
    return (
        Delivery.objects.filter(object_type=object_type, object_id=str(object_id))
        .select_related("user")
        .order_by("created_at", "pk")
    )
