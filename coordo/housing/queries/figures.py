"""The figures of sites over a period, read by hand-written statements grouped by site.

A site's figures page and its export (coordo/housing/figures.py), and the reports'
housing indicators (coordo/reports/indicators/housing.py) read these. Each is one query
grouped by site (two for capacity), whatever the number of sites and of stays.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth

from coordo.housing.models import (
    FAR_FUTURE,
    Occupancy,
    Stay,
    overlapping,
)
from coordo.housing.queries._db import _marks, _reading

SiteIds = Sequence[int]
AGE_BANDS = [
    (0, 17, "0-17"),
    (18, 24, "18-24"),
    (25, 39, "25-39"),
    (40, 59, "40-59"),
    (60, 200, "60+"),
]
UNKNOWN_AGE = "?"


def months(start: date, end: date) -> list[tuple[date, date]]:
    bounds, first = [], date(start.year, start.month, 1)
    while first < end:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        bounds.append((max(first, start), min(following, end)))
        first = following
    return bounds


def days(duration: timedelta | None) -> int:
    return duration.days if duration else 0


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


def site_occupancies(site_ids: SiteIds, start: date, end: date) -> QuerySet[Occupancy]:
    """The occupancies of the sites' beds sharing a night with [start, end).

    Led by the sites' units (index `occupancy_unit_until`), not by their stays: a stay's
    occupancies are in units of its site, and a site's stays span its whole history.
    """
    return Occupancy.objects.filter(
        overlapping(start, end), unit__building__site_id__in=site_ids
    ).order_by()


# The occupancies sharing a night with the period, as `site_occupancies`: how many begin
# on each day and how many end on each day before the period's end (one statement).
NIGHTS_EVENTS = """
    SELECT 1, b.site_id, o.start, COUNT(*) {occupancies} GROUP BY b.site_id, o.start
    UNION ALL
    SELECT -1, b.site_id, o."end", COUNT(*) {occupancies} AND o."end" < %s
    GROUP BY b.site_id, o."end" """
SITE_OCCUPANCIES = """FROM housing_occupancy o JOIN housing_unit u ON u.id = o.unit_id
    JOIN housing_building b ON b.id = u.building_id
    WHERE COALESCE(o."end", %s) > %s AND o.start < %s AND b.site_id IN ({sites})"""


def _day(value: date | str) -> date:
    """A date selected through UNION ALL (SQLite hands it back as its text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def nights_by_month(site_ids: SiteIds, start: date, end: date) -> dict[int, list[int]]:
    """Nights slept in each month of [start, end), by site (a site without any is absent).

    Written by hand, and counted in Python from the days occupancies begin and end (SQLite
    and PostgreSQL subtract dates differently): the ORM took three times longer to compile
    its statement than the database to run it.
    """
    if not site_ids:
        return {}
    occupancies = SITE_OCCUPANCIES.format(sites=_marks(site_ids))
    period: list[date | int] = [FAR_FUTURE, start, end, *site_ids]
    with _reading().cursor() as cursor:
        cursor.execute(NIGHTS_EVENTS.format(occupancies=occupancies), [*period, *period, end])
        rows = cursor.fetchall()
    # Not setdefault(site_id, Counter()): a Counter built for each of the rows (tens of
    # thousands for a year of a hundred sites) cost more than the counting.
    changes: defaultdict[int, Counter[date]] = defaultdict(Counter)
    for sign, site_id, day, n in rows:
        changes[site_id][max(_day(day), start)] += sign * n
    bounds = months(start, end)
    return {site_id: _nights_in(bounds, change) for site_id, change in changes.items()}


def _nights_in(bounds: list[tuple[date, date]], change: Counter[date]) -> list[int]:
    """The nights slept in each of the months `bounds`, from how many more sleep from each
    day on: the count holds from one change day to the next, so only those days are walked."""
    changed = sorted(change)
    here, index, counts = 0, 0, []
    for first, last in bounds:
        slept, night = 0, first
        while index < len(changed) and changed[index] < last:
            slept += here * (changed[index] - night).days
            here += change[changed[index]]
            night = changed[index]
            index += 1
        counts.append(slept + here * (last - night).days)
    return counts


# Grouped by the service and closure dates, which few units and closures share: the
# nights are counted in Python, as SQLite and PostgreSQL subtract dates differently.
CAPACITY_UNITS = """
    SELECT b.site_id, u.capacity, u.in_service_from, u.out_of_service_from, COUNT(*)
    FROM housing_unit u JOIN housing_building b ON b.id = u.building_id
    WHERE u.in_service_from < %s AND (u.out_of_service_from IS NULL OR u.out_of_service_from > %s)
    AND b.site_id IN ({sites})
    GROUP BY b.site_id, u.capacity, u.in_service_from, u.out_of_service_from"""
CAPACITY_CLOSURES = """
    SELECT b.site_id, u.capacity, c.start, c."end", u.in_service_from, u.out_of_service_from,
        COUNT(*)
    FROM housing_unitclosure c JOIN housing_unit u ON u.id = c.unit_id
    JOIN housing_building b ON b.id = u.building_id
    WHERE COALESCE(c."end", %s) > %s AND c.start < %s AND b.site_id IN ({sites})
    GROUP BY b.site_id, u.capacity, c.start, c."end", u.in_service_from, u.out_of_service_from"""


def _nights_inside(start: date, end: date, lower: date, upper: date | None) -> int:
    """Nights of [lower, upper) inside [start, end), negative when outside."""
    return (min(upper or end, end) - max(lower, start)).days


def capacity_nights(site_ids: SiteIds, start: date, end: date) -> dict[int, int]:
    """Beds × the nights of the period each unit was in service, minus its nights closed.

    A unit counts from the night it entered service until the one it left it, so a unit
    created or withdrawn today leaves every past period's capacity as it was.

    Two statements written by hand: the ORM took seven times longer to compile them than
    the database to run them.
    """
    if not site_ids:
        return {}
    sites = _marks(site_ids)
    beds: Counter[int] = Counter()
    with _reading().cursor() as cursor:
        cursor.execute(CAPACITY_UNITS.format(sites=sites), [end, start, *site_ids])
        for site_id, capacity, served_from, served_until, n in cursor.fetchall():
            beds[site_id] += capacity * n * _nights_inside(start, end, served_from, served_until)
        cursor.execute(CAPACITY_CLOSURES.format(sites=sites), [FAR_FUTURE, start, end, *site_ids])
        for site_id, capacity, first, last, served_from, served_until, n in cursor.fetchall():
            # A closure counts only where it falls inside the unit's service.
            inside = max(first, served_from), min(last or FAR_FUTURE, served_until or FAR_FUTURE)
            beds[site_id] -= capacity * n * max(_nights_inside(start, end, *inside), 0)
    return dict(beds)


def stays_begun(site_ids: SiteIds, start: date, end: date) -> dict[int, Counter[date]]:
    """Stays begun in the period, by site and month (the first day of the month)."""
    rows = (
        Stay.objects.filter(site_id__in=site_ids, start__gte=start, start__lt=end)
        .order_by()
        .annotate(month=TruncMonth("start"))
        .values_list("site_id", "month")
        .annotate(n=Count("pk"))
    )
    return _by_site(rows)


def _by_site[Key](rows: Iterable[tuple[int, Key, int]]) -> dict[int, Counter[Key]]:
    """(site, key, count) rows as each site's counts."""
    counts: dict[int, Counter[Key]] = {}
    for site_id, key, n in rows:
        counts.setdefault(site_id, Counter())[key] = n
    return counts


@dataclass(frozen=True)
class Ended:
    """Stays ended in a period: how many by (month, destination code), and their nights."""

    counts: Counter[tuple[date, str]] = field(default_factory=Counter)
    nights: int = 0

    def __add__(self, other: Ended) -> Ended:
        return Ended(self.counts + other.counts, self.nights + other.nights)

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def by_month(self) -> Counter[date]:
        return _by(self.counts, 0)

    @property
    def by_destination(self) -> Counter[str]:
        return _by(self.counts, 1)

    @property
    def average(self) -> float | None:
        """The average length, in nights (none when no stay ended)."""
        return round(self.nights / self.count, 1) if self.count else None


def _by(counts: Counter[tuple[date, str]], index: int) -> Counter[Any]:
    total: Counter[Any] = Counter()
    for key, n in counts.items():
        total[key[index]] += n
    return total


def _length() -> ExpressionWrapper:
    return ExpressionWrapper(F("end") - F("start"), output_field=DurationField())


def _ended(site_ids: SiteIds, start: date, end: date) -> QuerySet[Stay]:
    return Stay.objects.filter(site_id__in=site_ids, end__gte=start, end__lt=end).order_by()


def stays_ended(site_ids: SiteIds, start: date, end: date) -> dict[int, Ended]:
    """Stays ended in the period, by site: by month and destination ("" when none was
    recorded), and their nights in all (for the average length)."""
    rows = (
        _ended(site_ids, start, end)
        .annotate(month=TruncMonth("end"))
        .values_list("site_id", "month", "destination")
        .annotate(n=Count("pk"), slept=Sum(_length()))
    )
    counts: dict[int, Counter[tuple[date, str]]] = {}
    nights_of: Counter[int] = Counter()
    for site_id, month, destination, n, nights in rows:
        counts.setdefault(site_id, Counter())[month, destination] = n
        nights_of[site_id] += days(nights)
    return {site_id: Ended(found, nights_of[site_id]) for site_id, found in counts.items()}


def median_length(site_ids: SiteIds, start: date, end: date, ended: int) -> float | None:
    """The median length, in nights, of the `ended` stays that ended in the period."""
    if not ended:
        return None
    lengths = (
        _ended(site_ids, start, end)
        .annotate(length=_length())
        .order_by("length")
        .values_list("length", flat=True)
    )
    middle = list(lengths[(ended - 1) // 2 : ended // 2 + 1])
    return sum(days(length) for length in middle) / len(middle)


@dataclass(frozen=True)
class Hosted:
    """Persons hosted in a period, by age band and by sex, and how many lack a birth year."""

    by_age: Counter[str] = field(default_factory=Counter)
    by_sex: Counter[str] = field(default_factory=Counter)
    no_birth_year: int = 0

    def __add__(self, other: Hosted) -> Hosted:
        return Hosted(
            self.by_age + other.by_age,
            self.by_sex + other.by_sex,
            self.no_birth_year + other.no_birth_year,
        )

    @property
    def count(self) -> int:
        return sum(self.by_sex.values())


# A person's age band in the period's year (two years bounding each band, then "?"), and
# whether the birth year is missing; COUNT(DISTINCT) ignores the NULL of the other persons.
PERSONS_HOSTED = """
    SELECT b.site_id, CASE {bands} ELSE '{unknown}' END, p.sex, COUNT(DISTINCT o.person_id),
        COUNT(DISTINCT CASE WHEN p.birth_year IS NULL THEN o.person_id END)
    FROM housing_occupancy o JOIN housing_unit u ON u.id = o.unit_id
    JOIN housing_building b ON b.id = u.building_id JOIN people_person p ON p.id = o.person_id
    WHERE COALESCE(o."end", %s) > %s AND o.start < %s AND b.site_id IN ({sites})
    GROUP BY 1, 2, 3""".replace(
    "{bands}",
    " ".join(
        f"WHEN p.birth_year >= %s AND p.birth_year <= %s THEN '{label}'"
        for _low, _high, label in AGE_BANDS
    ),
).replace("{unknown}", UNKNOWN_AGE)


def persons_hosted(site_ids: SiteIds, start: date, end: date) -> dict[int, Hosted]:
    """The persons who slept at each site in the period, each counted once per site.

    The occupancies of `site_occupancies` by `age_band` and sex, written by hand: the ORM
    took twice as long to compile this statement as the database to run it.
    """
    if not site_ids:
        return {}
    years = [
        year for low, high, _label in AGE_BANDS for year in (start.year - high, start.year - low)
    ]
    sql = PERSONS_HOSTED.format(sites=_marks(site_ids))
    with _reading().cursor() as cursor:
        cursor.execute(sql, [*years, FAR_FUTURE, start, end, *site_ids])
        rows = cursor.fetchall()
    hosted: dict[int, Hosted] = {}
    for site_id, band, sex, n, no_year in rows:
        found = hosted.setdefault(site_id, Hosted())
        found.by_age[band] += n
        found.by_sex[sex] += n
        hosted[site_id] = Hosted(found.by_age, found.by_sex, found.no_birth_year + no_year)
    return hosted


HOUSEHOLDS_BY_TYPE = """
    SELECT s.site_id, s.household_type, COUNT(*) FROM housing_stay s
    WHERE COALESCE(s."end", %s) > %s AND s.start < %s AND s.site_id IN ({sites})
    GROUP BY s.site_id, s.household_type"""


def households_by_type(site_ids: SiteIds, start: date, end: date) -> dict[int, Counter[str]]:
    """Stays (one per household) sharing a night with the period, by site and household
    type ("" when none was recorded); by hand, as `persons_hosted`."""
    if not site_ids:
        return {}
    sql = HOUSEHOLDS_BY_TYPE.format(sites=_marks(site_ids))
    with _reading().cursor() as cursor:
        cursor.execute(sql, [FAR_FUTURE, start, end, *site_ids])
        return _by_site(cursor.fetchall())
