"""The register of acts of violence by third parties: a worker's declaration, named or not."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import datetime, timedelta

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
from coordo.incidents.models import Declaration, Incident


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
    no incident, and an audit row (and any log line) with no actor, no request id and no
    client address, which the access logs would otherwise join to her."""
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
    )
    declaration.full_clean()
    with nullcontext() if named else unlinked():
        declaration.save()
        audit.record(
            AuditAction.CREATE,
            principal=by if named else None,
            obj=declaration,
            organisation_id=site.organisation_id,
        )
    return declaration
