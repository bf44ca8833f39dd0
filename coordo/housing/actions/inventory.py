"""Writes to the inventory: buildings and units, by hand or from a file (coordinators)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordo.access import writes
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.housing.models import Building, Occupancy, Unit, UnitKind, overlapping
from coordo.web.tabular import Row, RowError, whole_number, yes_no

BUILDING_FIELDS = ("name", "address", "confidential")
UNIT_FIELDS = (
    "name",
    "kind",
    "capacity",
    "women_only",
    "family",
    "accessible",
    "in_service_from",
    "out_of_service_from",
)


@transaction.atomic
def create_building(*, site: Site, by: Principal, **fields: Any) -> Building:
    by.require(Perm.HOUSING_EDIT, site.pk)
    building = Building(organisation_id=site.organisation_id, site=site)
    writes.assign(building, BUILDING_FIELDS, fields)
    return writes.save_new(building, by=by)


@transaction.atomic
def update_building(building: Building, *, by: Principal, **fields: Any) -> Building:
    by.require(Perm.HOUSING_EDIT, building.site_id)
    writes.assign(building, BUILDING_FIELDS, fields)
    building.full_clean()
    return writes.save_changed(building, by=by)


@transaction.atomic
def create_unit(building: Building, *, by: Principal, **fields: Any) -> Unit:
    by.require(Perm.HOUSING_EDIT, building.site_id)
    unit = Unit(organisation_id=building.organisation_id, building=building)
    writes.assign(unit, UNIT_FIELDS, fields)
    return writes.save_new(unit, by=by, site_id=building.site_id)


def _check_service_holds_the_nights(unit: Unit) -> None:
    """Nobody slept in the unit before it entered service, nor sleeps there after it left:
    its capacity must cover every night its figures count."""
    Unit.objects.select_for_update().get(pk=unit.pk)  # no admission slips in meanwhile
    nights = Occupancy.objects.filter(unit=unit)
    first = nights.order_by("start").values_list("start", flat=True).first()
    if first is not None and first < unit.in_service_from:
        raise ValidationError(
            {
                "in_service_from": _(
                    "Someone slept in this unit on %(date)s: it was in service by then."
                )
                % {"date": f"{first:%d/%m/%Y}"}
            }
        )
    withdrawn = unit.out_of_service_from
    if withdrawn is not None and nights.filter(overlapping(withdrawn, None)).exists():
        raise ValidationError(
            {
                "out_of_service_from": _(
                    "Someone lives in this unit on or after this date: move them or end "
                    "the stay first."
                )
            }
        )


@transaction.atomic
def update_unit(unit: Unit, *, by: Principal, **fields: Any) -> Unit:
    by.require(Perm.HOUSING_EDIT, unit.building.site_id)
    writes.assign(unit, UNIT_FIELDS, fields)
    unit.full_clean()
    _check_service_holds_the_nights(unit)
    return writes.save_changed(unit, by=by, site_id=unit.building.site_id)


@dataclass
class ImportReport:
    rows: int = 0
    created_buildings: int = 0
    created_units: int = 0
    updated_units: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False


def _flag(row: dict[str, str], name: str) -> bool:
    value = yes_no(row.get(name, ""))
    if value is None:
        raise ValidationError({name: _("Write yes or no.")})
    return value


def _import_row(site: Site, row: dict[str, str], by: Principal) -> tuple[bool, bool]:
    """Write one line; say whether it created a building and whether it created a unit."""
    name = row.get("building", "")
    building = Building.objects.filter(site=site, name=name).first()
    if building is None:
        if not row.get("address"):
            raise ValidationError({"address": _("A new building needs its address.")})
        building = create_building(
            site=site,
            name=name,
            address=row["address"],
            confidential=_flag(row, "confidential"),
            by=by,
        )
        new_building = True
    else:
        new_building = False
    kinds = {str(value): value for value in UnitKind.values} | {
        str(label).lower(): value for value, label in UnitKind.choices
    }
    kind = kinds.get(row.get("kind", "").lower())
    if kind is None:
        raise ValidationError(
            {"kind": _("Unknown kind: use studio, apartment, room or dormitory.")}
        )
    capacity = whole_number(row.get("capacity", ""))
    if capacity is None or capacity < 0:
        raise ValidationError({"capacity": _("Write a whole number of persons.")})
    fields = {
        "name": row.get("unit", ""),
        "kind": kind,
        "capacity": capacity,
        **{flag: _flag(row, flag) for flag in ("women_only", "family", "accessible")},
    }
    unit = Unit.objects.filter(building=building, name=fields["name"]).first()
    if unit is None:
        create_unit(building, by=by, **fields)
        return new_building, True
    update_unit(unit, by=by, **fields)
    return new_building, False


def import_inventory(
    site: Site,
    *,
    rows: list[Row],
    only_valid_rows: bool,
    by: Principal,
) -> ImportReport:
    """Buildings and units, row by row; nothing is written while any row fails, unless asked."""
    by.require(Perm.HOUSING_EDIT, site.pk)
    report = ImportReport(rows=len(rows))
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    new_building, new_unit = _import_row(site, row.values, by)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    report.errors += [RowError(row.line, name, message) for message in messages]
            else:
                report.created_buildings += new_building
                report.created_units += new_unit
                report.updated_units += not new_unit
        if report.errors and not only_valid_rows:
            transaction.set_rollback(True)
            report.created_buildings = report.created_units = report.updated_units = 0
            return report
    report.written = True
    return report
