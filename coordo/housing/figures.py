"""The housing figures of a site over a period, every one computed in the database.

Nights are date arithmetic on occupancies clipped to the period; each month of the
period is one conditional sum of the same aggregate query, so the number of queries
depends on the figures asked, never on the number of stays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Avg,
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
from django.db.models.functions import Coalesce, Greatest, Least, TruncMonth
from django.utils.translation import gettext_lazy as _

from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.queries import sites_of
from coordo.access.scoping import Principal
from coordo.housing.actions.stays import overlapping
from coordo.housing.models import Destination, HouseholdType, Occupancy, Stay, Unit, UnitClosure
from coordo.people.models import Person, Sex

NO_TIME = timedelta(0)
AGE_BANDS = [
    (0, 17, "0-17"),
    (18, 24, "18-24"),
    (25, 39, "25-39"),
    (40, 59, "40-59"),
    (60, 200, "60+"),
]


@dataclass(frozen=True)
class Suppressed:
    """A figure funders and researchers do not get: shown and exported as a mark, never a value."""

    shown: str
    exported: str

    def __str__(self) -> str:
        return self.shown


SUPPRESSED = Suppressed("< 5", "<5")  # a count under 5
WITHHELD = Suppressed("—", "")  # a rate or a length resting on fewer than 5 nights or stays
THRESHOLD = 5
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


def _clipped(start: date, end: date, lower: str = "start", upper: str = "end") -> ExpressionWrapper:
    """Days of [lower, upper) inside [start, end), as a duration (negative when outside)."""
    return ExpressionWrapper(
        Least(Coalesce(upper, Value(end)), Value(end)) - Greatest(lower, Value(start)),
        output_field=DurationField(),
    )


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
    """Beds × nights of the period, minus the nights units were out of service."""
    beds = Unit.objects.filter(building__site_id=site_id).aggregate(n=Sum("capacity"))["n"] or 0
    # Grouped by capacity: SQLite cannot multiply a duration, and there are few capacities.
    closed = (
        UnitClosure.objects.filter(overlapping(start, end), unit__building__site_id=site_id)
        .values("unit__capacity")
        .annotate(lost=Sum(_clipped(start, end)))
    )
    lost = sum(row["unit__capacity"] * _days(row["lost"]) for row in closed)
    return beds * (end - start).days - lost


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


def persons_served(site_id: int, start: date, end: date) -> tuple[list[Row], list[Row]]:
    # The site's occupancies first (few), then their persons: never a pass over every person.
    stayed = _site_occupancies(site_id, start, end).values("person_id")
    band = Case(
        *[When(Q(birth_year__gte=start.year - high, birth_year__lte=start.year - low), then=Value(label))
          for low, high, label in AGE_BANDS],
        default=Value("?"), output_field=CharField(),
    )  # fmt: skip
    persons = Person.objects.filter(pk__in=stayed).order_by()
    by_age = persons.annotate(band=band).values("band").annotate(n=Count("pk")).order_by("band")
    by_sex = persons.values("sex").annotate(n=Count("pk")).order_by("sex")
    return (
        _labelled(by_age, "band", {"?": str(_("unknown"))}),
        _labelled(by_sex, "sex", dict(Sex.choices)),
    )


def compute(site_id: int, start: date, end: date) -> Figures:
    nights, by_month = nights_by_month(site_id, start, end)
    capacity = capacity_nights(site_id, start, end)
    average, median = stay_lengths(site_id, start, end)
    stays = Stay.objects.filter(site_id=site_id).order_by()
    entries = dict(
        stays.filter(start__gte=start, start__lt=end).annotate(month=TruncMonth("start"))
        .values_list("month").annotate(n=Count("pk"))
    )  # fmt: skip
    exits = dict(
        stays.filter(end__gte=start, end__lt=end).annotate(month=TruncMonth("end"))
        .values_list("month").annotate(n=Count("pk"))
    )  # fmt: skip
    destinations = (
        stays.filter(end__gte=start, end__lt=end).values("destination").annotate(n=Count("pk"))
    )
    households = (
        stays.filter(overlapping(start, end)).values("household_type").annotate(n=Count("pk"))
    )
    by_age, by_sex = persons_served(site_id, start, end)
    return Figures(
        start, end, nights, capacity, round(100 * nights / capacity, 1) if capacity else None,
        average, median, by_month,
        [(m, entries.get(m, 0), exits.get(m, 0)) for m in (f.replace(day=1) for f, _l in months(start, end))],
        sorted(_labelled(destinations, "destination", dict(Destination.choices)), key=lambda r: (-number(r.value), r.label)),
        by_age, by_sex,
        _labelled(households.order_by("household_type"), "household_type", dict(HouseholdType.choices)),
    )  # fmt: skip


def number(value: object) -> float:
    """A figure as a number to sort or draw by; a suppressed or missing one counts as 0."""
    return value if isinstance(value, int | float) else 0


def _cell(value: Any) -> Any:
    return SUPPRESSED if isinstance(value, int) and value < THRESHOLD else value


def _cells(rows: list[Row], *, by_size: bool = False) -> list[Row]:
    """Counts under 5 suppressed; in a list sorted by size they go last, by label, since
    their order would tell their size."""
    shown = [Row(row.label, _cell(row.value)) for row in rows]
    if not by_size:
        return shown
    hidden = sorted((row for row in shown if row.value is SUPPRESSED), key=lambda row: row.label)
    return [row for row in shown if row.value is not SUPPRESSED] + hidden


def aggregates_only(figures: Figures) -> Figures:
    """What funders and researchers get: every count under 5 suppressed, and the rate and
    lengths too when they rest on fewer than 5 nights or ended stays."""
    ended = sum(number(exits) for _month, _entries, exits in figures.entries_exits)
    few_nights, few_stays = _cell(figures.nights) is SUPPRESSED, ended < THRESHOLD
    return replace(
        figures, nights=_cell(figures.nights),
        occupancy_rate=WITHHELD if few_nights else figures.occupancy_rate,
        average_length=WITHHELD if few_stays else figures.average_length,
        median_length=WITHHELD if few_stays else figures.median_length,
        nights_by_month=_cells(figures.nights_by_month),
        entries_exits=[(m, _cell(entries), _cell(exits)) for m, entries, exits in figures.entries_exits],
        exits_by_destination=_cells(figures.exits_by_destination, by_size=True),
        persons_by_age=_cells(figures.persons_by_age), persons_by_sex=_cells(figures.persons_by_sex),
        households_by_type=_cells(figures.households_by_type),
    )  # fmt: skip


def aggregate_sites(principal: Principal) -> QuerySet[Site]:
    """The sites whose suppressed figures the principal reads: funders', researchers', coordinators'."""
    return (
        sites_of(principal)
        .filter(pk__in=principal.sites_where(Perm.REPORTS_AGGREGATE))
        .order_by("name")
    )
