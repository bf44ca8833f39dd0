"""The drop-in's shift planning: Monday–Saturday 3-hour slots, two hosts each, ~25 workers.

November 2026 is published (filled by a simple, deterministic round-robin so that the
demo loads fast and the same each time); December has an empty draft, ready for the
coordinator to generate with the solver. The demo coordinator also coordinates the
drop-in, and the drop-in's demo host is one of its workers. Seeded; a second run
finds each object and changes nothing.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from coordo.access.models import Organisation, Site, User
from coordo.demo.names import COMMUNITIES
from coordo.planning.actions import generate_shifts
from coordo.planning.fetch import month_shifts
from coordo.planning.models import (
    Assignment,
    Planning,
    PlanningStatus,
    Rota,
    RotaPeriod,
    ShiftTemplate,
    WeeklyWindow,
    Worker,
    WorkerKind,
)

SEED = 5005
PUBLISHED, DRAFT = date(2026, 11, 1), date(2026, 12, 1)
SLOTS: tuple[tuple[time, time, list[str]], ...] = (
    (time(9), time(12), ["ar", "ti"]),
    (time(12), time(15), []),
    (time(15), time(18), []),
)
ROTA_FIRST_MONDAY, ROTA_WEEKS = date(2026, 11, 2), 9
COORDINATOR_EMAIL, HOST_EMAIL = "coordination@", "accueil@"
# kind, how many, monthly cap, contract hours, weekdays available
TEAM = [
    (WorkerKind.STAFF, 6, 16, 30, 5),
    (WorkerKind.STUDENT, 2, 8, None, 3),
    (WorkerKind.INTERN, 2, 12, 20, 4),
    (WorkerKind.VOLUNTEER, 15, 6, None, 2),
]


def build(organisation: Organisation, sites: dict[str, Site]) -> None:
    site = sites["drop_in"]
    coordinator = _user(organisation, COORDINATOR_EMAIL)
    for start, end, languages in SLOTS:
        ShiftTemplate.objects.get_or_create(
            organisation=organisation,
            site=site,
            start=start,
            end=end,
            defaults={"weekdays": [0, 1, 2, 3, 4, 5], "required": 2, "languages_any": languages},
        )
    workers = _team(organisation, site, _user(organisation, HOST_EMAIL))
    if not Planning.objects.filter(site=site, month=PUBLISHED).exists():
        generate_shifts(site, PUBLISHED)
        published = Planning.objects.create(
            organisation=organisation,
            site=site,
            month=PUBLISHED,
            created_by=coordinator,
            status=PlanningStatus.PUBLISHED,
            version=1,
            published_at=timezone.now(),
        )
        _round_robin(published, workers)
    # The shelter takes in women only: only workers marked for women-only sites go there.
    Site.objects.filter(pk=sites["shelter"].pk).update(women_only=True)
    _rota(organisation, sites["shelter"])
    if not Planning.objects.filter(site=site, month=DRAFT).exists():
        generate_shifts(site, DRAFT)
        Planning.objects.create(
            organisation=organisation, site=site, month=DRAFT, created_by=coordinator
        )


def _rota(organisation: Organisation, site: Site) -> None:
    """The shelter's on-call rota: three coordinators, weekdays and weekends in turn."""
    rota, created = Rota.objects.get_or_create(
        organisation=organisation, site=site, name="Garde des coordinateurs"
    )
    if not created:
        return
    rng = random.Random(SEED + 1)
    members = []
    for _ in range(3):
        females, males, lasts, _nationality, languages = rng.choice(list(COMMUNITIES.values()))
        name = f"{rng.choice(females + males)} {rng.choice(lasts)}"
        member, _new = Worker.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "kind": WorkerKind.STAFF,
                "languages": ["fr", *languages],
                "max_shifts_per_month": 0,
                "contract_hours": 38,
            },
        )
        member.sites.add(site)
        members.append(member)
    rota.members.add(*members)
    start = timezone.make_aware(datetime.combine(ROTA_FIRST_MONDAY, time(8)))
    for n in range(ROTA_WEEKS * 2):
        # Monday 08:00 to Friday 08:00, then Friday 08:00 to Monday 08:00 (the weekend).
        end = start + timedelta(days=4 if n % 2 == 0 else 3)
        RotaPeriod.objects.create(
            organisation=organisation,
            rota=rota,
            start=start,
            end=end,
            weekend=n % 2 == 1,
            holder=members[n % 3],
        )
        start = end


def _user(organisation: Organisation, prefix: str) -> User:
    return User.objects.get(organisation=organisation, email__startswith=prefix)


def _team(organisation: Organisation, site: Site, host: User) -> list[Worker]:
    rng = random.Random(SEED)
    communities = list(COMMUNITIES.values())
    workers = []
    for kind, count, cap, hours, days in TEAM:
        for n in range(count):
            females, males, lasts, _nationality, languages = rng.choice(communities)
            female = rng.random() < 0.6
            name = f"{rng.choice(females if female else males)} {rng.choice(lasts)}"
            linked = host if (kind, n) == (WorkerKind.VOLUNTEER, 0) else None
            worker, created = Worker.objects.get_or_create(
                organisation=organisation,
                name=linked.full_name if linked else name,
                defaults={
                    "kind": kind,
                    "female": female,
                    "languages": ["fr", *languages],
                    "max_shifts_per_month": cap,
                    "contract_hours": hours,
                    "user": linked,
                },
            )
            weekdays = sorted(rng.sample(range(6), days))
            if created:
                worker.sites.add(site)
                WeeklyWindow.objects.bulk_create(
                    WeeklyWindow(
                        organisation=organisation,
                        worker=worker,
                        kind="available",
                        weekday=d,
                        start=time(9),
                        end=time(18),
                    )
                    for d in weekdays
                )
            workers.append(worker)
    return workers


def _round_robin(planning: Planning, workers: list[Worker]) -> None:
    """Two people a slot: the least-loaded available ones, a speaker first where one is needed."""
    days = {w.pk: {x.weekday for x in w.windows.all()} for w in workers}
    load: Counter[int] = Counter()
    busy: dict[date, set[int]] = defaultdict(set)
    rows = []
    for shift in month_shifts(planning):
        day = timezone.localtime(shift.start).date()
        free = [
            w
            for w in workers
            if day.weekday() in days[w.pk]
            and w.pk not in busy[day]
            and load[w.pk] < w.max_shifts_per_month
        ]
        free.sort(key=lambda w: (load[w.pk], w.pk))
        speakers = [w for w in free if set(w.languages) & set(shift.languages_any)]
        team = (speakers[:1] + [w for w in free if w not in speakers[:1]])[: shift.required]
        for worker in team:
            load[worker.pk] += 1
            busy[day].add(worker.pk)
            rows.append(
                Assignment(
                    organisation_id=planning.organisation_id,
                    planning=planning,
                    shift=shift,
                    worker=worker,
                )
            )
    Assignment.objects.bulk_create(rows)
