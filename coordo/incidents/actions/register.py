"""The register of acts of violence by third parties: a worker's declaration, named or not.

An anonymous declaration must not be placed in time, or the page views and actions around
it, in the audit trail or the access logs, would name its declarant. So it is dated by its
day alone (`declared_day`), and its audit row is not written in her request, where the hash
chain would put it between her own rows: a daily job (coordo/schedule.py) writes the rows of
the days that have ended, in random order, at the declarations' coarse time. Until then the
declaration is `audit_pending`, so a worker that is down loses none: the next run writes it.
"""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordo.access import audit
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.access.request_context import unlinked
from coordo.access.scoping import Principal
from coordo.incidents.catalogue import FAMILY_OF, Family
from coordo.incidents.models import Declaration, Incident, declared_day


@transaction.atomic
def declare_violence(
    *,
    site: Site,
    occurred_at: datetime,
    type: str,  # noqa: A002 - the field's name
    description: str,
    named: bool,
    incident: Incident | None = None,
    by: Principal,
) -> Declaration:
    """A worker's own declaration. Without her name, nothing links it back to her: no user,
    no incident, no time finer than the day, and no audit row nor log line in her request;
    its audit row, with no actor, no request id and no client address, is written after the
    day by `write_pending_audit_rows`."""
    by.require(Perm.REGISTER_DECLARE, site.pk)
    worker_id = by.named_worker_id()  # a declaration is a worker's, never an integration's
    if FAMILY_OF.get(type) != Family.WORKER:
        raise ValidationError({"type": _("Choose a kind of aggression against a worker.")})
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("An act cannot be declared in advance.")})
    if incident is not None and incident.site_id != site.pk:
        raise ValidationError({"incident": _("The incident is not of this site.")})
    declaration = Declaration(
        organisation_id=site.organisation_id,
        site=site,
        occurred_at=occurred_at,
        type=type,
        description=description,
        named=named,
        declarant_id=worker_id if named else None,
        incident=incident if named else None,
        declared_at=timezone.now() if named else declared_day(timezone.now()),
        audit_pending=not named,
    )
    declaration.full_clean()
    if named:
        declaration.save()
        audit.record(AuditAction.CREATE, principal=by, obj=declaration)
        return declaration
    with unlinked():  # no log line of the save carries her request's id
        declaration.save()
    return declaration


def write_pending_audit_rows() -> int:
    """The daily job: the audit row of each anonymous declaration of a day that has ended.

    Each row is written, and its declaration's `audit_pending` cleared, in one transaction,
    the declaration locked first: a run that stops midway leaves the rest marked for the
    next, and two runs at once write each row once. Returns how many it wrote."""
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    pending = list(
        Declaration.objects.filter(audit_pending=True, declared_at__lt=today).values_list(
            "pk", flat=True
        )
    )
    # The chain would otherwise keep the declarations' order, that of their ids.
    secrets.SystemRandom().shuffle(pending)
    written = 0
    with unlinked():
        for pk in pending:
            with transaction.atomic():
                declaration = (
                    Declaration.objects.select_for_update()
                    .filter(pk=pk, audit_pending=True)
                    .first()
                )
                if declaration is None:  # another run wrote it meanwhile
                    continue
                audit.record(AuditAction.CREATE, obj=declaration, at=declaration.declared_at)
                Declaration.objects.filter(pk=pk).update(audit_pending=False)
            written += 1
    return written
