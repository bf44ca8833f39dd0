"""Reads of the partner directory (organisation-wide) and of conventions (per site)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.partners.models import Convention, Partner

RENEWAL_HORIZON = timedelta(days=60)


def partners_visible_to(principal: Principal) -> QuerySet[Partner]:
    return Partner.objects.visible_to(principal, Perm.PARTNER_VIEW)


def get_partner(principal: Principal, partner_id: int) -> Partner:
    partners = partners_visible_to(principal).prefetch_related("services", "contacts")
    return get_object_or_404(partners, pk=partner_id)


def conventions_visible_to(principal: Principal) -> QuerySet[Convention]:
    return Convention.objects.visible_to(principal, Perm.CONVENTION_VIEW).select_related(
        "partner", "site"
    )


def get_convention(principal: Principal, convention_id: int) -> Convention:
    return get_object_or_404(conventions_visible_to(principal), pk=convention_id)


def coming_up_for_renewal(principal: Principal, today: date | None = None) -> QuerySet[Convention]:
    """Conventions whose renewal decision is due within two months (or overdue) and still run."""
    today = today or timezone.localdate()
    return (
        conventions_visible_to(principal)
        .filter(renewal_due__lte=today + RENEWAL_HORIZON, end_date__gte=today)
        .order_by("renewal_due", "id")
    )
