"""Community indicators: attendance and activities held, governance (assemblies, meetings
and their decisions), and outreach (contacts, orientations, front-desk requests).

Computed by the community queries (coordo/community/queries.py) and figures, the same as
the attendance figures page and the outreach page. Counts only, never a name: funders see
them all, through disclosure control.
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext_lazy as _

from coordo.community import figures, queries
from coordo.community.models import DecisionStatus, MeetingKind
from coordo.reports.indicators import (
    Compute,
    FieldCheck,
    Indicator,
    Number,
    Scope,
    Value,
    by_label,
    define,
    define_check,
)


def _attendance_of(field: str) -> Compute:
    """Summed over the attendance recorded: `total` people, `first_visits`, `occurrences`."""

    def compute(scope: Scope, breakdown: str | None) -> Value:
        found = queries.attendance_of_sites(scope.site_ids, scope.start, scope.end)
        parts: Counter[str] = Counter()
        if breakdown == "category":
            every: Counter[str] = Counter()
            for row in found:
                every.update(row.by_category | {"total": row.total})
            counts = figures.by_category(every)
            total = sum(counts.values())
            return Value(total, by_label(counts.items(), figures.category_labels()))
        for row in found:
            part = f"{row.month:%Y-%m}" if breakdown == "month" else row.activity
            parts[part] += getattr(row, field)
        rows = tuple(sorted(parts.items())) if breakdown else ()
        return Value(sum(getattr(row, field) for row in found), rows)

    return compute


def _meetings_of(field: str) -> Compute:
    """Of the meetings held: how many (`held`), how many people were present (`present`)."""

    def compute(scope: Scope, breakdown: str | None) -> Value:
        per = "month" if breakdown == "month" else "kind"
        found = queries.meeting_counts(scope.site_ids, scope.start, scope.end, per)
        counts = {key: getattr(counted, field) for key, counted in found.items()}
        rows: tuple[tuple[str, Number], ...] = ()
        if breakdown == "month":
            rows = tuple((f"{month:%Y-%m}", counts[month]) for month in sorted(counts))
        elif breakdown:
            rows = by_label(counts.items(), dict(MeetingKind.choices))
        return Value(sum(counts.values()), rows)

    return compute


def _decisions(scope: Scope, breakdown: str | None) -> Value:
    per = "kind" if breakdown == "meeting_kind" else "status"
    counts = queries.decision_counts(scope.site_ids, scope.start, scope.end, per)
    labels = dict(MeetingKind.choices) if per == "kind" else dict(DecisionStatus.choices)
    return Value(sum(counts.values()), by_label(counts.items(), labels) if breakdown else ())


def _outreach_of(field: str) -> Compute:
    """Of the outreach rounds held: `rounds`, `contacts`, `oriented`, `requests`."""

    def compute(scope: Scope, breakdown: str | None) -> Value:
        months = queries.outreach_of_sites(scope.site_ids, scope.start, scope.end)
        rows = tuple((f"{m.month:%Y-%m}", getattr(m, field)) for m in months)
        return Value(sum(getattr(m, field) for m in months), rows if breakdown else ())

    return compute


def _meetings_uncounted(scope: Scope) -> tuple[int, int]:
    found = queries.meeting_counts(scope.site_ids, scope.start, scope.end, "kind").values()
    return sum(c.uncounted for c in found), sum(c.held for c in found)


define_check(
    FieldCheck(
        "community.meeting_attendance",
        _("People present at the assemblies and meetings"),
        _meetings_uncounted,
        "community_meetings",
    )
)

ATTENDANCE = define(
    Indicator(
        "community.attendance",
        _("Attendance at the activities"),
        "count",
        _attendance_of("total"),
        ("category", "month", "activity"),
    )
)
FIRST_VISITS = define(
    Indicator(
        "community.first_visits",
        _("First visits to the activities"),
        "count",
        _attendance_of("first_visits"),
        ("month", "activity"),
    )
)
ACTIVITIES_HELD = define(
    Indicator(
        "community.activities_held",
        _("Activities held (attendance recorded)"),
        "count",
        _attendance_of("occurrences"),
        ("month", "activity"),
    )
)
MEETINGS = define(
    Indicator(
        "community.meetings",
        _("Assemblies and meetings held"),
        "count",
        _meetings_of("held"),
        ("meeting_kind", "month"),
    )
)
MEETING_ATTENDANCE = define(
    Indicator(
        "community.meeting_attendance",
        _("People present at the assemblies and meetings"),
        "count",
        _meetings_of("present"),
        ("meeting_kind", "month"),
        fields=("community.meeting_attendance",),
    )
)
DECISIONS = define(
    Indicator(
        "community.decisions",
        _("Decisions taken"),
        "count",
        _decisions,
        ("status", "meeting_kind"),
    )
)
OUTREACH_ROUNDS = define(
    Indicator(
        "community.outreach_rounds",
        _("Outreach rounds with a contact"),
        "count",
        _outreach_of("rounds"),
        ("month",),
    )
)
OUTREACH_CONTACTS = define(
    Indicator(
        "community.outreach_contacts",
        _("Outreach contacts"),
        "count",
        _outreach_of("contacts"),
        ("month",),
    )
)
ORIENTATIONS = define(
    Indicator(
        "community.orientations",
        _("Outreach contacts oriented"),
        "count",
        _outreach_of("oriented"),
        ("month",),
    )
)
ORIENTED_REQUESTS = define(
    Indicator(
        "community.oriented_requests",
        _("Contacts who became a front-desk request"),
        "count",
        _outreach_of("requests"),
        ("month",),
    )
)
