"""Writing the audit trail: one row per read, list, export or write of personal data.

The request context (request id, client address) is carried in a context variable
set by `RequestContextMiddleware`, so actions called with `by=` need not
pass the request around. Rows hold identifiers only, never a value.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

from coordo.access.models import AuditAction, AuditEvent, SystemActor
from coordo.access.request_context import current_request_context
from coordo.access.scoping import Principal


def record(
    action: str,
    *,
    principal: Principal | None = None,
    system: SystemActor | None = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: object = "",
    site_id: int | None = None,
    organisation_id: int | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one audit row. `obj`, when given, supplies type, id, site and organisation.

    `system` names the part of Coordo that writes on no one's behalf (the retention rules);
    with neither it nor a principal the row has no actor at all (an anonymous declaration).
    `at` is now unless said: a row written later than its act (an anonymous declaration's,
    written by a daily job) carries the act's own, coarse, time."""
    if principal is not None and system is not None:
        raise ValueError("an audit row has one actor: a principal or the system, not both")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        site_id = site_id if site_id is not None else getattr(obj, "site_id", None)
        organisation_id = organisation_id or getattr(obj, "organisation_id", None)
    if principal is not None:
        organisation_id = organisation_id or principal.organisation_id
    context = current_request_context()
    return AuditEvent.objects.create(
        organisation_id=organisation_id,
        site_id=site_id,
        actor_id=principal.user_id if principal else None,
        actor_label=principal.label if principal else (system or ""),
        action=action,
        object_type=object_type,
        object_id="" if object_id in (None, "") else str(object_id),
        request_id=context.request_id if context else "",
        ip=context.ip if context else None,
        at=at or timezone.now(),
    )


def record_view_once(
    principal: Principal, obj: models.Model, *, within: timedelta = timedelta(minutes=5)
) -> None:
    """One VIEW row for a page that refreshes itself (a poll): none while the same person's
    view of the same record is younger than `within`. Decided here from the trail itself,
    never from what the client says about the request."""
    seen = AuditEvent.objects.filter(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        action=AuditAction.VIEW,
        actor_label=principal.label,
        at__gte=timezone.now() - within,
    )
    if not seen.exists():
        record(AuditAction.VIEW, principal=principal, obj=obj)
