"""The housing figures of a site over a period, every one computed in the database.

Coordinators read them exact over any dates (`compute`); funders and researchers read
them through disclosure control (`protected_figures`): whole periods only, every period
of the year protected together, as released month by month (coordo.disclosure).

The reads are the grouped ones of `coordo.housing.queries.figures`, the same the reports'
housing indicators make over a network's sites: one source for this page, its export
and every report. Nights are date arithmetic on occupancies clipped to the period; each
month of the period is one conditional sum of the same aggregate query, so the number of
queries depends on the figures asked, never on the number of stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from coordo import disclosure
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.queries import sites_of
from coordo.access.scoping import Principal
from coordo.disclosure import (
    SUPPRESSED,
    Key,
    Period,
    Protection,
    Relation,
    Suppressed,
    Table,
    over_the_year,
    protect_releases,
    releases,
    whole_periods,
)
from coordo.housing.models import Destination, HouseholdType, Stay, overlapping
from coordo.housing.queries import figures as site_figures
from coordo.housing.queries.figures import (
    AGE_BANDS,
    UNKNOWN_AGE,
    age_band,
    months,
    site_occupancies,
)
from coordo.people.models import Sex

__all__ = ["AGE_BANDS", "Figures", "Row", "compute", "number", "protected_figures"]

Cell = int | Suppressed


@dataclass(frozen=True)
class Row:
    label: str
    value: float | int | str | Suppressed


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    nights: Cell
    capacity_nights: int
    occupancy_rate: float | Suppressed | None
    average_length: float | Suppressed | None
    median_length: float | Suppressed | None
    nights_by_month: list[Row]
    entries_exits: list[tuple[date, Cell, Cell]]
    exits_by_destination: list[Row]
    persons_by_age: list[Row]
    persons_by_sex: list[Row]
    households_by_type: list[Row]


def nights_by_month(site_id: int, start: date, end: date) -> tuple[int, list[Row]]:
    periods = months(start, end)
    nights = site_figures.nights_by_month((site_id,), start, end).get(site_id, [0] * len(periods))
    rows = [Row(f"{first:%Y-%m}", n) for (first, _last), n in zip(periods, nights, strict=True)]
    return sum(nights), rows


def capacity_nights(site_id: int, start: date, end: date) -> int:
    return site_figures.capacity_nights((site_id,), start, end).get(site_id, 0)


def stays_ended(site_id: int, start: date, end: date) -> site_figures.Ended:
    return site_figures.stays_ended((site_id,), start, end).get(site_id, site_figures.Ended())


def stay_lengths(
    site_id: int, start: date, end: date, ended: site_figures.Ended | None = None
) -> tuple[float | None, float | None]:
    """Average and median length, in nights, of the stays that ended in the period."""
    ended = ended if ended is not None else stays_ended(site_id, start, end)
    return ended.average, site_figures.median_length((site_id,), start, end, ended.count)


def _labelled(counts: Mapping[str, int], labels: Mapping[str, Any]) -> list[Row]:
    """Counts with the display label of their code, in the codes' order (labels are lazy:
    translated here)."""
    return [Row(str(labels.get(code, code)), n) for code, n in sorted(counts.items())]


def compute(site_id: int, start: date, end: date) -> Figures:
    one = (site_id,)
    nights, by_month = nights_by_month(site_id, start, end)
    capacity = capacity_nights(site_id, start, end)
    ended = stays_ended(site_id, start, end)
    average, median = stay_lengths(site_id, start, end, ended)
    entries = site_figures.stays_begun(one, start, end).get(site_id, Counter())
    exits = ended.by_month
    hosted = site_figures.persons_hosted(one, start, end).get(site_id, site_figures.Hosted())
    bands = [label for _low, _high, label in AGE_BANDS] + [UNKNOWN_AGE]
    households = site_figures.households_by_type(one, start, end).get(site_id, Counter())
    return Figures(
        start,
        end,
        nights,
        capacity,
        round(100 * nights / capacity, 1) if capacity else None,
        average,
        median,
        by_month,
        [
            (m, entries.get(m, 0), exits.get(m, 0))
            for m in (f.replace(day=1) for f, _l in months(start, end))
        ],
        sorted(
            _labelled(ended.by_destination, dict(Destination.choices)),
            key=lambda r: (-number(r.value), r.label),
        ),
        [
            Row(str(_("unknown")) if band == UNKNOWN_AGE else band, hosted.by_age[band])
            for band in bands
            if hosted.by_age[band]
        ],
        _labelled(hosted.by_sex, dict(Sex.choices)),
        _labelled(households, dict(HouseholdType.choices)),
    )


def number(value: object) -> float:
    """A figure as a number to sort or draw by; a suppressed or missing one counts as 0."""
    return value if isinstance(value, int | float) else 0


def aggregate_sites(principal: Principal) -> QuerySet[Site]:
    """The sites whose suppressed figures the principal reads: funders', researchers', coordinators'."""
    return (
        sites_of(principal)
        .filter(pk__in=principal.sites_where(Perm.REPORTS_AGGREGATE))
        .order_by("name")
    )


# What funders and researchers get: the whole periods of a year, protected together.
# Keys are (measure, category, period code); "persons", "households" and the exits of a
# quarter or a year are hidden margins that no table shows but every reader can reason on.


def _key(measure: str, category: str = "") -> Callable[[Period], Key]:
    return lambda period: (measure, category, period.code)


CATEGORIES: dict[str, list[str]] = {
    "destination": list(Destination.values),
    "age": [label for _low, _high, label in AGE_BANDS] + [UNKNOWN_AGE],
    "sex": list(Sex.values),
    "household": list(HouseholdType.values),
}
MARGINS = {"destination": "exits", "age": "persons", "sex": "persons", "household": "households"}
DISTINCT = ("age", "sex", "household", "persons", "households")  # counted once per period


def year_counts(site_id: int, year: int) -> dict[Key, int]:
    """Every count that the whole periods of `year` show, in 5 queries whatever the stays."""
    periods = whole_periods(year)
    start, end = periods[-1].start, periods[-1].end
    _total, nights = nights_by_month(site_id, start, end)
    entries = site_figures.stays_begun((site_id,), start, end).get(site_id, Counter())
    ended = stays_ended(site_id, start, end)
    exits = ended.by_month
    destinations: Counter[tuple[date, str]] = Counter()
    for (first, destination), n in ended.counts.items():  # none recorded counts as unknown
        code = destination if destination in CATEGORIES["destination"] else Destination.UNKNOWN
        destinations[first, code] += n
    counts: dict[Key, int] = {}
    for month, row in zip(periods[:12], nights, strict=True):
        counts["nights", "", month.code] = int(number(row.value))
        counts["entries", "", month.code] = entries.get(month.start, 0)
        counts["exits", "", month.code] = exits.get(month.start, 0)
        for code in CATEGORIES["destination"]:
            counts["destination", code, month.code] = destinations.get((month.start, code), 0)
    flows = [("nights", "")] + [("destination", code) for code in CATEGORIES["destination"]]
    for period in periods[12:]:
        for measure, category in flows:
            counts[measure, category, period.code] = sum(
                counts[measure, category, month.code] for month in period.months
            )
    return counts | _hosted(site_id, periods)


def _hosted(site_id: int, periods: list[Period]) -> dict[Key, int]:
    """Persons by age band and by sex, households by type: once in each period they were in.

    Two queries (the year's occupancies of the site's beds, its stays), counted here: 17
    conditional distinct counts cost the ORM more to compile than the rows to count."""
    year = periods[-1]
    occupancies = (
        site_occupancies((site_id,), year.start, year.end)
        .order_by()
        .annotate(band=age_band(year.start.year, "person__birth_year"))
        .values_list("person_id", "band", "person__sex", "start", "end")
    )
    stays = (
        Stay.objects.filter(overlapping(year.start, year.end), site_id=site_id)
        .order_by()
        .values_list("pk", "household_type", "start", "end")
    )
    seen: dict[Key, set[int]] = {
        (measure, category, period.code): set()
        for measure in ("age", "sex", "household")
        for category in CATEGORIES[measure]
        for period in periods
    }
    for person, band, sex, start, end in occupancies:
        for period in periods:
            if start < period.end and (end is None or end > period.start):
                seen["age", band, period.code].add(person)
                seen["sex", sex, period.code].add(person)
    for stay, household_type, start, end in stays:
        for period in periods:
            if start < period.end and (end is None or end > period.start):
                seen["household", household_type, period.code].add(stay)
    return {key: len(ids) for key, ids in seen.items()}


def year_tables(counts: Mapping[Key, int], year: int) -> tuple[dict[Period, Table], list[Relation]]:
    """The table of each whole period of `year`, as its page and export show it, and every
    relation between them, those of periods not ended yet included: a release computed
    today comes out the same when computed again later, with more of the year out."""
    tables: dict[Period, Table] = {}
    links: list[Relation] = []
    for period in whole_periods(year):
        code = period.code
        keys = (
            [("nights", "", code)]
            + [
                (measure, "", month.code)
                for month in period.months
                for measure in ("nights", "entries", "exits")
            ]
            + [
                (measure, category, code)
                for measure, categories in CATEGORIES.items()
                for category in categories
            ]
        )
        tables[period] = Table(code, {key: counts[key] for key in keys})
        links += [
            disclosure.Sum(
                (MARGINS[measure], "", code),
                tuple((measure, category, code) for category in categories),
            )
            for measure, categories in CATEGORIES.items()
        ]
    measures = [("nights", ""), ("exits", ""), ("persons", ""), ("households", "")] + [
        (measure, category) for measure, categories in CATEGORIES.items() for category in categories
    ]
    links += [
        relation
        for measure, category in measures
        for relation in over_the_year(_key(measure, category), year, distinct=measure in DISTINCT)
    ]
    return tables, links


def protected_figures(site_id: int, period: Period, *, today: date) -> Figures:
    """The figures of a whole, ended `period`, protected together with every other whole
    period of its year as they came out month by month: what funders and researchers read
    and export."""
    if period.end > today:
        raise ValueError(f"{period.code} has not ended")
    year = period.start.year
    counts = tuple(sorted(year_counts(site_id, year).items()))
    return _figures(site_id, period, year_protection(counts, year, len(releases(year, today))))


@lru_cache(maxsize=64)
def year_protection(counts: tuple[tuple[Key, int], ...], year: int, months: int) -> Protection:
    """The year's releases of the first `months` months' ends (a pure function of the
    counts: a funder turning the pages of one year pays for it once)."""
    tables, links = year_tables(dict(counts), year)
    out = [[tables[p] for p in periods] for periods in releases(year, date(year + 1, 1, 1))]
    return protect_releases(out[:months], links=links)


def _figures(site_id: int, period: Period, protection: Protection) -> Figures:
    code, shown = period.code, protection.shown
    nights = shown(("nights", "", code))
    capacity = capacity_nights(site_id, period.start, period.end)
    rate: float | Suppressed | None = (
        SUPPRESSED
        if isinstance(nights, Suppressed)
        else round(100 * nights / capacity, 1)
        if capacity
        else None
    )
    # A length rests on the exits of every month of the period: all must be published.
    lengths: tuple[float | Suppressed | None, float | Suppressed | None] = (
        stay_lengths(site_id, period.start, period.end)
        if all(protection.is_published(("exits", "", month.code)) for month in period.months)
        else (SUPPRESSED, SUPPRESSED)
    )
    labels = {
        "destination": dict(Destination.choices),
        "age": {UNKNOWN_AGE: _("unknown")},
        "sex": dict(Sex.choices),
        "household": dict(HouseholdType.choices),
    }
    rows = {
        measure: [
            Row(str(labels[measure].get(category, category)), shown((measure, category, code)))
            for category in categories
        ]
        for measure, categories in CATEGORIES.items()
    }
    return Figures(
        period.start,
        period.end,
        nights,
        capacity,
        rate,
        *lengths,
        [Row(month.code, shown(("nights", "", month.code))) for month in period.months],
        [
            (month.start, shown(("entries", "", month.code)), shown(("exits", "", month.code)))
            for month in period.months
        ],
        _by_size(rows["destination"]),
        rows["age"],
        rows["sex"],
        rows["household"],
    )


def _by_size(rows: list[Row]) -> list[Row]:
    """Largest first; the suppressed ones last, by label, since their place would tell their size."""
    published = sorted(
        (r for r in rows if r.value is not SUPPRESSED), key=lambda r: (-number(r.value), r.label)
    )
    return published + sorted((r for r in rows if r.value is SUPPRESSED), key=lambda r: r.label)
