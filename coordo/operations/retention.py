"""Applying the retention rules (coordo/retention.py): the dry run, the purge, the daily job.

A dry run counts, per organisation and rule, the rows that have expired; it changes
nothing. Applying deletes or anonymises them, one transaction per rule, one audit row
per record (its identifiers only), and removes the files of purged attachments once the
transaction has committed. The daily job applies only when the installation has said so
(`COORDO_RETENTION_APPLY=1`): until then it records the dry run for the admin to read.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.conf import settings
from django.db import router, transaction
from django.db.models import FileField, Model
from django.db.models.deletion import Collector
from django.utils import timezone

from coordo import retention
from coordo.access import audit
from coordo.access.models import AuditAction, SystemActor
from coordo.operations.models import RetentionReport

Counts = dict[int, dict[str, int]]  # organisation id -> rule key -> rows


def dry_run(today: date | None = None, *, organisation_id: int | None = None) -> Counts:
    """What applying would do today, per organisation and rule: counts only."""
    today = today or timezone.localdate()
    counts: Counts = {}
    for rule in retention.rules():
        rows = retention.expired(rule, today)
        if organisation_id is not None:
            rows = rows.filter(organisation_id=organisation_id)
        per_org = Counter(rows.values_list("organisation_id", flat=True))
        for org, number in per_org.items():
            counts.setdefault(org, {})[rule.key] = number
    return counts


def apply(today: date | None = None) -> Counts:
    """Delete or anonymise every expired row, rule by rule; returns what was done."""
    today = today or timezone.localdate()
    done: Counts = {}
    for rule in retention.rules():
        if rule.action == retention.Action.KEPT:
            continue
        with transaction.atomic():
            rows = list(retention.expired(rule, today).select_for_update(of=("self",)))
            for row in rows:
                action = (
                    AuditAction.DELETE
                    if rule.action == retention.Action.PURGE
                    else AuditAction.UPDATE
                )
                audit.record(action, system=SystemActor.RETENTION, obj=row)
                done.setdefault(row.organisation_id, Counter())[rule.key] += 1  # type: ignore[attr-defined]
            if rows:
                act(rule, rows)
    return {org: dict(rules) for org, rules in done.items()}


def act(rule: retention.Rule, rows: list[Model]) -> None:
    model = type(rows[0])
    ids = [row.pk for row in rows]
    if rule.action == retention.Action.ANONYMISE:
        model._default_manager.filter(pk__in=ids).update(**rule.fields)
        return
    collector = Collector(using=router.db_for_write(model))
    collector.collect(rows)
    # Rows without signals are "fast deleted" by query: their files are read from those.
    doomed = [*collector.data.items(), *((qs.model, qs) for qs in collector.fast_deletes)]
    files = [
        getattr(instance, f.name)
        for related, instances in doomed
        for f in related._meta.fields
        if isinstance(f, FileField)
        for instance in instances
        if getattr(instance, f.name)
    ]
    model._default_manager.filter(pk__in=ids).delete()
    # A rolled-back purge keeps its files; a committed one leaves none behind.
    transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])


def record(counts: Counts, *, applied: bool) -> None:
    now = timezone.now()
    RetentionReport.objects.bulk_create(
        RetentionReport(organisation_id=org, ran_at=now, applied=applied, counts=rules)
        for org, rules in counts.items()
    )


def approved() -> bool:
    return bool(settings.COORDO_RETENTION_APPLY)


def daily() -> None:
    """The daily job (coordo/schedule.py): apply when approved, else record the dry run."""
    if approved():
        record(apply(), applied=True)
    else:
        record(dry_run(), applied=False)
