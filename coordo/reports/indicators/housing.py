"""Housing indicators: nights, capacity, occupancy, stays and who was hosted.

Computed by the housing reads of `coordo.housing.queries.figures`, the same ones as the housing
figures page and its export: one source for the page, the export and every report. Each
read is one query grouped by site over all the scope's sites, and gives an indicator's
total with all its breakdowns; a report computes its indicators together
(`computed_together`), so each read runs once per period whatever the sections, the
breakdowns and the number of sites asking. Over several sites a person is counted once
per site she slept at, as the sum of the sites' figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date

from django.utils.translation import gettext_lazy as _

from coordo.housing.models import Destination, HouseholdType
from coordo.housing.queries import figures as site_figures
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
    shared,
)


def _over_sites[Part](
    read: Callable[[tuple[int, ...], date, date], Mapping[int, Part]], scope: Scope, empty: Part
) -> Part:
    """A grouped read's parts of every site of the scope, added up."""
    total = empty
    for part in shared(read, scope).values():
        total = total + part  # type: ignore[operator]
    return total


def _month_rows(scope: Scope, counts: Mapping[date, int]) -> tuple[tuple[str, Number], ...]:
    every = [first.replace(day=1) for first, _last in site_figures.months(scope.start, scope.end)]
    return tuple((f"{month:%Y-%m}", counts.get(month, 0)) for month in every)


def _nights(scope: Scope, breakdown: str | None) -> Value:
    months = site_figures.months(scope.start, scope.end)
    by_site = shared(site_figures.nights_by_month, scope).values()
    nights = [sum(column) for column in zip(*by_site, strict=True)] or [0] * len(months)
    rows = tuple((f"{first:%Y-%m}", n) for (first, _last), n in zip(months, nights, strict=True))
    return Value(sum(nights), rows if breakdown == "month" else ())


def _capacity(scope: Scope, breakdown: str | None) -> Value:
    return Value(sum(shared(site_figures.capacity_nights, scope).values()))


def _occupancy(scope: Scope, breakdown: str | None) -> Value:
    return Value(ratio(_nights(scope, None).total, _capacity(scope, None).total))


def _ended(scope: Scope) -> site_figures.Ended:
    return _over_sites(site_figures.stays_ended, scope, site_figures.Ended())


def _entries(scope: Scope, breakdown: str | None) -> Value:
    begun = _over_sites(site_figures.stays_begun, scope, Counter[date]())
    return Value(sum(begun.values()), _month_rows(scope, begun) if breakdown == "month" else ())


def _exits(scope: Scope, breakdown: str | None) -> Value:
    ended = _ended(scope)
    rows: tuple[tuple[str, Number], ...] = ()
    if breakdown == "month":
        rows = _month_rows(scope, ended.by_month)
    elif breakdown == "destination":
        rows = by_label(ended.by_destination.items(), dict(Destination.choices))
    return Value(ended.count, rows)


def _average_length(scope: Scope, breakdown: str | None) -> Value:
    return Value(_ended(scope).average)


def _median_length(scope: Scope, breakdown: str | None) -> Value:
    ended = _ended(scope).count
    return Value(site_figures.median_length(scope.site_ids, scope.start, scope.end, ended))


def _hosted(scope: Scope) -> site_figures.Hosted:
    return _over_sites(site_figures.persons_hosted, scope, site_figures.Hosted())


def _persons(scope: Scope, breakdown: str | None) -> Value:
    hosted = _hosted(scope)
    rows: tuple[tuple[str, Number], ...] = ()
    if breakdown == "age":
        bands = [label for _low, _high, label in site_figures.AGE_BANDS]
        unknown = {site_figures.UNKNOWN_AGE: _("unknown")}
        rows = by_label(hosted.by_age.items(), dict(zip(bands, bands, strict=True)) | unknown)
    elif breakdown == "sex":
        rows = by_label(hosted.by_sex.items(), dict(Sex.choices))
    return Value(hosted.count, rows)


def _households(scope: Scope) -> Counter[str]:
    return _over_sites(site_figures.households_by_type, scope, Counter[str]())


def _households_by_type(scope: Scope, breakdown: str | None) -> Value:
    counts = _households(scope)
    rows = by_label(counts.items(), dict(HouseholdType.choices)) if breakdown == "household" else ()
    return Value(sum(counts.values()), rows)


def _missing(field: str) -> Callable[[Scope], tuple[int, int]]:
    """(records missing the field, records counted), from the indicators' own reads."""

    def count(scope: Scope) -> tuple[int, int]:
        if field in ("birth_year", "sex"):
            hosted = _hosted(scope)
            missing = hosted.no_birth_year if field == "birth_year" else hosted.by_sex[Sex.UNKNOWN]
            return missing, hosted.count
        if field == "destination":
            ended = _ended(scope).by_destination
            return ended[""] + ended[Destination.UNKNOWN], sum(ended.values())
        households = _households(scope)
        return households[""], sum(households.values())

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
        _households_by_type,
        ("household",),
        fields=("housing.household_type",),
    )
)
