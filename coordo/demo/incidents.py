"""A year of fictional incidents, register declarations with and without a name, and an
on-call rota at La Boussole that makes the escalation demonstrable: report a severity-3
incident as accueil@ (the host) and the alert reaches coordination@ (on call), then, after
the delay, direction@ (the backup). Seeded; a second run finds each object and changes nothing.
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta

from django.utils import timezone

from coordo.access.models import Organisation, Site, User
from coordo.incidents.catalogue import FAMILY_OF, Family, IncidentType
from coordo.incidents.models import (
    Debriefing,
    Declaration,
    EscalationStep,
    FollowUpAction,
    Incident,
    Involvement,
    Place,
    Status,
    StepKind,
    declared_day,
)
from coordo.planning.models import Rota, RotaPeriod, Worker, WorkerKind

SEED = 1313
PER_SITE = {"housing": 30, "shelter": 60, "drop_in": 45, "arrival": 25}
KEYS = uuid.UUID("6f1c1e8e-13a1-4d1b-9c55-7a3f0c1d2e13")
NARRATIVES = {
    Family.RESIDENT: "Une résidente signale des violences (récit fictif de démonstration).",
    Family.WORKER: "Une personne venue de l'extérieur s'en est prise à l'accueillant·e (fictif).",
    Family.HOUSE: "Événement dans la maison, pris en charge par l'équipe (récit fictif).",
}
AUTHORS = ["Un homme d'une quarantaine d'années", "Un visiteur inconnu", "Un ancien résident"]


def build(organisation: Organisation, sites: dict[str, Site]) -> None:
    coordinator = _user(organisation, "coordination@")
    host = _user(organisation, "accueil@")
    director = _user(organisation, "direction@")
    _on_call_rota(organisation, sites["drop_in"], coordinator, director)
    rng = random.Random(SEED)
    today = timezone.localdate()
    for key, count in PER_SITE.items():
        for n in range(count):
            _incident(organisation, sites[key], key, n, rng, today, coordinator, host)
    _declarations(organisation, sites, rng, today, host)
    _debriefings(organisation, sites["shelter"], coordinator)


def _user(organisation: Organisation, prefix: str) -> User:
    return User.objects.get(organisation=organisation, email__startswith=prefix)


def _on_call_rota(organisation: Organisation, site: Site, holder: User, backup: User) -> None:
    rota, created = Rota.objects.get_or_create(
        organisation=organisation, site=site, name="Garde incidents"
    )
    if not created:
        return
    workers = []
    for user in (holder, backup):
        worker = getattr(user, "worker", None) or Worker.objects.create(
            organisation=organisation,
            name=user.full_name,
            kind=WorkerKind.STAFF,
            max_shifts_per_month=0,
            user=user,
            email=user.email,
        )
        worker.sites.add(site)
        workers.append(worker)
    rota.members.add(*workers)
    # Whole days around the day the demo is loaded: someone is on call whenever you try it.
    start = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=7), time(8)))
    for _day in range(120):
        RotaPeriod.objects.create(
            organisation=organisation,
            rota=rota,
            start=start,
            end=start + timedelta(days=1),
            holder=workers[0],
        )
        start += timedelta(days=1)


def _incident(organisation, site, key, n, rng, today, coordinator, host):  # type: ignore[no-untyped-def]
    idempotency_key = uuid.uuid5(KEYS, f"{key}-{n}")
    if Incident.objects.filter(organisation=organisation, idempotency_key=idempotency_key).exists():
        return
    kind = rng.choice(list(IncidentType))
    severity = rng.choices([1, 2, 3, 4], weights=[45, 35, 15, 5])[0]
    day = today - timedelta(days=rng.randrange(2, 365))
    hour = rng.choices(range(24), weights=[2] * 7 + [4] * 5 + [6] * 6 + [8] * 4 + [3] * 2)[0]
    occurred = timezone.make_aware(datetime.combine(day, time(hour, rng.randrange(60))))
    reported = occurred + timedelta(minutes=rng.randrange(3, 40))
    family = FAMILY_OF[kind]
    incident = Incident.objects.create(
        organisation=organisation,
        site=site,
        occurred_at=occurred,
        reported_at=reported,
        place=rng.choice(list(Place)),
        type=kind,
        severity=severity,
        gbv_context=rng.choice(["intimate_partner", "family", "other_resident", "stranger"])
        if family == Family.RESIDENT
        else "",
        narrative=NARRATIVES[family],
        first_aid=severity >= 3 and rng.random() < 0.6,
        police=severity >= 3 and rng.random() < 0.4,
        ambulance=severity == 4,
        informed="La coordination" if severity >= 2 else "",
        status=Status.CLOSED if day < today - timedelta(days=30) else rng.choice(list(Status)),
        idempotency_key=idempotency_key,
        created_by=host if key == "drop_in" else coordinator,
    )
    if family != Family.HOUSE:
        Involvement.objects.create(
            organisation=organisation,
            incident=incident,
            role="author",
            description=rng.choice(AUTHORS),
        )
    if severity >= 3:
        alerted = reported + timedelta(seconds=rng.randrange(1, 5))
        acknowledged = alerted + timedelta(minutes=rng.choice([1, 2, 3, 4, 6, 8, 12, 15, 25]))
        incident.alerted_at, incident.acknowledged_at = alerted, acknowledged
        incident.acknowledged_by = coordinator
        incident.save(update_fields=["alerted_at", "acknowledged_at", "acknowledged_by"])
        EscalationStep.objects.bulk_create(
            [
                EscalationStep(
                    organisation=organisation,
                    incident=incident,
                    kind=StepKind.ALERTED,
                    at=alerted,
                    user=coordinator,
                ),
                EscalationStep(
                    organisation=organisation,
                    incident=incident,
                    kind=StepKind.ACKNOWLEDGED,
                    at=acknowledged,
                    user=coordinator,
                ),
            ]
        )
    if severity >= 2:
        FollowUpAction.objects.create(
            organisation=organisation,
            incident=incident,
            owner=coordinator,
            title=rng.choice(
                [
                    "Appeler la résidente",
                    "Organiser un débriefing",
                    "Porter plainte",
                    "Informer le CPAS",
                ]
            ),
            due=day + timedelta(days=rng.randrange(3, 20)),
            done_at=reported + timedelta(days=2) if incident.status == Status.CLOSED else None,
        )


def _declarations(organisation, sites, rng, today, host):  # type: ignore[no-untyped-def]
    if Declaration.objects.filter(organisation=organisation).exists():
        return
    kinds = [kind for kind in IncidentType if FAMILY_OF[kind] == Family.WORKER]
    for n in range(24):
        named = n % 3 == 0
        day = today - timedelta(days=rng.randrange(2, 700))
        declared = timezone.make_aware(datetime.combine(day + timedelta(days=1), time(10)))
        Declaration.objects.create(
            organisation=organisation,
            site=sites[rng.choice(list(PER_SITE))],
            occurred_at=timezone.make_aware(datetime.combine(day, time(rng.randrange(8, 23)))),
            declared_at=declared if named else declared_day(declared),  # anonymous: the day
            type=rng.choice(kinds),
            named=named,
            declarant=host if named else None,
            description="Insultes et menaces d'un visiteur à l'accueil (déclaration fictive).",
        )


def _debriefings(organisation, site, coordinator):  # type: ignore[no-untyped-def]
    """Three debriefings of the shelter's most serious incidents of the year."""
    if Debriefing.objects.filter(organisation=organisation, site=site).exists():
        return
    serious = list(Incident.objects.filter(site=site, severity__gte=3).order_by("occurred_at"))
    for group in (serious[:2], serious[2:3], serious[3:5]):
        if not group:
            continue
        debriefing = Debriefing.objects.create(
            organisation=organisation,
            site=site,
            held_on=timezone.localdate(group[-1].occurred_at) + timedelta(days=3),
            what_happened="Retour sur l'incident avec l'équipe de nuit (fictif).",
            what_helped="Le binôme et l'appel rapide à la garde.",
            what_to_change="Afficher le numéro de garde à l'accueil.",
            created_by=coordinator,
        )
        debriefing.incidents.set(group)
        debriefing.participants.set([coordinator])
