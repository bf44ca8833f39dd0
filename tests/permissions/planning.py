"""Planning app: month plannings, solver runs, hand edits, my shifts, the calendar feed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from django.db.models import Model

from coordo.access.models import User
from coordo.access.roles import Role
from coordo.planning.actions import generate_shifts
from coordo.planning.models import (
    Absence,
    Assignment,
    Planning,
    PlanningRun,
    PlanningStatus,
    Rota,
    RotaPeriod,
    Shift,
    ShiftTemplate,
    SwapRequest,
    WeeklyWindow,
    Worker,
)
from tests.permissions.routes import ALL_ROLES, NOBODY, Route, api
from tests.world import Place

C, HOST = Role.COORDINATOR, Role.HOST
VIEWERS = frozenset({C, HOST})
EDITORS = frozenset({C})

ROUTES: dict[str, Route] = {
    "planning_list": Route(allowed=VIEWERS),
    "planning_setup": Route(allowed=EDITORS),
    "worker_create": Route(
        method="POST", allowed=EDITORS, ok=302,
        data={"name": "Nora Test", "kind": "volunteer", "max_shifts_per_month": 6, "weekdays": [0],
              "available_from": "09:00", "available_to": "12:00"},
    ),
    "template_create": Route(
        method="POST", allowed=EDITORS, ok=302,
        data={"weekdays": [1], "start": "09:00", "end": "12:00", "required": 2},
    ),
    "planning_settings": Route(
        method="POST", allowed=EDITORS, ok=302, data={"closed_on_public_holidays": "on"}
    ),
    "worker_detail": Route(target="worker", allowed=EDITORS),
    "worker_active": Route(method="POST", target="worker", allowed=EDITORS, ok=302, data={"active": "1"}),
    "window_add": Route(
        method="POST", target="worker", allowed=EDITORS, ok=302,
        data={"kind": "preferred", "weekday": 2, "start": "09:00", "end": "12:00"},
    ),
    "window_edit": Route(target="window", allowed=EDITORS),
    "window_remove": Route(method="POST", target="window", allowed=EDITORS, ok=302),
    # The form names no user here, so it is refused with a message: still a redirect.
    "worker_account": Route(method="POST", target="worker", allowed=EDITORS, ok=302),
    "worker_account_remove": Route(method="POST", target="worker", allowed=EDITORS, ok=302),
    # The world's worker has no e-mail address: refused with a message, still a redirect.
    "worker_calendar_send": Route(method="POST", target="worker", allowed=EDITORS, ok=302),
    "worker_calendar_renew": Route(method="POST", target="worker", allowed=EDITORS, ok=302),
    "worker_absence_add": Route(
        method="POST", target="worker", allowed=EDITORS, ok=302,
        data={"reason": "training", "first_day": "2027-01-11", "last_day": "2027-01-11"},
    ),
    "worker_absence_remove": Route(method="POST", target="absence", allowed=EDITORS, ok=302),
    "planning_create": Route(method="POST", allowed=EDITORS, ok=302, data={"month": "2027-03"}),
    "planning_detail": Route(target="planning", allowed=VIEWERS),
    "planning_solve": Route(method="POST", target="draft", allowed=EDITORS, ok=302, data={"time_limit": 1}),
    "planning_publish": Route(method="POST", target="draft", allowed=EDITORS, ok=302),
    "planning_discard": Route(method="POST", target="draft", allowed=EDITORS, ok=302),
    "planning_shift": Route(target="draft_shift", allowed=EDITORS),
    "planning_run": Route(target="run", allowed=EDITORS),
    "planning_run_cancel": Route(method="POST", target="run", allowed=EDITORS, ok=302),
    # Everyone has the page; it lists shifts only for a user linked to a worker.
    "my_shifts": Route(allowed=ALL_ROLES),
    # Only the own site's host is a worker in this world; for anyone else there is no link.
    "absence_add": Route(
        method="POST", allowed=frozenset({HOST}), ok=302, denied=404, linked_worker=True,
        data={"reason": "illness", "first_day": "2027-01-04", "last_day": "2027-01-05"},
    ),
    "calendar_renew": Route(method="POST", allowed=frozenset({HOST}), ok=302, denied=404, linked_worker=True),
    # The secret address is the key, for calendar apps without a session: whoever holds
    # it gets the feed, logged in or not, whatever their role (hence "denied" is 200).
    "calendar_feed": Route(target="calendar", allowed=NOBODY, denied=200, anonymous=200),
    # Drafts print for their editors only; hosts get published versions, like the page.
    "planning_pdf": Route(target="planning", allowed=VIEWERS),
    # Swaps: only the own site's host is a worker; for anyone else there is no link (404).
    "swap_create": Route(method="POST", target="assignment", allowed=frozenset({HOST}), ok=302, denied=404, linked_worker=True),
    "swap_accept": Route(method="POST", target="swap_offer", allowed=frozenset({HOST}), ok=302, denied=404, linked_worker=True),
    "swap_cancel": Route(method="POST", target="swap_mine", allowed=frozenset({HOST}), ok=302, denied=404, linked_worker=True),
    "swap_list": Route(allowed=EDITORS),
    "swap_approve": Route(method="POST", target="swap_accepted", allowed=EDITORS, ok=302),
    "swap_reject": Route(method="POST", target="swap_accepted", allowed=EDITORS, ok=302),
    "rota_list": Route(allowed=EDITORS),
    "rota_create": Route(method="POST", allowed=EDITORS, ok=302, data={"name": "Garde test"}),
    "rota_detail": Route(target="rota", allowed=EDITORS),
    "rota_period_add": Route(
        method="POST", target="rota", allowed=EDITORS, ok=302,
        data={"start": "2027-04-05T08:00", "end": "2027-04-06T08:00"},
    ),
    "rota_period_edit": Route(target="rota_period", allowed=EDITORS),
    "rota_period_remove": Route(method="POST", target="rota_period", allowed=EDITORS, ok=302),
    "api:get_planning": api(target="planning", allowed=VIEWERS, denied=403),
    "api:list_absences": api(allowed=EDITORS),
    "api:create_absence": api(
        method="POST", target="worker", allowed=EDITORS, ok=201,
        data={"reason": "illness", "first_day": "2027-01-04", "last_day": "2027-01-04"},
    ),
    "api:get_availability": api(target="worker", allowed=EDITORS),
}  # fmt: skip

TARGETS = {
    "planning": lambda place: {"planning_id": place.records["planning"].pk},
    "draft": lambda place: {"planning_id": place.records["draft"].pk},
    "draft_shift": lambda place: {
        "planning_id": place.records["draft"].pk,
        "shift_id": place.records["shift"].pk,
    },
    "run": lambda place: {"run_id": place.records["run"].pk},
    "worker": lambda place: {"worker_id": place.records["worker"].pk},
    "window": lambda place: {
        "worker_id": place.records["worker"].pk,
        "window_id": place.records["window"].pk,
    },
    "absence": lambda place: {
        "worker_id": place.records["worker"].pk,
        "absence_id": place.records["absence"].pk,
    },
    "assignment": lambda place: {"assignment_id": place.records["assignment"].pk},
    "swap_offer": lambda place: {"swap_id": place.records["swap_offer"].pk},
    "swap_mine": lambda place: {"swap_id": place.records["swap_mine"].pk},
    "swap_accepted": lambda place: {"swap_id": place.records["swap_accepted"].pk},
    "rota": lambda place: {"rota_id": place.records["rota"].pk},
    "rota_period": lambda place: {
        "rota_id": place.records["rota"].pk,
        "period_id": place.records["rota_period"].pk,
    },
    "calendar": lambda place: {"token": place.records["worker"].calendar_token},  # type: ignore[attr-defined]
}

CANARIES = {
    # Where only the worker's calendar link is sent: their coordination alone sees it.
    # The worker's own address: her coordination sees it on her page and the window form.
    "planning.worker_email": (
        "wendy.canary-pl4n@test.example",
        {(C, "worker_detail"), (C, "window_edit")},
    ),
    "planning.worker_name": (
        "Wendy CANARY-PL4N",
        {
            (C, "planning_detail"),
            (HOST, "planning_detail"),
            (C, "planning_shift"),
            (C, "planning_run"),  # the polled board carries the fairness table
            (C, "planning_setup"),
            (C, "worker_detail"),
            (C, "window_edit"),
            (C, "swap_list"),
            (C, "rota_list"),
            (C, "rota_detail"),
            (C, "rota_period_edit"),
        },
    ),
}


def _acting_host(place: Place) -> User | None:
    """The world's own-site host (not the target user the access builder made)."""
    return (
        User.objects.filter(memberships__site=place.site, memberships__role=HOST)
        .exclude(pk=place.records["user"].pk)
        .order_by("pk")
        .first()
    )


def _month_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    site, organisation = place.site, place.site.organisation
    ShiftTemplate.objects.create(
        organisation=organisation, site=site, weekdays=[0], start=time(9), end=time(12), required=1
    )
    generate_shifts(site, date(2027, 1, 1))
    generate_shifts(site, date(2027, 2, 1))
    worker = Worker.objects.create(
        organisation=organisation,
        name=planted.get("planning.worker_name", f"Wim {label}"),
        kind="volunteer",
        max_shifts_per_month=8,
        email=planted.get("planning.worker_email", ""),
        languages=["ar", "prs"],
        user=_acting_host(place) if label == "own" else None,
    )
    worker.sites.add(site)
    creator = place.records["user"]
    assert isinstance(creator, User)
    published = Planning.objects.create(
        organisation=organisation,
        site=site,
        month=date(2027, 1, 1),
        created_by=creator,
        status=PlanningStatus.PUBLISHED,
        version=1,
    )
    january = Shift.objects.filter(site=site, start__month=1).first()
    assert january is not None
    Assignment.objects.create(
        organisation_id=published.organisation_id, planning=published, shift=january, worker=worker
    )
    draft = Planning.objects.create(
        organisation=organisation, site=site, month=date(2027, 2, 1), created_by=creator
    )
    run = PlanningRun.objects.create(
        organisation_id=draft.organisation_id, planning=draft, created_by=creator, status="done"
    )
    shift = Shift.objects.filter(site=site, start__month=2).first()
    window = WeeklyWindow.objects.create(
        organisation_id=worker.organisation_id,
        worker=worker,
        kind="available",
        weekday=0,
        start=time(8),
        end=time(13),
    )
    absence = Absence.objects.create(
        organisation_id=worker.organisation_id,
        worker=worker,
        reason="leave",
        first_day=date(2027, 2, 15),
        last_day=date(2027, 2, 16),
        entered_by=creator,
    )
    return {
        "planning": published,
        "draft": draft,
        "shift": shift,
        "run": run,
        "worker": worker,
        "window": window,
        "absence": absence,
    }  # type: ignore[dict-item]


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    records = _month_records(place, label, planted)
    planning, worker = records["planning"], records["worker"]
    assert isinstance(planning, Planning)
    assert isinstance(worker, Worker)
    assignment = Assignment.objects.get(planning=planning, worker=worker)
    swaps = _swaps(place, label, planning, worker)
    return {**records, "assignment": assignment, **swaps, **_rota(place, worker)}


def _swaps(place: Place, label: str, planning: Planning, worker: Worker) -> dict[str, Model]:
    """The worker asks for one, is offered one, and has taken one, on later Mondays of January."""
    colleague = Worker.objects.create(
        organisation=planning.organisation,
        name=f"Vic {label}",
        kind="volunteer",
        max_shifts_per_month=8,
    )
    colleague.sites.add(place.site)
    mondays = list(Shift.objects.filter(site=place.site, start__month=1).order_by("start")[1:4])
    for shift, owner in zip(mondays, (worker, colleague, colleague), strict=True):
        Assignment.objects.create(
            organisation_id=planning.organisation_id, planning=planning, shift=shift, worker=owner
        )
    common = {"organisation": planning.organisation, "site": place.site, "planning": planning}
    return {
        "swap_mine": SwapRequest.objects.create(**common, shift=mondays[0], requester=worker),
        "swap_offer": SwapRequest.objects.create(
            **common, shift=mondays[1], requester=colleague, colleague=worker
        ),
        "swap_accepted": SwapRequest.objects.create(
            **common, shift=mondays[2], requester=colleague, taker=worker, status="accepted"
        ),
    }


def _rota(place: Place, worker: Worker) -> dict[str, Model]:
    """A rota of the site with the worker on call for a night in March."""
    rota = Rota.objects.create(organisation=place.site.organisation, site=place.site, name="Garde")
    rota.members.add(worker)
    period = RotaPeriod.objects.create(
        organisation_id=rota.organisation_id,
        rota=rota,
        start=datetime(2027, 3, 1, 8, tzinfo=UTC),
        end=datetime(2027, 3, 2, 8, tzinfo=UTC),
        holder=worker,
    )
    return {"rota": rota, "rota_period": period}
