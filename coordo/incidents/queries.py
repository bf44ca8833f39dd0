"""Reads of the incidents app, starting from what the principal may see.

The rule: the site's coordination (INCIDENT_VIEW) reads every report of the site,
narrative and identities included; anyone else who reports reads their own reports only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, DateField, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordo.access.models import Site, User
from coordo.access.policy import Perm
from coordo.access.roles import Role
from coordo.access.scoping import Principal
from coordo.incidents.models import (
    Debriefing,
    Declaration,
    EscalationStep,
    FollowUpAction,
    Incident,
    Involvement,
    SiteIncidentSettings,
    SupportOffer,
)
from coordo.notifications.models import Delivery
from coordo.notifications.queries import deliveries_about


def incidents_visible_to(principal: Principal) -> QuerySet[Incident]:
    """The site's reports for its coordination; one's own reports elsewhere one reports."""
    rows = Incident.objects.of_organisation(principal)
    own = Q(created_by_id=principal.user_id) if principal.user_id else Q(pk__in=[])
    return rows.filter(
        Q(site_id__in=principal.sites_where(Perm.INCIDENT_VIEW))
        | (own & Q(site_id__in=principal.sites_where(Perm.INCIDENT_REPORT)))
    ).select_related("site", "created_by")


def incidents_of_site(principal: Principal, site_id: int) -> QuerySet[Incident]:
    return incidents_visible_to(principal).filter(site_id=site_id)


def get_incident(principal: Principal, incident_id: int) -> Incident:
    return get_object_or_404(
        incidents_visible_to(principal).prefetch_related(
            "involvements__person", "involvements__user", "actions__owner"
        ),
        pk=incident_id,
    )


def get_incident_to_follow_up(principal: Principal, incident_id: int) -> Incident:
    return get_object_or_404(
        Incident.objects.visible_to(principal, Perm.INCIDENT_FOLLOW_UP), pk=incident_id
    )


def get_involvement_to_follow_up(principal: Principal, involvement_id: int) -> Involvement:
    return get_object_or_404(
        Involvement.objects.visible_to(principal, Perm.INCIDENT_FOLLOW_UP).select_related(
            "incident"
        ),
        pk=involvement_id,
    )


def actions_of(principal: Principal) -> QuerySet[FollowUpAction]:
    """The follow-up actions this user owns, open first (their follow-up list)."""
    if principal.user_id is None:
        return FollowUpAction.objects.none()
    return (
        FollowUpAction.objects.of_organisation(principal)
        .filter(owner_id=principal.user_id)
        .select_related("incident", "incident__site")
        .order_by("done_at", "due", "pk")
    )


def open_actions_of(principal: Principal) -> QuerySet[FollowUpAction]:
    return actions_of(principal).filter(done_at__isnull=True)


def get_action(principal: Principal, action_id: int) -> FollowUpAction:
    """An action its owner or the site's coordination may close."""
    rows = FollowUpAction.objects.of_organisation(principal).filter(
        Q(owner_id=principal.user_id)
        | Q(incident__site_id__in=principal.sites_where(Perm.INCIDENT_FOLLOW_UP))
    )
    return get_object_or_404(rows.select_related("incident"), pk=action_id)


def action_owners(principal: Principal, site_id: int) -> QuerySet[User]:
    """Who may own a follow-up action: the site's team members."""
    return (
        User.objects.of_organisation(principal)
        .filter(is_active=True, memberships__site_id=site_id)
        .distinct()
        .order_by("full_name")
    )


def involvements_of_person(principal: Principal, person_id: int) -> QuerySet[Involvement]:
    return (
        Involvement.objects.of_organisation(principal)
        .filter(
            person_id=person_id,
            incident__in=incidents_visible_to(principal),
        )
        .select_related("incident", "incident__site")
        .order_by("incident__occurred_at", "pk")
    )


def site_coordinators(site_id: int) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, memberships__site_id=site_id, memberships__role=Role.COORDINATOR
        )
        .distinct()
        .order_by("pk")
    )


def always_escalating_types(site_id: int) -> list[str]:
    settings = SiteIncidentSettings.objects.filter(site_id=site_id).first()
    return list(settings.always_escalate) if settings else []


def alert_recipients(incident: Incident) -> set[int]:
    """The users an alert about this incident was delivered to."""
    return set(
        deliveries_about("incidents.incident", incident.pk).values_list("user_id", flat=True)
    )


def get_alerted_incident(principal: Principal, incident_id: int) -> Incident:
    """An incident whose alert reached this user, or one their coordination follows up."""
    alerted = Delivery.objects.filter(
        object_type="incidents.incident", user_id=principal.user_id or 0
    ).values("object_id")
    rows = Incident.objects.of_organisation(principal).filter(
        Q(site_id__in=principal.sites_where(Perm.INCIDENT_FOLLOW_UP))
        | Q(pk__in=[int(pk) for pk in alerted.values_list("object_id", flat=True)])
    )
    return get_object_or_404(rows.select_related("site", "acknowledged_by"), pk=incident_id)


def alert_deliveries(incident: Incident) -> list[Delivery]:
    return list(deliveries_about("incidents.incident", incident.pk))


def steps_of(incident: Incident) -> list[EscalationStep]:
    return list(incident.steps.select_related("user"))


def settings_of(principal: Principal, site_id: int) -> SiteIncidentSettings | None:
    return (
        SiteIncidentSettings.objects.visible_to(principal, Perm.INCIDENT_FOLLOW_UP)
        .filter(site_id=site_id)
        .first()
    )


def deliveries_about_incident(incident: Incident) -> QuerySet[Delivery]:
    return deliveries_about("incidents.incident", incident.pk)


def declarations_visible_to(principal: Principal) -> QuerySet[Declaration]:
    """The register: the direction's and the prevention advisor's, organisation-wide."""
    return Declaration.objects.visible_to(principal, Perm.REGISTER_VIEW).select_related(
        "site", "declarant"
    )


def declarations_of_year(principal: Principal, year: int) -> QuerySet[Declaration]:
    return declarations_visible_to(principal).filter(occurred_at__year=year)


HOUR_BANDS = ((0, 6), (6, 12), (12, 18), (18, 24))


@dataclass(frozen=True)
class YearSummary:
    """Counts only: no description, no date finer than the month, no declarant."""

    year: int
    total: int
    by_type: list[tuple[str, int]]
    by_site: list[tuple[str, int]]
    by_month: list[tuple[int, int]]
    by_hour_band: list[tuple[str, int]]


def year_summary(principal: Principal, year: int) -> YearSummary:
    rows = [
        (d.get_type_display(), d.site.name, timezone.localtime(d.occurred_at))
        for d in declarations_of_year(principal, year)
    ]
    by_type = Counter(kind for kind, _site, _when in rows)
    by_site = Counter(site for _kind, site, _when in rows)
    by_month = Counter(when.month for _kind, _site, when in rows)
    bands = Counter(
        next(f"{start:02d}–{end:02d}" for start, end in HOUR_BANDS if start <= when.hour < end)
        for _kind, _site, when in rows
    )
    return YearSummary(
        year=year,
        total=len(rows),
        by_type=sorted(by_type.items()),
        by_site=sorted(by_site.items()),
        by_month=[(month, by_month[month]) for month in range(1, 13)],
        by_hour_band=[(f"{s:02d}–{e:02d}", bands[f"{s:02d}–{e:02d}"]) for s, e in HOUR_BANDS],
    )


def debriefings_visible_to(principal: Principal) -> QuerySet[Debriefing]:
    return Debriefing.objects.visible_to(principal, Perm.INCIDENT_FOLLOW_UP).select_related("site")


def get_debriefing(principal: Principal, debriefing_id: int) -> Debriefing:
    return get_object_or_404(
        debriefings_visible_to(principal).prefetch_related(
            "incidents", "participants", "actions__owner"
        ),
        pk=debriefing_id,
    )


def incidents_to_debrief(principal: Principal, site_id: int) -> QuerySet[Incident]:
    return Incident.objects.visible_to(principal, Perm.INCIDENT_FOLLOW_UP).filter(site_id=site_id)


def offers_to(principal: Principal) -> QuerySet[SupportOffer]:
    """The follow-up offered to this worker: hers to read and answer."""
    return (
        SupportOffer.objects.of_organisation(principal)
        .filter(worker_id=principal.user_id or 0)
        .select_related("incident", "incident__site")
    )


def offers_about(principal: Principal, incident: Incident) -> QuerySet[SupportOffer]:
    """An incident's offers: the coordination reads them all, a worker her own."""
    offers = SupportOffer.objects.of_organisation(principal).filter(incident=incident)
    if not principal.can(Perm.INCIDENT_FOLLOW_UP, incident.site_id):
        offers = offers.filter(worker_id=principal.user_id or 0)
    return offers.select_related("worker")


def get_offer(principal: Principal, offer_id: int) -> SupportOffer:
    rows = SupportOffer.objects.of_organisation(principal).filter(
        Q(worker_id=principal.user_id or 0)
        | Q(incident__site_id__in=principal.sites_where(Perm.INCIDENT_FOLLOW_UP))
    )
    return get_object_or_404(rows.select_related("incident"), pk=offer_id)


def aggregate_sites(principal: Principal) -> QuerySet[Site]:
    """The sites whose incidents this principal may see as protected aggregates."""
    return Site.objects.of_organisation(principal).filter(
        pk__in=principal.sites_where(Perm.REPORTS_AGGREGATE)
    )


# The counts of the figures page (coordo/incidents/figures.py) and of the reports'
# indicators (coordo/reports/indicators/incidents.py): over sites and the local days
# [start, end), whoever asks (the page and the report check the site first).


def _occurred_between[R: (Incident, Declaration)](
    rows: QuerySet[R], site_ids: tuple[int, ...], start: date, end: date
) -> QuerySet[R]:
    since = timezone.make_aware(datetime.combine(start, time()))
    until = timezone.make_aware(datetime.combine(end, time()))
    return rows.filter(
        site_id__in=site_ids, occurred_at__gte=since, occurred_at__lt=until
    ).order_by()


def incident_counts(site_ids: tuple[int, ...], start: date, end: date, per: str) -> dict[Any, int]:
    """Incidents that occurred in the period, per `type`, `severity`, `place`, `site` (its
    name) or `month` (its first day, in local time)."""
    rows = _occurred_between(Incident.objects.all(), site_ids, start, end)
    if per == "month":
        rows = rows.annotate(month=TruncMonth("occurred_at", output_field=DateField()))
    column = {"site": "site__name"}.get(per, per)
    return dict(rows.values_list(column).annotate(n=Count("pk")))


def occurrence_times(site_ids: tuple[int, ...], start: date, end: date) -> list[datetime]:
    """When each incident of the period occurred, in local time (the weekday × hour grid)."""
    rows = _occurred_between(Incident.objects.all(), site_ids, start, end)
    return [timezone.localtime(when) for when in rows.values_list("occurred_at", flat=True)]


def acknowledgement_minutes(site_ids: tuple[int, ...], start: date, end: date) -> list[float]:
    """For each incident of the period acknowledged, the minutes from report to acknowledgement."""
    rows = _occurred_between(Incident.objects.all(), site_ids, start, end).filter(
        reported_at__isnull=False, acknowledged_at__isnull=False
    )
    return [
        (acknowledged - reported).total_seconds() / 60
        for reported, acknowledged in rows.values_list("reported_at", "acknowledged_at")
        if acknowledged is not None
    ]


def open_action_count(
    site_ids: tuple[int, ...], start: date | None = None, end: date | None = None
) -> int:
    """The follow-up actions not done yet: of every incident of the sites, or of the
    incidents that occurred in the period when one is given."""
    actions = FollowUpAction.objects.filter(incident__site_id__in=site_ids, done_at__isnull=True)
    if start is not None and end is not None:
        actions = actions.filter(
            incident__in=_occurred_between(Incident.objects.all(), site_ids, start, end)
        )
    return actions.count()
