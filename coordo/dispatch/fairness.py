"""Placement rates and waiting times by group, counted in the database.

A proposal counts as placed when its decision gave a unit, or, before any decision,
when the optimiser proposed one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Case, Count, IntegerField, QuerySet, Sum, When
from django.utils.translation import gettext_lazy as _

from coordo.access.languages import language_name
from coordo.dispatch.models import Proposal
from coordo.people.models import Sex

GROUPS = {
    "household_type": _("Household type"),
    "head_sex": _("Sex of the head of household"),
    "vulnerable": _("Vulnerability"),
    "language": _("Language"),
}
HOUSEHOLD_TYPES = {
    "family": _("Family"), "single_woman": _("Single woman"), "single_man": _("Single man"),
    "single_person": _("Single person"), "minor": _("Unaccompanied minor"),
}  # fmt: skip
BAR_WIDTH = 240  # pixels for a 100 % placement rate


@dataclass(frozen=True)
class Row:
    label: str
    households: int
    placed: int
    average_wait: float

    @property
    def rate(self) -> int:
        return round(100 * self.placed / self.households) if self.households else 0

    @property
    def bar(self) -> int:
        return round(BAR_WIDTH * self.rate / 100)


@dataclass(frozen=True)
class Table:
    title: str
    rows: list[Row]

    @property
    def height(self) -> int:
        return 24 * len(self.rows) + 4


def _label(group: str, value: Any) -> str:
    if group == "household_type":
        return str(HOUSEHOLD_TYPES.get(value, value))
    if group == "head_sex":
        return str(dict(Sex.choices).get(value, value))
    if group == "vulnerable":
        return str(_("Vulnerable") if value else _("Not vulnerable"))
    return language_name(value) if value else str(_("Not recorded"))


def fairness_tables(proposals: QuerySet[Proposal]) -> list[Table]:
    placed = Case(
        When(decision__isnull=False, decision__unit__isnull=False, then=1),
        When(decision__isnull=True, unit__isnull=False, then=1),
        default=0,
        output_field=IntegerField(),
    )
    tables = []
    for group, title in GROUPS.items():
        rows = (
            proposals.order_by()
            .values(group)
            .annotate(households=Count("id"), placed=Sum(placed), wait=Avg("waiting_days"))
            .order_by(group)
        )
        tables.append(
            Table(
                str(title),
                [
                    Row(
                        _label(group, r[group]),
                        r["households"],
                        r["placed"] or 0,
                        round(r["wait"] or 0, 1),
                    )
                    for r in rows
                ],
            )
        )
    return tables
