"""Reads of the housing app's pages, always starting from what the principal may see.

Counts are computed in the database (subqueries per unit, one aggregate per site),
so a page costs the same number of queries whatever the number of stays. The figures
of sites over a period are in `figures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
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
from coordo.housing.queries._db import _marks, _reading
from coordo.people.models import Household, Person

ONE_DAY = timedelta(days=1)


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
