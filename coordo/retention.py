"""How long each kind of record about a person is kept, in one registry each app fills.

Each app registers its `Rule`s from its `AppConfig.ready()`, as it registers its
personal-data sources (coordo/personal_data.py); a test fails when a model of that
registry has no rule, so a new app cannot forget to say how long it keeps what it holds.

A rule says which rows are expired (`starts` — the date field the period runs from — older
than `period`, plus an optional `where`), and what happens to them: PURGE deletes them
(with what cascades from them, named in `covers`), ANONYMISE blanks `fields`, KEPT does
nothing and says why in `basis`. A row about a person under a legal hold (the `persons`
lookups lead to her) is never touched. The legal basis of each period is the `basis`
text, printed on the record of processing activities: GDPR art. 5(1)(e) (storage
limitation) for all of them, with the Belgian rule where one applies.

This module imports no app: the apps import it. Applying the rules is coordo/retention_run.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.utils.functional import Promise

from coordo.registry import Registry


class Action(StrEnum):
    PURGE = "purge"
    ANONYMISE = "anonymise"
    KEPT = "kept"


@dataclass(frozen=True)
class Rule:
    key: str
    title: str | Promise
    model: str  # "app_label.Model"
    action: Action
    basis: str | Promise  # why this period, and the law behind it
    years: int = 0
    starts: str = ""  # the date or datetime field the period runs from; empty when KEPT
    where: Q | None = None  # further conditions on an expired row (e.g. "without follow-up")
    persons: tuple[str, ...] = ()  # lookups from a row to the people it is about
    fields: dict[str, Any] = field(default_factory=dict)  # ANONYMISE: field -> blank value
    covers: tuple[str, ...] = ()  # models removed with it (by cascade) or following its fate
    order: int = 100
    # On her erasure request (art. 17), may her rows go before the period ends? Not when a
    # legal obligation keeps them (art. 17(3)(b)): `basis` then says which.
    erasable: bool = True

    @property
    def models(self) -> tuple[str, ...]:
        return (self.model, *self.covers)


_RULES: Registry[Rule] = Registry("retention rules")


def register(rule: Rule) -> None:
    if (rule.action == Action.KEPT) != (not rule.starts):
        raise ImproperlyConfigured(f"{rule.key!r}: a kept rule has no start, the others one.")
    if (rule.action == Action.ANONYMISE) != bool(rule.fields):
        raise ImproperlyConfigured(f"{rule.key!r}: an anonymising rule names its fields.")
    _RULES.add(rule)


rules = _RULES.ordered
covered_models = _RULES.covered_models


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (28 February for a 29th with no leap year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def about(rule: Rule, person_id: int) -> QuerySet[Model]:
    """The rows of `rule` about one person, whatever their age."""
    model = apps.get_model(rule.model)
    match = Q(pk__in=[])
    for path in rule.persons:
        match |= Q(**{f"{path}__pk" if path else "pk": person_id})
    return model._default_manager.filter(pk__in=model._default_manager.filter(match).values("pk"))


def expired(rule: Rule, today: date) -> QuerySet[Model]:
    """The rows `rule` acts on today: past their period, not already done, no legal hold."""
    model = apps.get_model(rule.model)
    if rule.action == Action.KEPT:
        return model._default_manager.none()
    cutoff = years_before(today, rule.years)
    kind = model._meta.get_field(rule.starts).get_internal_type()
    lookup = f"{rule.starts}__date__lt" if kind == "DateTimeField" else f"{rule.starts}__lt"
    rows = model._default_manager.filter(**{lookup: cutoff})
    if rule.where is not None:
        rows = rows.filter(rule.where)
    if rule.action == Action.ANONYMISE:  # already anonymised rows are done
        rows = rows.exclude(**dict(rule.fields.items()))
    for path in rule.persons:
        prefix = f"{path}__" if path else ""
        rows = rows.exclude(**{f"{prefix}legal_hold_at__isnull": False})
    return rows  # excludes and IS NULL joins add no duplicate: no DISTINCT, so it can lock
