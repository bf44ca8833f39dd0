"""Attendance figures: the team's table, and the funders' one through the small-cell rule."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from coordo.community.models import CATEGORIES, Attendance
from coordo.community.queries import MonthFigures, totals_by_month
from coordo.disclosure import Sum, Suppressed, Table, protect

OTHER = "other"


def category_labels() -> dict[str, str]:
    labels = {name: str(Attendance._meta.get_field(name).verbose_name) for name in CATEGORIES}  # type: ignore[union-attr]
    return labels | {OTHER: _("not counted in a category")}


def by_category(values: dict[str, int]) -> dict[str, int]:
    """A month's (or a period's) people counted by category, and those counted in none:
    the parts add up to the total."""
    counted = {name: values.get(name, 0) for name in CATEGORIES}
    return counted | {OTHER: values.get("total", 0) - sum(counted.values())}


@dataclass(frozen=True)
class FunderRow:
    month: date
    total: int | Suppressed
    by_category: dict[str, int | Suppressed]


def for_funders(rows: list[MonthFigures]) -> list[FunderRow]:
    """Whole ended months, each cell under the threshold suppressed (and what would give it)."""
    this_month = timezone.localdate().replace(day=1)
    months = {m: v for m, v in totals_by_month(rows).items() if m < this_month}
    cells: dict[Hashable, int] = {}
    relations = []
    for month, values in months.items():
        for name, count in by_category(values).items():
            cells[(month, name)] = count
        cells[(month, "total")] = values["total"]
        parts = tuple((month, name) for name in (*CATEGORIES, OTHER))
        relations.append(Sum((month, "total"), parts))
    protection = protect([Table("community.attendance", cells, relations)])
    return [
        FunderRow(
            month,
            protection.shown((month, "total")),
            {name: protection.shown((month, name)) for name in (*CATEGORIES, OTHER)},
        )
        for month in sorted(months)
    ]


def lines(rows: list[MonthFigures], *, funders: bool) -> Iterator[list[object]]:
    labels = category_labels()
    if funders:
        yield [_("Month"), _("Total"), *(labels[name] for name in (*CATEGORIES, OTHER))]
        for funded in for_funders(rows):
            yield [
                f"{funded.month:%Y-%m}",
                str(funded.total),
                *(str(funded.by_category[name]) for name in (*CATEGORIES, OTHER)),
            ]
        return
    yield [
        _("Month"),
        _("Activity"),
        _("Occurrences"),
        _("Total"),
        _("First visits"),
        *(labels[name] for name in CATEGORIES),
    ]
    for row in rows:
        yield [
            f"{row.month:%Y-%m}",
            row.activity,
            row.occurrences,
            row.total,
            row.first_visits,
            *(row.by_category[name] for name in CATEGORIES),
        ]
