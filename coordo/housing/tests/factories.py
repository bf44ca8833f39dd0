"""Buildings, units and principals for the housing tests."""

from __future__ import annotations

from coordo.access.models import Site, User
from coordo.access.scoping import Principal, principal_for_user
from coordo.housing.models import Building, Unit, UnitKind


def make_building(site: Site, name: str = "Maison Test", *, confidential: bool = False) -> Building:
    return Building.objects.create(
        organisation=site.organisation, site=site, name=name,
        address="Rue secrète 3" if confidential else "Rue des Tests 1", confidential=confidential,
    )  # fmt: skip


def make_unit(
    building: Building,
    name: str = "Studio 1",
    *,
    capacity: int = 2,
    kind: str = UnitKind.STUDIO,
    **flags: bool,
) -> Unit:
    return Unit.objects.create(
        organisation=building.organisation, building=building, name=name, kind=kind,
        capacity=capacity, **flags,
    )  # fmt: skip


def principal(user: User) -> Principal:
    return principal_for_user(user)
