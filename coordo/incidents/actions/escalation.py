"""Escalation to the person on call: alert at once, escalate when nobody acknowledges.

The chain is the site's on-call rota at the moment of the report (coordo/planning's
`on_call_at`): the holder, then the next member, then the site's coordinators. Each
escalation is a `django.tasks` task queued with `run_after` the configured delay; the
task finds the incident acknowledged and stops, or alerts the next level. Every step is
an `EscalationStep` with its time.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coordo.access import audit, writes
from coordo.access.models import AuditAction, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.incidents import queries
from coordo.incidents.catalogue import ESCALATING_SEVERITY
from coordo.incidents.models import EscalationStep, Incident, SiteIncidentSettings, StepKind
from coordo.notifications import Notice, notify
from coordo.planning.queries import on_call_at


def delay() -> timedelta:
    return timedelta(seconds=settings.COORDO_ESCALATION_DELAY_SECONDS)


def escalates(incident: Incident) -> bool:
    return incident.severity >= ESCALATING_SEVERITY or incident.type in (
        queries.always_escalating_types(incident.site_id)
    )


def chain(incident: Incident) -> list[list[User]]:
    """Who is alerted at each level: the person on call, the backup, the coordinators."""
    on_call = on_call_at(incident.site_id, incident.reported_at)
    coordinators = [
        user for user in queries.site_coordinators(incident.site_id) if user not in on_call[:2]
    ]
    levels = [[user] for user in on_call[:2]]
    if coordinators:
        levels.append(coordinators)
    return levels


def _alert(incident: Incident, users: list[User], level: int, kind: str) -> None:
    notice = Notice(
        _("Coordo: a severity-%(severity)s incident at %(site)s needs you")
        % {"severity": incident.severity, "site": incident.site.name},
        _("A severity-%(severity)s incident at %(site)s needs you. Open Coordo to acknowledge it.")
        % {"severity": incident.severity, "site": incident.site.name},
    )
    link = reverse("incident_alert", kwargs={"incident_id": incident.pk})
    notify(users, notice, link=link, urgent=True, about=incident)
    now = timezone.now()
    EscalationStep.objects.bulk_create(
        EscalationStep(
            organisation_id=incident.organisation_id,
            incident=incident,
            kind=kind,
            level=level,
            at=now,
            user=user,
        )
        for user in users
    )


def alert_on_report(incident: Incident) -> None:
    """Severity 3–4 (or a type the site always escalates): alert the first level now."""
    if not escalates(incident):
        return
    levels = chain(incident)
    if not levels:
        return
    incident.nobody_on_call = not on_call_at(incident.site_id, incident.reported_at)
    kind = StepKind.NOBODY_ON_CALL if incident.nobody_on_call else StepKind.ALERTED
    _alert(incident, levels[0], 0, kind)
    incident.alerted_at = timezone.now()
    incident.save(update_fields=["alerted_at", "nobody_on_call"])
    if len(levels) > 1:
        _queue(incident, 1)


def _queue(incident: Incident, level: int) -> None:
    from coordo.incidents.tasks import escalate_incident

    run_after = timezone.now() + delay()
    transaction.on_commit(
        lambda: escalate_incident.using(run_after=run_after).enqueue(incident.pk, level)
    )


@transaction.atomic
def escalate(incident_id: int, level: int) -> str:
    """The task's work: the next level, unless someone acknowledged in the meantime.

    Written on no one's behalf (a timer), so it takes no `by`."""
    incident = Incident.objects.select_for_update().select_related("site").get(pk=incident_id)
    if incident.acknowledged_at is not None:
        return "acknowledged"
    levels = chain(incident)
    if level >= len(levels):
        return "done"
    _alert(incident, levels[level], level, StepKind.ESCALATED)
    incident.escalated_at = timezone.now()
    incident.save(update_fields=["escalated_at"])
    if level + 1 < len(levels):
        _queue(incident, level + 1)
    return "escalated"


@transaction.atomic
def acknowledge_alert(incident: Incident, *, by: Principal) -> Incident:
    """One click by someone the alert reached (or the site's coordination): it stops there."""
    user_id = by.named_worker_id()
    if user_id not in queries.alert_recipients(incident):
        by.require(Perm.INCIDENT_FOLLOW_UP, incident.site_id)
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.acknowledged_at is not None:
        return incident
    now = timezone.now()
    incident.acknowledged_at, incident.acknowledged_by_id = now, user_id
    incident.save(update_fields=["acknowledged_at", "acknowledged_by"])
    EscalationStep.objects.create(
        organisation_id=incident.organisation_id,
        incident=incident,
        kind=StepKind.ACKNOWLEDGED,
        at=now,
        user_id=user_id,
    )
    queries.deliveries_about_incident(incident).filter(read_at__isnull=True).update(read_at=now)
    audit.record(AuditAction.UPDATE, principal=by, obj=incident)
    return incident


@transaction.atomic
def set_always_escalating_types(site_id: int, *, types: list[str], by: Principal) -> None:
    """The types the site's coordination wants the person on call alerted for, whatever the severity."""
    by.require(Perm.INCIDENT_FOLLOW_UP, site_id)
    settings_row, _created = SiteIncidentSettings.objects.get_or_create(
        site_id=site_id, defaults={"organisation_id": by.organisation_id}
    )
    settings_row.always_escalate = sorted(set(types))
    writes.save_changed(settings_row, by=by, fields=["always_escalate"], site_id=site_id)
