"""Reads of the housing app, always starting from what the principal may see.

Counts are computed in the database (subqueries per unit, one aggregate per site),
so a page costs the same number of queries whatever the number of stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.shortcuts import get_object_or_404

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.housing.models import (
    CONFIDENTIAL_LOCATION,
    FAR_FUTURE,
    Building,
    Occupancy,
    Offer,
    PlaceRequest,
    RequestStatus,
    Stay,
    Unit,
    UnitClosure,
    overlapping,
    serving,
)
from coordo.people.models import Household, Person

ONE_DAY = timedelta(days=1)


def _reading() -> BaseDatabaseWrapper:
    """The database the ORM would read housing from: the replica, in a page or a render that
    reads there (coordo/replica.py), for the statements written by hand too."""
    return connections[router.db_for_read(Stay)]


def _marks(values: Sequence[object]) -> str:
    """One placeholder per value, for `IN (...)` in the statements written by hand."""
    return ", ".join(["%s"] * len(values))


def buildings_visible_to(
    principal: Principal, perm: Perm = Perm.HOUSING_VIEW
) -> QuerySet[Building]:
    return Building.objects.visible_to(principal, perm).select_related("site")


def units_visible_to(principal: Principal, perm: Perm = Perm.HOUSING_VIEW) -> QuerySet[Unit]:
    return Unit.objects.visible_to(principal, perm).select_related("building", "building__site")


def stays_visible_to(principal: Principal, perm: Perm = Perm.STAY_VIEW) -> QuerySet[Stay]:
    return Stay.objects.visible_to(principal, perm).select_related("head", "household", "site")


def requests_visible_to(
    principal: Principal, perm: Perm = Perm.STAY_VIEW
) -> QuerySet[PlaceRequest]:
    return PlaceRequest.objects.visible_to(principal, perm).select_related("head", "household")


def stays_of_person(principal: Principal, person: Person) -> QuerySet[Stay]:
    """The stays she headed or slept in, for her subject-access export."""
    return (
        stays_visible_to(principal)
        .filter(Q(head=person) | Q(occupancies__person=person))
        .distinct()
        .prefetch_related("occupancies__unit__building")
        .order_by("start", "pk")
    )


def place_requests_of_person(principal: Principal, person: Person) -> QuerySet[PlaceRequest]:
    return (
        requests_visible_to(principal)
        .filter(Q(head=person) | Q(household__members__person=person))
        .distinct()
        .order_by("requested_on", "pk")
    )


def get_building(
    principal: Principal, building_id: int, perm: Perm = Perm.HOUSING_VIEW
) -> Building:
    return get_object_or_404(buildings_visible_to(principal, perm), pk=building_id)


def get_unit(principal: Principal, unit_id: int, perm: Perm = Perm.HOUSING_VIEW) -> Unit:
    return get_object_or_404(units_visible_to(principal, perm), pk=unit_id)


def get_stay(principal: Principal, stay_id: int, perm: Perm = Perm.STAY_VIEW) -> Stay:
    return get_object_or_404(stays_visible_to(principal, perm), pk=stay_id)


def get_request(principal: Principal, request_id: int, perm: Perm = Perm.STAY_VIEW) -> PlaceRequest:
    return get_object_or_404(requests_visible_to(principal, perm), pk=request_id)


def get_offer(principal: Principal, offer_id: int, perm: Perm = Perm.STAY_EDIT) -> Offer:
    return get_object_or_404(
        Offer.objects.visible_to(principal, perm).select_related(
            "request", "request__head", "request__household", "unit__building"
        ),
        pk=offer_id,
    )


# The secret address -----------------------------------------------------------------


def may_see_secret_location(principal: Principal, site_id: int) -> bool:
    """Whether the principal may know where the site's confidential buildings are."""
    return principal.can(Perm.CONFIDENTIAL_ADDRESS_VIEW, site_id)


def may_see_location(principal: Principal, building: Building) -> bool:
    return not building.confidential or may_see_secret_location(principal, building.site_id)


def address_of(principal: Principal, building: Building) -> str:
    return building.address if may_see_location(principal, building) else str(CONFIDENTIAL_LOCATION)


def unit_label(principal: Principal, unit: Unit) -> str:
    """Where someone lives, or "confidential location" for those who may not know it."""
    return str(unit) if may_see_location(principal, unit.building) else str(CONFIDENTIAL_LOCATION)


# Free places ------------------------------------------------------------------------


def units_with_free_places(units: QuerySet[Unit], night: date) -> QuerySet[Unit]:
    """Annotate `occupied`, `closed` and `free` (0 for a closed unit, one not in service that
    night, or a family unit already lived in)."""
    occupied = (
        Occupancy.objects.filter(overlapping(night, night + ONE_DAY), unit=OuterRef("pk"))
        .order_by()
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    closed = UnitClosure.objects.filter(overlapping(night, night + ONE_DAY), unit=OuterRef("pk"))
    return units.annotate(
        occupied=Coalesce(Subquery(occupied, output_field=IntegerField()), 0),
        closed=Exists(closed),
    ).annotate(
        free=Case(
            When(closed=True, then=Value(0)),
            When(~serving(night, night + ONE_DAY), then=Value(0)),
            When(Q(family=True) & Q(occupied__gt=0), then=Value(0)),
            default=F("capacity") - F("occupied"),
            output_field=IntegerField(),
        )
    )


@dataclass(frozen=True)
class SiteFreePlaces:
    site_id: int
    site_name: str
    capacity: int
    free: int


# Per unit tonight: beds held (index occupancy_unit_until) and whether it is out of service.
FREE_PLACES = """
    SELECT site_id, site_name, SUM(capacity),
        SUM(CASE WHEN closed THEN 0 WHEN family AND occupied > 0 THEN 0
                 ELSE capacity - occupied END)
    FROM (SELECT b.site_id, s.name AS site_name, u.capacity, u.family,
            (SELECT COUNT(*) FROM housing_occupancy o WHERE o.unit_id = u.id
              AND COALESCE(o."end", %s) > %s AND o.start < %s) AS occupied,
            EXISTS (SELECT 1 FROM housing_unitclosure c WHERE c.unit_id = u.id
              AND COALESCE(c."end", %s) > %s AND c.start < %s) AS closed
          FROM housing_unit u JOIN housing_building b ON b.id = u.building_id
          JOIN access_site s ON s.id = b.site_id
          WHERE u.organisation_id = %s AND b.site_id IN ({sites})
          AND u.in_service_from <= %s AND COALESCE(u.out_of_service_from, %s) > %s) AS per_unit
    GROUP BY site_id, site_name ORDER BY site_name, site_id"""


def free_places_tonight(principal: Principal, night: date) -> list[SiteFreePlaces]:
    """Per site the principal may see: capacity and the places free tonight (one query),
    counting the units in service tonight only.

    The same figures as `units_with_free_places` summed per site, written by hand: the
    ORM took three times longer to compile this statement than the database to run it.
    """
    sites = sorted(principal.sites_where(Perm.HOUSING_VIEW))
    if not sites:
        return []
    period = [FAR_FUTURE, night, night + ONE_DAY]
    sql = FREE_PLACES.format(sites=_marks(sites))
    with _reading().cursor() as cursor:
        in_service = [night, FAR_FUTURE, night]
        cursor.execute(sql, [*period, *period, principal.organisation_id, *sites, *in_service])
        return [
            SiteFreePlaces(site_id, name, int(capacity), int(free))  # SUMs of counts: numeric
            for site_id, name, capacity, free in cursor.fetchall()
        ]


# The occupancy board ----------------------------------------------------------------

# The units in service on at least one night of the window.
BOARD_UNITS = """
    SELECT u.id, u.name, u.kind, u.capacity, u.family, b.name, b.confidential,
        u.in_service_from, u.out_of_service_from
    FROM housing_unit u JOIN housing_building b ON b.id = u.building_id
    WHERE u.organisation_id = %s AND b.site_id = %s
    AND u.in_service_from < %s AND COALESCE(u.out_of_service_from, %s) > %s
    ORDER BY b.name, u.name, u.id"""
# COALESCE(end, far future) as index occupancy_unit_until holds it, as `overlapping` writes it.
BOARD_OCCUPANCIES = """
    SELECT o.unit_id, o.stay_id, o.start, o."end", o.slot, p.first_name, p.last_name
    FROM housing_occupancy o JOIN housing_stay s ON s.id = o.stay_id
    JOIN people_person p ON p.id = s.head_id
    WHERE o.organisation_id = %s AND o.unit_id IN ({units})
    AND COALESCE(o."end", %s) > %s AND o.start < %s ORDER BY o.unit_id, o.slot, o.start"""
BOARD_CLOSURES = """
    SELECT c.unit_id, c.start, c."end", c.reason FROM housing_unitclosure c
    WHERE c.organisation_id = %s AND c.unit_id IN ({units})
    AND COALESCE(c."end", %s) > %s AND c.start < %s ORDER BY c.start, c.id"""


@dataclass(frozen=True)
class BoardRows:
    # (id, name, kind, capacity, family, building name, building confidential,
    #  in service from, withdrawn from service on)
    units: list[tuple[int, str, str, int, bool, str, bool, date, date | None]]
    # (unit id, stay id, start, end, bed, head's first name, head's last name)
    occupancies: list[tuple[int, int, date, date | None, int, str, str]]
    closures: list[tuple[int, date, date | None, str]]  # (unit id, start, end, reason)


def board_rows(principal: Principal, site_id: int, start: date, end: date) -> BoardRows:
    """A site's units and what touches [start, end), for the board (three statements).

    Written by hand: for these three reads the ORM's compiling cost more than the queries.
    The scope is that of `units_visible_to(principal, Perm.STAY_VIEW)` for one site.
    """
    if site_id not in principal.sites_where(Perm.STAY_VIEW):
        return BoardRows([], [], [])
    org = principal.organisation_id
    with _reading().cursor() as cursor:
        cursor.execute(BOARD_UNITS, [org, site_id, end, FAR_FUTURE, start])
        units = cursor.fetchall()
        if not units:
            return BoardRows([], [], [])
        ids = [row[0] for row in units]
        marks = _marks(ids)
        params = [org, *ids, FAR_FUTURE, start, end]
        cursor.execute(BOARD_OCCUPANCIES.format(units=marks), params)
        occupancies = cursor.fetchall()
        cursor.execute(BOARD_CLOSURES.format(units=marks), params)
        return BoardRows(units, occupancies, cursor.fetchall())


def without_a_place(
    households: QuerySet[Household], persons: QuerySet[Person], night: date
) -> tuple[QuerySet[Household], QuerySet[Person]]:
    """Those an open admission from `night` can take: no place that night or after it (a
    household by its head; its members housed elsewhere are not offered to tick)."""
    housed = Occupancy.objects.filter(overlapping(night, None), person__in=persons)
    person_ids = housed.values("person_id")
    return households.exclude(head__in=person_ids), persons.exclude(pk__in=person_ids)


def waiting_list(principal: Principal, site_id: int) -> QuerySet[PlaceRequest]:
    return (
        requests_visible_to(principal)
        .filter(site_id=site_id, status__in=[RequestStatus.WAITING, RequestStatus.OFFERED])
        .prefetch_related("offers__unit__building")
    )


def units_by_name() -> QuerySet[Unit]:
    """Units in name order, to prefetch under buildings already scoped (`buildings_visible_to`)."""
    return Unit.objects.order_by("name")


def current_closures(today: date) -> QuerySet[UnitClosure]:
    """Closures still running or still to come on `today`."""
    return UnitClosure.objects.filter(end__isnull=True) | UnitClosure.objects.filter(end__gt=today)


def stay_history(principal: Principal, person: Person) -> QuerySet[Occupancy]:
    """A person's occupancies, newest first, at the sites where the principal sees stays."""
    return (
        Occupancy.objects.visible_to(principal, Perm.STAY_VIEW)
        .filter(person=person)
        .select_related("stay", "unit__building")
        .order_by("-start")
    )


# The figures of sites over a period: a site's figures page and its export, and the
# reports' housing indicators (coordo/reports/indicators/housing.py) read these. Each is
# one query grouped by site (two for capacity), whatever the number of sites and of stays.

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

    Written by hand, and counted in Python night by night from the days occupancies begin
    and end (SQLite and PostgreSQL subtract dates differently): the ORM took three times
    longer to compile its statement than the database to run it.
    """
    if not site_ids:
        return {}
    occupancies = SITE_OCCUPANCIES.format(sites=_marks(site_ids))
    period: list[date | int] = [FAR_FUTURE, start, end, *site_ids]
    with _reading().cursor() as cursor:
        cursor.execute(NIGHTS_EVENTS.format(occupancies=occupancies), [*period, *period, end])
        rows = cursor.fetchall()
    changes: dict[int, Counter[date]] = {}
    for sign, site_id, day, n in rows:
        changes.setdefault(site_id, Counter())[max(_day(day), start)] += sign * n
    nights: dict[int, list[int]] = {}
    for site_id, change in changes.items():
        here, counts = 0, []
        for first, last in months(start, end):
            slept = 0
            for offset in range((last - first).days):
                here += change[first + timedelta(days=offset)]
                slept += here
            counts.append(slept)
        nights[site_id] = counts
    return nights


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
