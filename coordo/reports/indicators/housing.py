"""Housing indicators: nights, capacity, occupancy, stays and who was hosted.

Computed by the housing figures (coordo/housing/figures.py), the same functions as the
housing figures page and its export: one source for the page, the export and every report.
Several sites add up site by site (a constant number of queries per site).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.utils.translation import gettext_lazy as _

from coordo.housing import figures
from coordo.housing.models import Destination, HouseholdType
from coordo.people.models import Sex
from coordo.reports.indicators import (
    FieldCheck,
    Indicator,
    Number,
    Scope,
    Value,
    by_label,
    define,
    define_check,
    ratio,
)


def _month_label(first: date) -> str:
    return f"{first:%Y-%m}"


def _nights(scope: Scope, breakdown: str | None) -> Value:
    months: Counter[str] = Counter()
    total = 0
    for site_id in scope.site_ids:
        nights, rows = figures.nights_by_month(site_id, scope.start, scope.end)
        total += nights
        months.update({row.label: int(figures.number(row.value)) for row in rows})
    rows_out = tuple(sorted(months.items())) if breakdown == "month" else ()
    return Value(total, rows_out)


def _capacity(scope: Scope, breakdown: str | None) -> Value:
    return Value(sum(figures.capacity_nights(s, scope.start, scope.end) for s in scope.site_ids))


def _occupancy(scope: Scope, breakdown: str | None) -> Value:
    nights = _nights(scope, None).total
    return Value(ratio(nights, _capacity(scope, None).total))


def _entries_exits(scope: Scope, which: int, breakdown: str | None) -> Value:
    months: Counter[str] = Counter()
    for site_id in scope.site_ids:
        flows = figures.entries_and_exits(site_id, scope.start, scope.end)[which]
        months.update({_month_label(month): n for month, n in flows.items()})
    rows: tuple[tuple[str, Number], ...] = ()
    if breakdown == "month":
        every = [_month_label(first) for first, _last in figures.months(scope.start, scope.end)]
        rows = tuple((month, months.get(month, 0)) for month in every)
    return Value(sum(months.values()), rows)


def _entries(scope: Scope, breakdown: str | None) -> Value:
    return _entries_exits(scope, 0, breakdown)


def _exits(scope: Scope, breakdown: str | None) -> Value:
    if breakdown != "destination":
        return _entries_exits(scope, 1, breakdown)
    counts: Counter[str] = Counter()
    for site_id in scope.site_ids:
        counts.update(figures.exits_by_destination(site_id, scope.start, scope.end))
    return Value(sum(counts.values()), by_label(counts.items(), dict(Destination.choices)))


def _lengths(scope: Scope) -> tuple[Number, Number]:
    if len(scope.site_ids) == 1:
        return figures.stay_lengths(scope.site_ids[0], scope.start, scope.end)
    # Over several sites: the average weighted by each site's exits; no median across sites.
    total = weight = 0.0
    for site_id in scope.site_ids:
        average, _median = figures.stay_lengths(site_id, scope.start, scope.end)
        exits = sum(figures.entries_and_exits(site_id, scope.start, scope.end)[1].values())
        if average is not None:
            total, weight = total + average * exits, weight + exits
    return (round(total / weight, 1) if weight else None), None


def _average_length(scope: Scope, breakdown: str | None) -> Value:
    return Value(_lengths(scope)[0])


def _median_length(scope: Scope, breakdown: str | None) -> Value:
    return Value(_lengths(scope)[1])


def _persons(scope: Scope, breakdown: str | None) -> Value:
    by_age: Counter[str] = Counter()
    by_sex: Counter[str] = Counter()
    for site_id in scope.site_ids:
        ages, sexes = figures.persons_served(site_id, scope.start, scope.end)
        by_age.update({row.label: int(figures.number(row.value)) for row in ages})
        by_sex.update({row.label: int(figures.number(row.value)) for row in sexes})
    rows: tuple[tuple[str, Number], ...] = ()
    if breakdown == "age":
        order = [label for _low, _high, label in figures.AGE_BANDS]
        rows = tuple(sorted(by_age.items(), key=lambda r: (r[0] not in order, r[0])))
    elif breakdown == "sex":
        labels = [str(label) for _code, label in Sex.choices]
        rows = tuple(
            sorted(by_sex.items(), key=lambda r: labels.index(r[0]) if r[0] in labels else 99)
        )
    return Value(sum(by_sex.values()), rows)


def _households(scope: Scope, breakdown: str | None) -> Value:
    counts: Counter[str] = Counter()
    for site_id in scope.site_ids:
        counts.update(figures.households_by_type(site_id, scope.start, scope.end))
    rows = by_label(counts.items(), dict(HouseholdType.choices)) if breakdown == "household" else ()
    return Value(sum(counts.values()), rows)


def _missing(field: str):  # type: ignore[no-untyped-def]
    def count(scope: Scope) -> tuple[int, int]:
        missing = every = 0
        for site_id in scope.site_ids:
            found = figures.missing_fields(site_id, scope.start, scope.end)[field]
            missing, every = missing + found[0], every + found[1]
        return missing, every

    return count


define_check(
    FieldCheck(
        "housing.birth_year",
        _("Birth year of the persons hosted"),
        _missing("birth_year"),
        "person_list",
    )
)
define_check(
    FieldCheck("housing.sex", _("Sex of the persons hosted"), _missing("sex"), "person_list")
)
define_check(
    FieldCheck(
        "housing.destination",
        _("Destination of the stays ended"),
        _missing("destination"),
        "stay_list",
    )
)
define_check(
    FieldCheck(
        "housing.household_type",
        _("Household type of the stays"),
        _missing("household_type"),
        "stay_list",
    )
)

NIGHTS = define(Indicator("housing.nights", _("Nights"), "nights", _nights, ("month",)))
CAPACITY = define(
    Indicator(
        "housing.capacity_nights",
        _("Bed-nights available"),
        "nights",
        _capacity,
        count=False,
        rests_on="housing.nights",
    )
)
OCCUPANCY = define(
    Indicator(
        "housing.occupancy_rate",
        _("Occupancy rate"),
        "percent",
        _occupancy,
        count=False,
        rests_on="housing.nights",
    )
)
ENTRIES = define(Indicator("housing.entries", _("Stays begun"), "count", _entries, ("month",)))
EXITS = define(
    Indicator(
        "housing.exits",
        _("Stays ended"),
        "count",
        _exits,
        ("month", "destination"),
        fields=("housing.destination",),
    )
)
AVERAGE_LENGTH = define(
    Indicator(
        "housing.length_average",
        _("Average length of stay"),
        "nights",
        _average_length,
        count=False,
        rests_on="housing.exits",
    )
)
MEDIAN_LENGTH = define(
    Indicator(
        "housing.length_median",
        _("Median length of stay"),
        "nights",
        _median_length,
        count=False,
        rests_on="housing.exits",
    )
)
PERSONS = define(
    Indicator(
        "housing.persons",
        _("Persons hosted"),
        "count",
        _persons,
        ("age", "sex"),
        fields=("housing.birth_year", "housing.sex"),
    )
)
HOUSEHOLDS = define(
    Indicator(
        "housing.households",
        _("Households hosted"),
        "count",
        _households,
        ("household",),
        fields=("housing.household_type",),
    )
)
