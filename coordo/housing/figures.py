"""The housing figures of a site over a period, every one computed in the database.

Coordinators read them exact over any dates (`compute`); funders and researchers read
them through disclosure control (`protected_figures`): whole periods only, every period
of the year protected together, as released month by month (coordo.disclosure).

Nights are date arithmetic on occupancies clipped to the period; each month of the
period is one conditional sum of the same aggregate query, so the number of queries
depends on the figures asked, never on the number of stays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateField,
    DurationField,
    Expression,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth
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
from coordo.housing.models import (
    FAR_FUTURE,
    Destination,
    HouseholdType,
    Occupancy,
    Stay,
    Unit,
    UnitClosure,
    overlapping,
    serving,
)
from coordo.people.models import Person, Sex

NO_TIME = timedelta(0)
AGE_BANDS = [
    (0, 17, "0-17"),
    (18, 24, "18-24"),
    (25, 39, "25-39"),
    (40, 59, "40-59"),
    (60, 200, "60+"),
]
UNKNOWN_AGE = "?"


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


def months(start: date, end: date) -> list[tuple[date, date]]:
    bounds, first = [], date(start.year, start.month, 1)
    while first < end:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        bounds.append((max(first, start), min(following, end)))
        first = following
    return bounds


def _clipped(
    start: date, end: date, lower: str | Expression = "start", upper: str | Expression = "end"
) -> ExpressionWrapper:
    """Days of [lower, upper) inside [start, end), as a duration (negative when outside)."""
    return ExpressionWrapper(
        Least(Coalesce(upper, Value(end)), Value(end)) - Greatest(lower, Value(start)),
        output_field=DurationField(),
    )


def _open(name: str) -> Coalesce:
    """An end date, the far future while open (SQLite's MIN is NULL if any part is)."""
    return Coalesce(name, Value(FAR_FUTURE), output_field=DateField())


def _site_occupancies(site_id: int, start: date, end: date) -> QuerySet[Occupancy]:
    """The occupancies of the site's beds sharing a night with [start, end).

    Led by the site's units (index `occupancy_unit_until`), not by its stays: a stay's
    occupancies are in units of its site, and the site's stays span its whole history.
    """
    return Occupancy.objects.filter(overlapping(start, end), unit__building__site_id=site_id)


def _days(duration: timedelta | None) -> int:
    return duration.days if duration else 0


def nights_by_month(site_id: int, start: date, end: date) -> tuple[int, list[Row]]:
    periods = months(start, end)
    sums = {
        f"m{index}": Sum(
            Greatest(_clipped(first, last), Value(NO_TIME)), output_field=DurationField()
        )
        for index, (first, last) in enumerate(periods)
    }
    totals = _site_occupancies(site_id, start, end).aggregate(**sums)
    nights = [_days(totals[f"m{index}"]) for index in range(len(periods))]
    rows = [Row(f"{first:%Y-%m}", n) for (first, _last), n in zip(periods, nights, strict=True)]
    return sum(nights), rows


def capacity_nights(site_id: int, start: date, end: date) -> int:
    """Beds × the nights of the period each unit was in service, minus its nights closed.

    A unit counts from the night it entered service until the one it left it, so a unit
    created or withdrawn today leaves every past period's capacity as it was.
    """
    # Grouped by capacity: SQLite cannot multiply a duration, and there are few capacities.
    served = (
        Unit.objects.filter(serving(start, end), building__site_id=site_id)
        .values("capacity")
        .annotate(days=Sum(_clipped(start, end, "in_service_from", "out_of_service_from")))
    )
    # A closure counts only where it falls inside the unit's service.
    inside = _clipped(
        start,
        end,
        Greatest("start", "unit__in_service_from"),
        Least(_open("end"), _open("unit__out_of_service_from")),
    )
    closed = (
        UnitClosure.objects.filter(overlapping(start, end), unit__building__site_id=site_id)
        .values("unit__capacity")
        .annotate(lost=Sum(Greatest(inside, Value(NO_TIME)), output_field=DurationField()))
    )
    beds = sum(row["capacity"] * _days(row["days"]) for row in served)
    return beds - sum(row["unit__capacity"] * _days(row["lost"]) for row in closed)


def stay_lengths(site_id: int, start: date, end: date) -> tuple[float | None, float | None]:
    """Average and median length, in nights, of the stays that ended in the period."""
    ended = Stay.objects.filter(site_id=site_id, end__gte=start, end__lt=end).annotate(
        length=ExpressionWrapper(F("end") - F("start"), output_field=DurationField())
    )
    average = ended.aggregate(average=Avg("length"))["average"]
    count = ended.count()
    if not count:
        return None, None
    lengths = ended.order_by("length").values_list("length", flat=True)
    middle = list(lengths[(count - 1) // 2 : count // 2 + 1])
    median = sum(_days(length) for length in middle) / len(middle)
    return round(average.total_seconds() / 86400, 1) if average else 0.0, median


def _labelled(rows: Iterable[Mapping[str, Any]], key: str, labels: Mapping[str, Any]) -> list[Row]:
    """Counts with the display label of their code (labels are lazy: translated here)."""
    return [Row(str(labels.get(str(row[key]), row[key])), int(row["n"])) for row in rows]


def age_band(year: int, birth_year: str = "birth_year") -> Case:
    """A person's age band in `year`, from the birth year ("?" when unknown)."""
    return Case(
        *[
            When(
                Q(**{f"{birth_year}__gte": year - high, f"{birth_year}__lte": year - low}),
                then=Value(label),
            )
            for low, high, label in AGE_BANDS
        ],
        default=Value(UNKNOWN_AGE),
        output_field=CharField(),
    )


def persons_served(site_id: int, start: date, end: date) -> tuple[list[Row], list[Row]]:
    # The site's occupancies first (few), then their persons: never a pass over every person.
    stayed = _site_occupancies(site_id, start, end).values("person_id")
    persons = Person.objects.filter(pk__in=stayed).order_by()
    by_age = (
        persons.annotate(band=age_band(start.year))
        .values("band")
        .annotate(n=Count("pk"))
        .order_by("band")
    )
    by_sex = persons.values("sex").annotate(n=Count("pk")).order_by("sex")
    return (
        _labelled(by_age, "band", {UNKNOWN_AGE: str(_("unknown"))}),
        _labelled(by_sex, "sex", dict(Sex.choices)),
    )


def entries_and_exits(
    site_id: int, start: date, end: date
) -> tuple[dict[date, int], dict[date, int]]:
    """Stays begun and ended in the period, by month (the first day of the month)."""
    stays = Stay.objects.filter(site_id=site_id).order_by()
    entries = dict(
        stays.filter(start__gte=start, start__lt=end)
        .annotate(month=TruncMonth("start"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    exits = dict(
        stays.filter(end__gte=start, end__lt=end)
        .annotate(month=TruncMonth("end"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    return entries, exits


def exits_by_destination(site_id: int, start: date, end: date) -> dict[str, int]:
    """Stays ended in the period, by destination code ("" when none was recorded)."""
    ended = Stay.objects.filter(site_id=site_id, end__gte=start, end__lt=end).order_by()
    return dict(ended.values_list("destination").annotate(n=Count("pk")))


def households_by_type(site_id: int, start: date, end: date) -> dict[str, int]:
    """Stays (one per household) sharing a night with the period, by household type."""
    stays = Stay.objects.filter(overlapping(start, end), site_id=site_id).order_by()
    return dict(stays.values_list("household_type").annotate(n=Count("pk")))


def missing_fields(site_id: int, start: date, end: date) -> dict[str, tuple[int, int]]:
    """For each field the figures rest on, (records missing it, records counted): the
    persons hosted (birth year, sex), the stays ended (destination), the stays (type)."""
    persons = Person.objects.filter(
        pk__in=_site_occupancies(site_id, start, end).values("person_id")
    ).aggregate(
        every=Count("pk"),
        birth_year=Count("pk", filter=Q(birth_year__isnull=True)),
        sex=Count("pk", filter=Q(sex=Sex.UNKNOWN)),
    )
    stays = Stay.objects.filter(overlapping(start, end), site_id=site_id).aggregate(
        every=Count("pk"),
        ended=Count("pk", filter=Q(end__gte=start, end__lt=end)),
        destination=Count(
            "pk",
            filter=Q(end__gte=start, end__lt=end) & Q(destination__in=["", Destination.UNKNOWN]),
        ),
        household_type=Count("pk", filter=Q(household_type="")),
    )
    return {
        "birth_year": (persons["birth_year"], persons["every"]),
        "sex": (persons["sex"], persons["every"]),
        "destination": (stays["destination"], stays["ended"]),
        "household_type": (stays["household_type"], stays["every"]),
    }


def compute(site_id: int, start: date, end: date) -> Figures:
    nights, by_month = nights_by_month(site_id, start, end)
    capacity = capacity_nights(site_id, start, end)
    average, median = stay_lengths(site_id, start, end)
    entries, exits = entries_and_exits(site_id, start, end)
    destinations = [
        {"destination": code, "n": n}
        for code, n in exits_by_destination(site_id, start, end).items()
    ]
    households = [
        {"household_type": code, "n": n}
        for code, n in sorted(households_by_type(site_id, start, end).items())
    ]
    by_age, by_sex = persons_served(site_id, start, end)
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
            _labelled(destinations, "destination", dict(Destination.choices)),
            key=lambda r: (-number(r.value), r.label),
        ),
        by_age,
        by_sex,
        _labelled(households, "household_type", dict(HouseholdType.choices)),
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
    """Every count that the whole periods of `year` show, in 7 queries whatever the stays."""
    periods = whole_periods(year)
    start, end = periods[-1].start, periods[-1].end
    _total, nights = nights_by_month(site_id, start, end)
    entries, exits = entries_and_exits(site_id, start, end)
    ended = (
        Stay.objects.filter(site_id=site_id, end__gte=start, end__lt=end)
        .order_by()
        .annotate(month=TruncMonth("end"))
        .values_list("month", "destination")
        .annotate(n=Count("pk"))
    )
    destinations: dict[tuple[date, str], int] = {}
    for month, destination, n in ended:  # an exit recorded without one counts as unknown
        code = destination if destination in CATEGORIES["destination"] else Destination.UNKNOWN
        destinations[month, code] = destinations.get((month, code), 0) + n
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
        _site_occupancies(site_id, year.start, year.end)
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
