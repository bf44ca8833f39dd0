"""Buildings, units and principals for the housing tests."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from coordo.access.models import Site, User
from coordo.access.scoping import Principal, principal_for_user
from coordo.housing.actions import admit_household, end_stay
from coordo.housing.models import Building, Stay, Unit, UnitClosure, UnitKind
from coordo.people.models import Household, Person


def make_building(site: Site, name: str = "Maison Test", *, confidential: bool = False) -> Building:
    return Building.objects.create(
        organisation=site.organisation,
        site=site,
        name=name,
        address="Rue secrète 3" if confidential else "Rue des Tests 1",
        confidential=confidential,
    )


IN_SERVICE_SINCE = date(2020, 1, 1)  # a test unit has been in service for years


def make_unit(
    building: Building,
    name: str = "Studio 1",
    *,
    capacity: int = 2,
    kind: str = UnitKind.STUDIO,
    in_service_from: date = IN_SERVICE_SINCE,
    out_of_service_from: date | None = None,
    **flags: bool,
) -> Unit:
    return Unit.objects.create(
        organisation=building.organisation,
        building=building,
        name=name,
        kind=kind,
        capacity=capacity,
        in_service_from=in_service_from,
        out_of_service_from=out_of_service_from,
        **flags,
    )


def make_closure(unit: Unit, start: date, end: date, reason: str) -> UnitClosure:
    """A period out of service, written directly (the action's checks are tested on their own)."""
    return UnitClosure.objects.create(
        organisation=unit.organisation, unit=unit, start=start, end=end, reason=reason
    )


def make_past_stay(
    unit: Unit,
    head: Person,
    start: date,
    end: date,
    *,
    by: Principal,
    household: Household | None = None,
    exit_reason: str = "planned",
    destination: str = "private_rental",
) -> Stay:
    """A stay admitted on `start` and ended on `end`, through the actions."""
    stay = admit_household(unit, head=head, household=household, start=start, by=by)
    return end_stay(stay, end=end, exit_reason=exit_reason, destination=destination, by=by)


threads_need_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads need PostgreSQL: SQLite serialises writers (IMMEDIATE transactions)",
)


def principal(user: User) -> Principal:
    return principal_for_user(user)


def at_the_same_instant(admit: Callable[..., object], calls: list[tuple[object, ...]]) -> list[str]:
    """Each call in its own thread, released together behind a barrier (PostgreSQL only).

    Returns the sorted outcomes: "admitted", "no longer free" (taken by the time it was
    its turn), or the repr of any other error.
    """
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(*arguments: object) -> None:
        try:
            barrier.wait()
            try:
                admit(*arguments)
                outcome = "admitted"
            except ValidationError as error:
                # The loser sees the winner after the lock ("taken by …"), or the database
                # refuses it (NO_LONGER_FREE): either way the place was given meanwhile.
                taken = [e.code for e in getattr(error, "error_dict", {}).get("unit", [])]
                no_longer_free = taken in (["occupied"], ["conflict"])
                outcome = "no longer free" if no_longer_free else repr(error)
            except Exception as error:  # noqa: BLE001 — the test reports any other failure
                outcome = repr(error)
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=arguments) for arguments in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)
