"""The audit rule the canary test enforces: an answer that shows a person leaves one trail.

A person of the test world is *shown* when an answer contains one of their values: their
last name (unique in the world, `test_every_person_of_the_world_has_a_tracer` checks it)
or a confidential value planted on them (national number, phone). The audit rows the
same request wrote must then
- name the acting user (or no user: a secret-link feed) and hold none of those values;
- hold at most one list row (LIST or SEARCH, or an EXPORT naming no single record);
- name each shown person exactly once: one record row (VIEW or EXPORT) of a record of
  theirs, or else, with no such row, the one list row, if its kind of record holds persons.

Which persons a row of a given record kind names is declared beside each app's routes,
in `PERSONS_NAMED` of `tests/permissions/<app>.py`: record kind -> a function of the
row's record id, most often `of(Model, persons of one record)`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Max, Model

from coordo.access.models import AuditAction, AuditEvent, User
from coordo.people.models import Person

READ_ACTIONS = {AuditAction.VIEW, AuditAction.LIST, AuditAction.SEARCH, AuditAction.EXPORT}


def last_audit_id() -> int:
    return AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0


def person_values() -> dict[int, list[str]]:
    """Each person of the world -> the values that, in an answer, show them."""
    return {
        pk: [value for value in values if value]
        for pk, *values in Person.objects.values_list("pk", "last_name", "national_number", "phone")
    }


def of(model: type[Model], persons: Callable[[Any], Iterable[int]]) -> Callable[[str], set[int]]:
    """A `PERSONS_NAMED` entry: the persons of the `model` record the row names."""

    def named(object_id: str) -> set[int]:
        record = model._default_manager.filter(pk=object_id).first()
        return set(persons(record)) if record is not None else set()

    return named


def _persons_named() -> dict[str, Callable[[str], set[int]]]:
    from tests.permissions import PERSONS_NAMED  # its modules import `of` from here

    return PERSONS_NAMED


def _is_list_row(row: AuditEvent) -> bool:
    return row.action in {AuditAction.LIST, AuditAction.SEARCH} or (
        row.action == AuditAction.EXPORT and not row.object_id
    )


def audit_problems(body: str, since: int, user: User) -> list[str]:
    """What the rows written after audit row `since` miss for the persons `body` shows."""
    persons_named = _persons_named()
    values = person_values()
    shown = {pk for pk, held in values.items() if any(value in body for value in held)}
    rows = list(AuditEvent.objects.filter(id__gt=since).order_by("id"))
    problems: list[str] = []
    for row in rows:
        # Lower-cased: a search name ("hawa camara") is a person's value too.
        dump = repr([getattr(row, f.attname) for f in AuditEvent._meta.concrete_fields]).lower()
        if any(value.lower() in dump for held in values.values() for value in held):
            problems.append(f"audit row {row.pk} holds a person's value")
        if row.actor_id not in (None, user.pk):  # None: a secret-link feed has no user
            problems.append(f"audit row {row.pk} ({row.action}) names another user")
    if not shown:
        return problems
    reads = [row for row in rows if row.action in READ_ACTIONS]
    list_rows = [row for row in reads if _is_list_row(row)]
    if len(list_rows) > 1:
        problems.append(f"{len(list_rows)} list rows: {_describe(list_rows)}")
    named: Counter[int] = Counter()
    for row in reads:
        if _is_list_row(row):
            continue
        if row.object_type not in persons_named:
            problems.append(
                f"a {row.object_type} row: declare the persons it names in PERSONS_NAMED"
            )
            continue
        named.update(persons_named[row.object_type](row.object_id))
    listed = len(list_rows) == 1 and list_rows[0].object_type in persons_named
    for pk in sorted(shown):
        if named[pk] > 1:
            problems.append(f"person {pk} is named by {named[pk]} rows: {_describe(reads)}")
        elif named[pk] == 0 and not listed:
            problems.append(f"person {pk} is shown but no audit row names them: {_describe(rows)}")
    return problems


def _describe(rows: Iterable[AuditEvent]) -> str:
    return ", ".join(f"{row.action} {row.object_type}:{row.object_id}" for row in rows) or "none"
