"""Housing app: the inventory (no routes yet); the secret address is a canary from day one."""

from __future__ import annotations

from django.db.models import Model

from coordo.housing.models import Building, Unit, UnitKind
from tests.permissions.routes import Route
from tests.world import Place

ROUTES: dict[str, Route] = {}
TARGETS: dict[str, object] = {}
CANARIES = {"building.address": ("Rue CANARY-SECRET 7, 5000 Namur", set())}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    building = Building.objects.create(
        organisation=place.site.organisation, site=place.site, name=f"Discreet house {label}",
        address=planted.get("building.address", f"Rue Discrète 1 ({label})"), confidential=True,
    )  # fmt: skip
    unit = Unit.objects.create(
        organisation=place.site.organisation, building=building, name="A",
        kind=UnitKind.APARTMENT, capacity=3, family=True,
    )  # fmt: skip
    return {"building": building, "unit": unit}
