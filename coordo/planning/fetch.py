"""The database, read into a `coordo.roster/1` document for the solver.

Ids in the document are the database ids with a prefix (`s12` a shift, `w7` a worker,
`g3` an on-call period), so a solution maps straight back to rows. Times are local
wall-clock times in Europe/Brussels, as the format requires.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time
from typing import Any

from django.db.models import Q
from django.utils import timezone

from coordo.planning.models import (
    Absence,
    Assignment,
    Planning,
    PlanningStatus,
    Rota,
    Shift,
    WeeklyWindow,
    Worker,
)
from coordo.planning.public_holidays import closed_days

# The drop-in's defaults: six hours a day at most, a night's rest, a fair share first.
RULES: dict[str, Any] = {
    "max_hours_per_day": 6,
    "min_overnight_rest_hours": 8,
    "split_gap_hours": 3,
    "weights": {
        "fairness": 1, "not_preferred": 2, "undesired": 5, "split_day": 3,
        "oncall_balance": 3, "oncall_weekend_balance": 10, "change": 20,
    },
}  # fmt: skip


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def shift_id(shift_pk: int) -> str:
    return f"s{shift_pk}"


def worker_id(worker_pk: int) -> str:
    return f"w{worker_pk}"


def pk_of(document_id: str) -> int:
    return int(document_id[1:])


def _clock(value: time | None) -> str:
    return "24:00" if value is None else value.strftime("%H:%M")


def month_shifts(planning: Planning) -> list[Shift]:
    first = timezone.make_aware(datetime.combine(planning.month, time.min))
    after = timezone.make_aware(datetime.combine(month_end(planning.month), time.max))
    return list(Shift.objects.filter(site_id=planning.site_id, start__range=(first, after)))


def planned_shifts(planning: Planning) -> list[Shift]:
    """The month's shifts the solver plans: none on a day the site is closed."""
    closed = closed_days(planning.site_id, planning.month, month_end(planning.month))
    return [s for s in month_shifts(planning) if timezone.localtime(s.start).date() not in closed]


def planning_workers(planning: Planning) -> list[Worker]:
    return list(
        Worker.objects.filter(
            organisation_id=planning.organisation_id, sites=planning.site_id, is_active=True
        ).prefetch_related("sites")
    )


def _person(worker: Worker, windows: list[WeeklyWindow], absences: list[Absence]) -> dict:
    def kind(name: str) -> list[dict[str, Any]]:
        return [
            {"weekday": w.weekday, "from": _clock(w.start), "to": _clock(w.end)}
            for w in windows
            if w.kind == name
        ]

    return {
        "id": worker_id(worker.pk),
        "female": worker.female,
        "sites": [f"site{site.pk}" for site in worker.sites.all()],
        "max_shifts_per_month": worker.max_shifts_per_month,
        "languages": list(worker.languages),
        "available": kind("available"),
        "preferred": kind("preferred"),
        "undesired": kind("undesired"),
        "absent": [
            {"from": a.first_day.isoformat(), "to": a.last_day.isoformat()} for a in absences
        ],
    }


def _oncall(planning: Planning, absences: dict[int, list[Absence]]) -> list[dict[str, Any]]:
    rotas = []
    for rota in Rota.objects.filter(site_id=planning.site_id).prefetch_related("members"):
        periods = rota.periods.filter(
            start__date__gte=planning.month, start__date__lte=month_end(planning.month)
        )
        if not periods:
            continue
        members = [
            {
                "id": worker_id(m.pk),
                "absent": [
                    {"from": a.first_day.isoformat(), "to": a.last_day.isoformat()}
                    for a in absences.get(m.pk, [])
                ],
            }
            for m in rota.members.all()
        ]
        rotas.append(
            {
                "id": f"r{rota.pk}",
                "members": members,
                "periods": [
                    {
                        "id": f"g{g.pk}",
                        "start": local(g.start),
                        "end": local(g.end),
                        "weekend": g.weekend,
                    }
                    for g in periods
                ],
            }
        )
    return rotas


def _previous(
    planning: Planning, shifts: list[Shift], workers: set[int], now: datetime
) -> dict[str, Any] | None:
    """The published version this draft re-plans: its past shifts are kept as they were."""
    base = planning.based_on
    if base is None or base.status == PlanningStatus.DRAFT:
        return None
    people: dict[int, list[str]] = {s.pk: [] for s in shifts}
    kept = base.assignments.filter(worker_id__in=workers)
    for shift_pk, worker_pk in kept.values_list("shift_id", "worker_id"):
        people.setdefault(shift_pk, []).append(worker_id(worker_pk))
    return {
        "from": local(now),
        "assignments": [{"shift": shift_id(s.pk), "people": sorted(people[s.pk])} for s in shifts],
    }


def build_instance(planning: Planning, *, now: datetime | None = None) -> dict[str, Any]:
    """The whole problem of one draft: its month's shifts, the site's workers, the rotas."""
    shifts = planned_shifts(planning)
    workers = planning_workers(planning)
    ids = [w.pk for w in workers]
    windows: dict[int, list[WeeklyWindow]] = {pk: [] for pk in ids}
    for window in WeeklyWindow.objects.filter(worker_id__in=ids):
        windows[window.worker_id].append(window)
    absences: dict[int, list[Absence]] = {}
    end = month_end(planning.month)
    overlapping = Q(first_day__lte=end, last_day__gte=planning.month)
    for absence in Absence.objects.filter(
        overlapping, worker__organisation_id=planning.organisation_id
    ):
        absences.setdefault(absence.worker_id, []).append(absence)
    # The workers' sites are prefetched, and hold the planning's site when anyone works there.
    women_only = {site.pk: site.women_only for w in workers for site in w.sites.all()}
    if planning.site_id not in women_only:
        women_only[planning.site_id] = planning.site.women_only
    document: dict[str, Any] = {
        "format": "coordo.roster/1",
        "name": f"planning-{planning.pk}",
        "period": {"start": planning.month.isoformat(), "end": end.isoformat()},
        "rules": RULES,
        "sites": [{"id": f"site{pk}", "women_only": women_only[pk]} for pk in sorted(women_only)],
        "shifts": [_shift(s) for s in shifts],
        "people": [_person(w, windows[w.pk], absences.get(w.pk, [])) for w in workers],
        "oncall": _oncall(planning, absences),
        "fixed": [
            {"shift": shift_id(a.shift_id), "person": worker_id(a.worker_id)}
            for a in Assignment.objects.filter(
                planning=planning, fixed=True, worker_id__in=ids, shift__in=shifts
            )
        ],
    }
    previous = _previous(planning, shifts, set(ids), now or timezone.now())
    if previous is not None:
        document["previous"] = previous
    return document


def _shift(shift: Shift) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": shift_id(shift.pk),
        "site": f"site{shift.site_id}",
        "start": local(shift.start),
        "end": local(shift.end),
        "required": shift.required,
    }
    if shift.languages_any:
        entry["languages_any"] = list(shift.languages_any)
    return entry
