"""Reporting an incident and following it up: status, follow-up actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext_lazy as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction, Site, User
from coordo.access.policy import Perm
from coordo.access.queries import works_at
from coordo.access.scoping import Principal
from coordo.incidents.catalogue import FAMILY_OF, Family
from coordo.incidents.models import (
    Debriefing,
    FollowUpAction,
    Incident,
    Involvement,
    InvolvementRole,
    Status,
)
from coordo.people.models import Person


@dataclass(frozen=True)
class Involved:
    """Someone involved, as the report names them: a person, a worker, or a description."""

    role: str
    person: Person | None = None
    user: User | None = None
    description: str = ""


# What a report says besides its site, who was involved and who reports it: the fields of the
# same names of the page's form and of the API's payload.
REPORT_FIELDS = (
    "key",
    "occurred_at",
    "place",
    "type",
    "severity",
    "narrative",
    "gbv_context",
    "first_aid",
    "police",
    "ambulance",
    "asked_to_leave",
    "informed",
)


@transaction.atomic
def report_incident(
    *,
    site: Site,
    key: UUID,
    occurred_at: datetime,
    place: str,
    type: str,  # noqa: A002 - the field's name
    severity: int,
    narrative: str,
    gbv_context: str = "",
    involved: list[Involved] | tuple[Involved, ...] = (),
    first_aid: bool = False,
    police: bool = False,
    ambulance: bool = False,
    asked_to_leave: bool = False,
    informed: str = "",
    by: Principal,
) -> Incident:
    """Record the report once: the same form key a second time returns the first record."""
    by.require(Perm.INCIDENT_REPORT, site.pk)
    existing = Incident.objects.filter(
        organisation_id=site.organisation_id, idempotency_key=key
    ).first()
    if existing is not None:
        return _same_report(existing, site, by)
    if gbv_context and FAMILY_OF.get(type) != Family.RESIDENT:
        raise ValidationError(
            {"gbv_context": _("The context applies to violence against a resident only.")}
        )
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("An incident cannot be reported in advance.")})
    for one in involved:
        _check_at_site(one, site.pk)
    incident = Incident(
        organisation_id=site.organisation_id,
        site=site,
        idempotency_key=key,
        occurred_at=occurred_at,
        place=place,
        type=type,
        severity=severity,
        narrative=narrative,
        gbv_context=gbv_context,
        first_aid=first_aid,
        police=police,
        ambulance=ambulance,
        asked_to_leave=asked_to_leave,
        informed=informed,
        created_by_id=by.user_id,
        reported_at=timezone.now(),
    )
    incident.full_clean(exclude=["idempotency_key"])
    try:
        with transaction.atomic():
            incident.save()
    except IntegrityError:
        # The same key committed by a concurrent submit in between.
        first = Incident.objects.get(organisation_id=site.organisation_id, idempotency_key=key)
        return _same_report(first, site, by)
    Involvement.objects.bulk_create(
        _involvement(incident, one) for one in involved if one.person or one.user or one.description
    )
    audit.record(AuditAction.CREATE, principal=by, obj=incident)
    from coordo.incidents.actions import escalation

    escalation.alert_on_report(incident)
    return incident


def _check_at_site(one: Involved, site_id: int) -> None:
    if one.person is not None and one.person.site_id != site_id:
        raise ValidationError({"involved": _("The person must be registered at this site.")})


def _involvement(incident: Incident, one: Involved) -> Involvement:
    return Involvement(
        organisation_id=incident.organisation_id,
        incident=incident,
        role=one.role,
        person=one.person,
        user=one.user,
        description=one.description,
    )


def _same_report(existing: Incident, site: Site, by: Principal) -> Incident:
    if existing.site_id != site.pk or existing.created_by_id != by.user_id:
        raise ValidationError(_("This form was already used. Open a new one."))
    return existing


@transaction.atomic
def change_status(incident: Incident, *, status: str, by: Principal) -> Incident:
    by.require(Perm.INCIDENT_FOLLOW_UP, incident.site_id)
    if status not in Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    incident.status = status
    return writes.save_changed(incident, by=by, fields=["status"])


@transaction.atomic
def add_follow_up_action(
    incident: Incident, *, title: str, owner: User, due: date, by: Principal
) -> FollowUpAction:
    by.require(Perm.INCIDENT_FOLLOW_UP, incident.site_id)
    action = new_follow_up_action(incident, title=title, owner=owner, due=due, by=by)
    if incident.status == Status.OPEN:
        incident.status = Status.FOLLOW_UP
        incident.save(update_fields=["status"])
    return action


def new_follow_up_action(
    incident: Incident,
    *,
    title: str,
    owner: User,
    due: date,
    by: Principal,
    debriefing: Debriefing | None = None,
) -> FollowUpAction:
    """A follow-up action on `incident` (decided at `debriefing`, when one was held), saved
    and audited, for an owner of the site's team; the caller has checked `by` may add it."""
    require_of_team(
        owner, incident.site_id, "owner", _("The owner must be a member of the site's team.")
    )
    action = FollowUpAction(
        organisation_id=incident.organisation_id,
        incident=incident,
        debriefing=debriefing,
        title=title,
        owner=owner,
        due=due,
        created_by_id=by.user_id,
    )
    return writes.save_new(action, by=by, site_id=incident.site_id)


def require_of_team(user: User, site_id: int, field: str, message: StrPromise) -> None:
    """Refuses, with `message` on `field`, a user who is not a member of the site's team."""
    if not works_at(user, site_id):
        raise ValidationError({field: message})


@transaction.atomic
def complete_action(action: FollowUpAction, *, by: Principal) -> FollowUpAction:
    """Its owner, or the site's coordination, marks an action done."""
    if action.owner_id != by.user_id:
        by.require(Perm.INCIDENT_FOLLOW_UP, action.incident.site_id)
    if action.done_at is not None:
        raise ValidationError(_("This action is already done."))
    action.done_at = timezone.now()
    return writes.save_changed(action, by=by, fields=["done_at"], site_id=action.incident.site_id)


@transaction.atomic
def add_involvement(
    incident: Incident,
    *,
    role: str,
    person: Person | None = None,
    user: User | None = None,
    description: str = "",
    by: Principal,
) -> Involvement:
    """Someone involved, named after the report: a person of the site, a member of its
    team, or a description. The audit row names the record, never who it is."""
    by.require(Perm.INCIDENT_FOLLOW_UP, incident.site_id)
    if role not in InvolvementRole.values:
        raise ValidationError({"role": _("Choose how they were involved.")})
    one = Involved(role, person=person, user=user, description=description.strip())
    if not (one.person or one.user or one.description):
        raise ValidationError(_("Choose a person or a worker, or describe who it was."))
    _check_at_site(one, incident.site_id)
    if user is not None:
        require_of_team(
            user, incident.site_id, "user", _("The worker must be a member of the site's team.")
        )
    return writes.save_new(_involvement(incident, one), by=by, site_id=incident.site_id)


@transaction.atomic
def remove_involvement(involvement: Involvement, *, by: Principal) -> None:
    """A link made by mistake, removed; the audit row keeps which one it was."""
    by.require(Perm.INCIDENT_FOLLOW_UP, involvement.incident.site_id)
    writes.delete_audited(involvement, by=by, site_id=involvement.incident.site_id)
