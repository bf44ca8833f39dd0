"""Reads of requests, case files, notes and referrals, starting from what the principal may see.

Confidentiality is decided here, in the queryset, never in a template:
- a case file is seen by its site's case team, and by case workers of the organisation's
  other sites only while the person's latest `share_sites` consent record says yes
  (read at every query, so a withdrawal takes effect at once);
- team notes: case workers (coordinator, social worker) of the file's site, and of
  other sites while the file is shared; restricted notes: their author and the site's
  coordinators; medical notes: the site's medical staff only.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.casework.models import (
    OPEN_REFERRAL_STATUSES,
    Appointment,
    Attachment,
    CaseFile,
    CaseMeeting,
    Goal,
    Level,
    Note,
    Referral,
    ReferralStatus,
    Request,
)
from coordo.partners.models import Partner
from coordo.people.models import ConsentPurpose, ConsentRecord


def _share_consent() -> Subquery:
    latest = ConsentRecord.objects.filter(
        person_id=OuterRef("person_id"), purpose=ConsentPurpose.SHARE_BETWEEN_SITES
    ).order_by("-recorded_at", "-id")
    return Subquery(latest.values("given")[:1])


def shared_case_file_ids(principal: Principal) -> QuerySet[Any, Any]:
    """Files of the organisation's other sites whose person consents to sharing today."""
    if not principal.can(Perm.CASE_EDIT):
        return CaseFile.objects.none()
    own_sites = principal.sites_where(Perm.CASE_VIEW)
    return (
        CaseFile.objects.of_organisation(principal)
        .exclude(site_id__in=own_sites)
        .annotate(shared=_share_consent())
        .filter(shared=True)
        .values("id")
    )


def case_files_visible_to(principal: Principal) -> QuerySet[CaseFile]:
    own = CaseFile.objects.visible_to(principal, Perm.CASE_VIEW)
    shared = CaseFile.objects.filter(id__in=shared_case_file_ids(principal))
    return (own | shared).select_related("person", "site", "referent", "household")


def get_case_file(principal: Principal, case_file_id: int) -> CaseFile:
    return get_object_or_404(case_files_visible_to(principal), pk=case_file_id)


def editable_case_files(principal: Principal) -> QuerySet[CaseFile]:
    """Only the file's own site writes to it; sharing is read-only."""
    return case_files_visible_to(principal).filter(
        site_id__in=principal.sites_where(Perm.CASE_EDIT)
    )


def appointments_in_week(
    principal: Principal, site_id: int, start: date
) -> list[tuple[date, list[Appointment]]]:
    """The site's visible appointments for the seven days from `start`, day by day."""
    begin = datetime.combine(start, time.min, tzinfo=timezone.get_current_timezone())
    appointments = Appointment.objects.filter(
        case_file__in=case_files_visible_to(principal).filter(site_id=site_id),
        starts_at__gte=begin,
        starts_at__lt=begin + timedelta(days=7),
    ).select_related("case_file__person", "partner")
    days: dict[date, list[Appointment]] = {start + timedelta(days=n): [] for n in range(7)}
    for appointment in appointments:
        day = timezone.localtime(appointment.starts_at).date()
        if day in days:  # an hour may slip across a daylight-saving change
            days[day].append(appointment)
    return list(days.items())


def _readable_levels(principal: Principal) -> Q:
    """Within the organisation, the notes this principal may read: each level has its sites."""
    team_sites = principal.sites_where(Perm.CASE_EDIT)
    team = Q(level=Level.TEAM) & (
        Q(site_id__in=team_sites) | Q(case_file_id__in=shared_case_file_ids(principal))
    )
    own_restricted = Q(author_id=principal.user_id or 0, site_id__in=team_sites)
    restricted = Q(level=Level.RESTRICTED) & (
        own_restricted | Q(site_id__in=principal.sites_where(Perm.NOTE_RESTRICTED))
    )
    medical = Q(level=Level.MEDICAL, site_id__in=principal.sites_where(Perm.NOTE_MEDICAL))
    return team | restricted | medical


def notes_visible_to(principal: Principal) -> QuerySet[Note]:
    notes = Note.objects.of_organisation(principal).filter(_readable_levels(principal))
    return notes.select_related("author")


def get_note(principal: Principal, note_id: int) -> Note:
    return get_object_or_404(notes_visible_to(principal).select_related("case_file"), pk=note_id)


def requests_visible_to(principal: Principal) -> QuerySet[Request]:
    return Request.objects.visible_to(principal, Perm.REQUEST_EDIT).select_related(
        "person", "received_by"
    )


def get_request(principal: Principal, request_id: int) -> Request:
    return get_object_or_404(requests_visible_to(principal), pk=request_id)


def todays_queue(principal: Principal, site_id: int, today: date | None = None) -> list[Request]:
    """Today's requests and any older one still without an outcome: those waiting first,
    most urgent first, so nothing received at the desk is forgotten overnight."""
    today = today or timezone.localdate()
    requests = (
        requests_visible_to(principal)
        .filter(Q(received_at__date=today) | Q(outcome=""), site_id=site_id)
        .prefetch_related(
            "referrals__partner",
            Prefetch(
                "person__case_files",
                queryset=CaseFile.objects.filter(site_id=site_id),
                to_attr="case_files_here",
            ),
        )
    )
    rank = {"emergency": 0, "urgent": 1, "normal": 2}
    return sorted(requests, key=lambda r: (bool(r.outcome), rank.get(r.urgency, 3), r.received_at))


def referrals_visible_to(principal: Principal) -> QuerySet[Referral]:
    return Referral.objects.visible_to(principal, Perm.REFERRAL_EDIT).select_related(
        "person", "partner", "service", "referred_by"
    )


def get_referral(principal: Principal, referral_id: int) -> Referral:
    return get_object_or_404(referrals_visible_to(principal), pk=referral_id)


def follow_up_list(
    principal: Principal, *, worker_id: int | None, today: date | None = None
) -> QuerySet[Referral]:
    """Open referrals, the most overdue first; a worker's own unless `worker_id` is None."""
    today = today or timezone.localdate()
    referrals = referrals_visible_to(principal).filter(status__in=OPEN_REFERRAL_STATUSES)
    if worker_id is not None:
        referrals = referrals.filter(referred_by_id=worker_id)
    return referrals.filter(due_date__lte=today + timedelta(days=7)).order_by("due_date", "id")


def partner_statistics(principal: Principal) -> QuerySet[Partner]:
    """Per partner: referrals by outcome and the average delay before the partner answered."""
    visible = Q(referrals__in=Referral.objects.visible_to(principal, Perm.REFERRAL_EDIT))
    by_status = {
        f"n_{status}": Count("referrals", filter=visible & Q(referrals__status=status))
        for status in ReferralStatus.values
    }
    delay = ExpressionWrapper(
        F("referrals__answered_at") - F("referrals__sent_at"), output_field=DurationField()
    )
    return (
        Partner.objects.of_organisation(principal)
        .annotate(
            n_total=Count("referrals", filter=visible),
            average_delay=Avg(delay, filter=visible & Q(referrals__answered_at__isnull=False)),
            **by_status,
        )
        .filter(n_total__gt=0)
        .order_by("-n_total", "name")
    )


# Multidisciplinary case meetings: the site's case team and medical staff read them.
def meetings_visible_to(principal: Principal) -> QuerySet[CaseMeeting]:
    return CaseMeeting.objects.visible_to(principal, Perm.CASE_VIEW).prefetch_related(
        "persons", "actions"
    )


def get_meeting(principal: Principal, meeting_id: int) -> CaseMeeting:
    return get_object_or_404(meetings_visible_to(principal), pk=meeting_id)


def get_editable_goal(principal: Principal, goal_id: int) -> Goal:
    """A goal of a case file the principal may edit."""
    return get_object_or_404(
        Goal.objects.filter(case_file__in=editable_case_files(principal)), pk=goal_id
    )


def get_attachment(principal: Principal, attachment_id: int) -> Attachment:
    """A document of a site where the principal edits case files (who may download it)."""
    return get_object_or_404(
        Attachment.objects.visible_to(principal, Perm.CASE_EDIT), pk=attachment_id
    )


# The reports' indicators (coordo/reports/indicators/casework.py): counts over sites and
# days [start, end), in the organisation's time zone, one grouped query each.
def _day_range(field: str, start: date, end: date) -> Q:
    zone = timezone.get_current_timezone()
    return Q(
        **{
            f"{field}__gte": datetime.combine(start, time.min, tzinfo=zone),
            f"{field}__lt": datetime.combine(end, time.min, tzinfo=zone),
        }
    )


def request_counts(site_ids: tuple[int, ...], start: date, end: date, per: str) -> dict[Any, int]:
    """Front-desk requests received in the period, per `kind`, `outcome` or `site`."""
    requests = Request.objects.filter(_day_range("received_at", start, end), site_id__in=site_ids)
    column = {"kind": "kind", "outcome": "outcome", "site": "site_id"}[per]
    return dict(requests.order_by().values_list(column).annotate(n=Count("pk")))


def referral_counts(site_ids: tuple[int, ...], start: date, end: date, per: str) -> dict[Any, int]:
    """Referrals sent in the period, per `status` or `partner` (its name)."""
    referrals = Referral.objects.filter(_day_range("sent_at", start, end), site_id__in=site_ids)
    column = {"status": "status", "partner": "partner__name"}[per]
    return dict(referrals.order_by().values_list(column).annotate(n=Count("pk")))


def referral_answer_days(site_ids: tuple[int, ...], start: date, end: date) -> float | None:
    """The average days partners took to answer the referrals sent in the period."""
    delay = ExpressionWrapper(F("answered_at") - F("sent_at"), output_field=DurationField())
    average = Referral.objects.filter(
        _day_range("sent_at", start, end), site_id__in=site_ids, answered_at__isnull=False
    ).aggregate(delay=Avg(delay))["delay"]
    return None if average is None else round(average.total_seconds() / 86400, 1)
