"""Reads of the community app, starting from what the principal may see (or what is public)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404

from coordo.access.models import Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.community import recurrence
from coordo.community.models import (
    CATEGORIES,
    Activity,
    ActivityStatus,
    Attendance,
    CommunitySettings,
    DayCentreCount,
    Decision,
    Meeting,
    OutreachContact,
    OutreachRound,
    RulesVersion,
)
from coordo.housing.models import Occupancy
from coordo.partners.models import Partner
from coordo.people.models import Person
from coordo.people.queries import persons_visible_to


def activities_visible_to(
    principal: Principal, perm: Perm = Perm.COMMUNITY_VIEW
) -> QuerySet[Activity]:
    return Activity.objects.visible_to(principal, perm).select_related(
        "site", "proposer_user", "proposer_partner"
    )


def get_activity(
    principal: Principal, activity_id: int, perm: Perm = Perm.COMMUNITY_VIEW
) -> Activity:
    return get_object_or_404(activities_visible_to(principal, perm), pk=activity_id)


def site_activities(principal: Principal, site: Site) -> QuerySet[Activity]:
    return activities_visible_to(principal).filter(site=site)


def changes_of(activity: Activity) -> list[recurrence.Change]:
    return [
        recurrence.Change(c.original_date, c.cancelled, c.moved_to, c.start_time, c.end_time)
        for c in activity.changes.all()
    ]


def occurrences(activity: Activity, since: date, until: date) -> list[recurrence.Occurrence]:
    return recurrence.expand(
        activity.starts_on,
        activity.start_time,
        activity.end_time,
        activity.recurrence,
        changes_of(activity),
        since,
        until,
    )


def attendance_of(activity: Activity) -> dict[date, Attendance]:
    return {row.occurrence_date: row for row in activity.attendances.all()}


def hosts_of_site(principal: Principal, site: Site) -> QuerySet[User]:
    """The team members of the site who may be named as proposing an activity."""
    return (
        User.objects.of_organisation(principal)
        .filter(memberships__site=site, is_active=True)
        .distinct()
        .order_by("full_name")
    )


def partners_of(principal: Principal) -> QuerySet[Partner]:
    return Partner.objects.of_organisation(principal).order_by("name")


def settings_of(site: Site) -> CommunitySettings | None:
    return CommunitySettings.objects.filter(site=site).first()


# The public programme: no principal, no personal data. A site not marked public is a 404.


def public_site(site_id: int) -> Site:
    settings = (
        CommunitySettings.objects.filter(
            site_id=site_id, public_programme=True, site__is_active=True
        )
        .select_related("site")
        .first()
    )
    if settings is None:
        raise Http404
    return settings.site


def published_activities(site: Site) -> QuerySet[Activity]:
    return (
        Activity.objects.filter(site=site, status=ActivityStatus.PUBLISHED)
        .prefetch_related("changes")
        .order_by("title")
    )


def get_published_activity(site: Site, activity_id: int) -> Activity:
    return get_object_or_404(published_activities(site), pk=activity_id)


@dataclass(frozen=True)
class Scheduled:
    activity: Activity
    occurrence: recurrence.Occurrence


def programme(activities: QuerySet[Activity], since: date, until: date) -> list[Scheduled]:
    """Every occurrence of these activities in [since, until], in time order."""
    found = [
        Scheduled(activity, occurrence)
        for activity in activities.prefetch_related("changes")
        for occurrence in occurrences(activity, since, until)
    ]
    return sorted(found, key=lambda item: (item.occurrence.starts, item.activity.title))


# Figures: attendance of a site per activity and month, and per category.


@dataclass(frozen=True)
class MonthFigures:
    month: date
    activity: str
    occurrences: int
    total: int
    first_visits: int
    by_category: dict[str, int]


def attendance_figures(
    principal: Principal, site: Site, start: date, end: date
) -> list[MonthFigures]:
    """Per month and activity, the site's occurrences counted in [start, end), for the figures page."""
    return _attendance_by_month(
        Attendance.objects.visible_to(principal, Perm.COMMUNITY_FIGURES).filter(
            activity__site=site, occurrence_date__gte=start, occurrence_date__lt=end
        )
    )


def attendance_of_sites(site_ids: tuple[int, ...], start: date, end: date) -> list[MonthFigures]:
    """The same figures over sites and the days [start, end), for the reports' indicators
    (coordo/reports/indicators/community.py; the report checks the sites first)."""
    return _attendance_by_month(
        Attendance.objects.filter(
            activity__site_id__in=site_ids, occurrence_date__gte=start, occurrence_date__lt=end
        )
    )


def _attendance_by_month(attendances: QuerySet[Attendance]) -> list[MonthFigures]:
    rows = (
        attendances.annotate(month=TruncMonth("occurrence_date"))
        .values("month", "activity__title")
        .annotate(
            count=Count("id"),
            sum_total=Sum("total"),
            sum_first=Sum("first_visits"),
            **{f"sum_{name}": Sum(name) for name in CATEGORIES},
        )
        .order_by("month", "activity__title")
    )
    return [
        MonthFigures(
            row["month"],
            row["activity__title"],
            row["count"],
            row["sum_total"],
            row["sum_first"],
            {name: row[f"sum_{name}"] for name in CATEGORIES},  # type: ignore[literal-required]
        )
        for row in rows
    ]


def totals_by_month(figures: list[MonthFigures]) -> dict[date, dict[str, int]]:
    months: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in figures:
        months[row.month]["total"] += row.total
        months[row.month]["first_visits"] += row.first_visits
        for name, value in row.by_category.items():
            months[row.month][name] += value
    return {month: dict(values) for month, values in months.items()}


# Meetings, decisions, the house rules.


def meetings_visible_to(principal: Principal) -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(principal, Perm.COMMUNITY_VIEW).select_related("site")


def get_meeting(principal: Principal, meeting_id: int, perm: Perm = Perm.COMMUNITY_VIEW) -> Meeting:
    found = Meeting.objects.visible_to(principal, perm).select_related("site")
    return get_object_or_404(found.prefetch_related("agenda", "team_present"), pk=meeting_id)


def decisions_visible_to(
    principal: Principal, perm: Perm = Perm.COMMUNITY_VIEW
) -> QuerySet[Decision]:
    return Decision.objects.visible_to(principal, perm).select_related("meeting", "replaced_by")


def get_decision(
    principal: Principal, decision_id: int, perm: Perm = Perm.COMMUNITY_VIEW
) -> Decision:
    return get_object_or_404(decisions_visible_to(principal, perm), pk=decision_id)


def decisions_log(
    principal: Principal, site: Site, *, search: str = "", status: str = ""
) -> QuerySet[Decision]:
    """The memory of the place: every decision of the site, newest first, searchable."""
    found = decisions_visible_to(principal).filter(site=site).prefetch_related("replaces")
    if search:
        found = found.filter(Q(text__icontains=search) | Q(carried_by__icontains=search))
    if status:
        found = found.filter(status=status)
    return found


@dataclass(frozen=True)
class MeetingCounts:
    held: int
    present: int  # the people present, where they were counted
    uncounted: int  # the meetings whose people present were not counted


def meeting_counts(
    site_ids: tuple[int, ...], start: date, end: date, per: str
) -> dict[Any, MeetingCounts]:
    """Assemblies and meetings held in [start, end), per `kind` or `month` (its first day),
    for the reports' indicators (coordo/reports/indicators/community.py)."""
    meetings = Meeting.objects.filter(
        site_id__in=site_ids, held_on__gte=start, held_on__lt=end
    ).order_by()
    if per == "month":
        meetings = meetings.annotate(month=TruncMonth("held_on"))
    rows = meetings.values_list(per).annotate(
        held=Count("pk"),
        present=Sum("attendance"),
        uncounted=Count("pk", filter=Q(attendance__isnull=True)),
    )
    return {
        key: MeetingCounts(held, present or 0, uncounted) for key, held, present, uncounted in rows
    }


def decision_counts(site_ids: tuple[int, ...], start: date, end: date, per: str) -> dict[Any, int]:
    """Decisions of the meetings held in [start, end), per `status` or `kind` of meeting."""
    decisions = Decision.objects.filter(
        site_id__in=site_ids, meeting__held_on__gte=start, meeting__held_on__lt=end
    ).order_by()
    column = {"status": "status", "kind": "meeting__kind"}[per]
    return dict(decisions.values_list(column).annotate(n=Count("pk")))


def rules_versions(principal: Principal, site: Site) -> QuerySet[RulesVersion]:
    return (
        RulesVersion.objects.visible_to(principal, Perm.COMMUNITY_VIEW)
        .filter(site=site)
        .select_related("decision", "decision__meeting")
    )


def rules_in_force(site: Site, today: date) -> RulesVersion | None:
    """The version in force today: the latest that came into force (public: no principal)."""
    return (
        RulesVersion.objects.filter(site=site, in_force_from__lte=today)
        .select_related("decision", "decision__meeting")
        .order_by("-in_force_from", "-number")
        .first()
    )


# Outreach and the day centre.


def rounds_visible_to(principal: Principal) -> QuerySet[OutreachRound]:
    return OutreachRound.objects.visible_to(principal, Perm.OUTREACH_RECORD).select_related("site")


def get_round(principal: Principal, round_id: int) -> OutreachRound:
    return get_object_or_404(rounds_visible_to(principal).prefetch_related("team"), pk=round_id)


def contacts_of(outreach: OutreachRound) -> QuerySet[OutreachContact]:
    return outreach.contacts.select_related("person", "request")


def get_contact(principal: Principal, contact_id: int) -> OutreachContact:
    found = OutreachContact.objects.visible_to(principal, Perm.OUTREACH_RECORD)
    return get_object_or_404(found.select_related("round", "round__site", "person"), pk=contact_id)


def persons_to_link(principal: Principal, site: Site) -> QuerySet[Person]:
    return persons_visible_to(principal).filter(site=site).order_by("last_name", "first_name")


def day_centre_days(principal: Principal, site: Site) -> QuerySet[DayCentreCount]:
    return DayCentreCount.objects.visible_to(principal, Perm.OUTREACH_RECORD).filter(site=site)


@dataclass(frozen=True)
class OutreachMonth:
    month: date
    rounds: int
    contacts: int
    named: int
    oriented: int
    requests: int
    placed: int


def outreach_figures(principal: Principal, site: Site) -> list[OutreachMonth]:
    """Contacts per month: how many were named, oriented, became a front-desk request, and
    then a place (a stay begun since the round, counted only for who reads stays)."""
    contacts = OutreachContact.objects.visible_to(principal, Perm.OUTREACH_RECORD).filter(
        round__site=site
    )
    stays = (
        Occupancy.objects.visible_to(principal, Perm.STAY_VIEW)
        if principal.can(Perm.STAY_VIEW, site.pk)
        else None
    )
    return _outreach_by_month(contacts, stays)


def outreach_of_sites(site_ids: tuple[int, ...], start: date, end: date) -> list[OutreachMonth]:
    """The same months over sites and the rounds held in [start, end), for the reports'
    indicators: without the places (`placed` is 0), a count of stays the report does not need."""
    contacts = OutreachContact.objects.filter(
        round__site_id__in=site_ids, round__held_on__gte=start, round__held_on__lt=end
    )
    return _outreach_by_month(contacts, None)


def _outreach_by_month(
    contacts: QuerySet[OutreachContact], stays: QuerySet[Occupancy] | None
) -> list[OutreachMonth]:
    rows = contacts.values_list(
        "round_id",
        "round__held_on",
        "person_id",
        "request_id",
        "given",
        "unlinked_on",
        "had_request",
        "was_placed",
    )
    months: dict[date, dict[str, Any]] = {}
    oriented_persons: list[tuple[date, int, date]] = []
    for round_id, held_on, person_id, request_id, given, unlinked_on, had, placed in rows:
        first = held_on.replace(day=1)
        month = months.setdefault(
            first,
            {"rounds": set(), "contacts": 0, "named": 0, "oriented": 0, "requests": 0, "placed": 0},
        )
        month["rounds"].add(round_id)
        month["contacts"] += 1
        # A contact she was unlinked from (her consent withdrawn) counts as it did before.
        month["named"] += person_id is not None or unlinked_on is not None
        month["oriented"] += "orientation" in (given or [])
        month["requests"] += request_id is not None or had
        month["placed"] += placed and stays is not None
        if request_id is not None and person_id is not None:
            oriented_persons.append((first, person_id, held_on))
    if oriented_persons and stays is not None:
        entries: dict[int, list[date]] = defaultdict(list)
        for person_id, start in stays.filter(
            person_id__in={person for _m, person, _d in oriented_persons}
        ).values_list("person_id", "stay__start"):
            entries[person_id].append(start)
        for first, person_id, held_on in oriented_persons:
            months[first]["placed"] += any(start >= held_on for start in entries[person_id])
    return [
        OutreachMonth(
            month,
            len(v["rounds"]),
            v["contacts"],
            v["named"],
            v["oriented"],
            v["requests"],
            v["placed"],
        )
        for month, v in sorted(months.items())
    ]


def contacts_of_person(principal: Principal, person: Person) -> QuerySet[OutreachContact]:
    return (
        OutreachContact.objects.visible_to(principal, Perm.OUTREACH_RECORD)
        .filter(person=person)
        .select_related("round")
        .order_by("round__held_on")
    )


def busiest(
    principal: Principal, site: Site, start: date, end: date
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """People counted in [start, end) per weekday (0 Monday) and per starting hour, busiest
    first."""
    rows = (
        Attendance.objects.visible_to(principal, Perm.COMMUNITY_FIGURES)
        .filter(activity__site=site, occurrence_date__gte=start, occurrence_date__lt=end)
        .values_list("occurrence_date", "activity__start_time", "total")
    )
    days: dict[int, int] = defaultdict(int)
    hours: dict[int, int] = defaultdict(int)
    for day, begins, total in rows:
        days[day.weekday()] += total
        hours[begins.hour] += total
    by_count = lambda found: sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))  # noqa: E731
    return by_count(days), by_count(hours)
