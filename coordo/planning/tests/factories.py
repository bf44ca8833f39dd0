"""A small drop-in for planning tests: Monday and Wednesday slots, six hosts."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from coordo.access.models import AuditEvent, Site, User
from coordo.access.scoping import principal_for_user
from coordo.planning import actions
from coordo.planning.models import (
    Absence,
    Planning,
    PlanningRun,
    RunStatus,
    Shift,
    ShiftTemplate,
    WeeklyWindow,
    Worker,
)

DECEMBER = date(2026, 12, 1)


def make_templates(site: Site, weekdays: tuple[int, ...] = (0, 2)) -> list[ShiftTemplate]:
    """09–12 needs an Arabic or Tigrinya speaker; 12–15 anyone."""
    return [
        ShiftTemplate.objects.create(
            organisation=site.organisation,
            site=site,
            weekdays=list(weekdays),
            start=time(start),
            end=time(end),
            required=2,
            languages_any=languages,
        )
        for start, end, languages in ((9, 12, ["ar", "ti"]), (12, 15, []))
    ]


def make_worker(
    site: Site,
    name: str,
    *,
    languages: tuple[str, ...] = ("fr",),
    max_shifts: int = 8,
    user: User | None = None,
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5),
) -> Worker:
    worker = Worker.objects.create(
        organisation=site.organisation,
        name=name,
        kind="volunteer",
        languages=list(languages),
        max_shifts_per_month=max_shifts,
        user=user,
    )
    worker.sites.add(site)
    WeeklyWindow.objects.bulk_create(
        window(worker, "available", day, time(8), time(20)) for day in weekdays
    )
    return worker


def window(
    worker: Worker, kind: str, weekday: int, start: time, end: time | None = None
) -> WeeklyWindow:
    """An unsaved weekly window of `worker` (`end` None: until midnight), for bulk_create."""
    return WeeklyWindow(
        organisation_id=worker.organisation_id,
        worker=worker,
        kind=kind,
        weekday=weekday,
        start=start,
        end=end,
    )


def make_absence(
    worker: Worker, entered_by: User, first_day: date, last_day: date, reason: str = "leave"
) -> Absence:
    return Absence.objects.create(
        organisation_id=worker.organisation_id,
        worker=worker,
        reason=reason,
        first_day=first_day,
        last_day=last_day,
        entered_by=entered_by,
    )


def make_team(site: Site) -> list[Worker]:
    speakers = [make_worker(site, n, languages=("fr", "ar")) for n in ("Yara Test", "Samir Test")]
    others = [make_worker(site, n) for n in ("Anna Test", "Bram Test", "Chloé Test", "Dirk Test")]
    return speakers + others


def make_draft(site: Site, coordinator: User, month: date = DECEMBER) -> Planning:
    return actions.create_draft(site=site, month=month, by=principal_for_user(coordinator))


def publish_with(
    draft: Planning, workers: list[Worker], coordinator: User, *, needs_language: bool = True
) -> Shift:
    """Puts `workers` on the month's first (morning or afternoon) shift and publishes."""
    principal = principal_for_user(coordinator)
    shift = next(
        s for s in Shift.objects.order_by("start") if bool(s.languages_any) == needs_language
    )
    actions.assign_shift(
        draft,
        shift,
        workers=workers,
        accept_broken_rules=False,
        by=principal,
    )
    actions.publish_planning(draft, by=principal)
    return shift


def running_run(planning: Planning, coordinator: User, **fields: Any) -> PlanningRun:
    """A solver run at work on `planning`, as its task leaves it (`progress`, heartbeat…)."""
    return PlanningRun.objects.create(
        organisation_id=planning.organisation_id,
        planning=planning,
        created_by=coordinator,
        status=RunStatus.RUNNING,
        **fields,
    )


def audit_rows(action: str, object_type: str, object_id: object) -> int:
    """How many audit rows say `action` on that record."""
    return AuditEvent.objects.filter(
        action=action, object_type=object_type, object_id=str(object_id)
    ).count()
