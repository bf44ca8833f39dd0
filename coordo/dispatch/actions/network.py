"""The daily import of the network's units and free places, from CSV or XLSX.

Every row is checked first; one bad row and nothing is written, and each error names
its row and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordo.access.scoping import Principal
from coordo.dispatch.models import ReceptionCentre, ReceptionUnit, UnitKind
from coordo.dispatch.queries import edits_whole_network
from coordo.web.tabular import Column, Row, read_table, whole_number, yes_no

# The example row is fictional; its template names one of the user's centres.
COLUMNS = (
    Column("centre", "BXL"),
    Column("unit", "EXEMPLE-1"),
    Column("kind", "private"),
    Column("beds", "4"),
    Column("free", "2"),
    Column("women_only", "yes"),
    Column("medical", "no"),
    Column("accessible", "yes"),
    Column("minors", "no"),
)
FLAGS = ("women_only", "medical", "accessible", "minors")
MAX_BEDS = 1000  # a unit, not a town: anything larger is a typing mistake


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def read_rows(upload: IO[bytes], filename: str) -> list[Row]:
    return read_table(upload, COLUMNS, filename=filename)


def _number(value: str, errors: list[str], where: str) -> int:
    number = whole_number(value)
    if number is None:
        errors.append(_("%(where)s: not a whole number") % {"where": where})
        return 0
    if number < 0:
        errors.append(_("%(where)s: cannot be negative") % {"where": where})
    if number > MAX_BEDS:
        errors.append(_("%(where)s: at most %(n)d") % {"where": where, "n": MAX_BEDS})
    return number


def _flag(value: str, errors: list[str], where: str) -> bool:
    answer = yes_no(value)
    if answer is None:
        errors.append(_("%(where)s: answer yes or no") % {"where": where})
    return bool(answer)


@transaction.atomic
def import_units(rows: list[Row], *, by: Principal) -> ImportResult:
    if not edits_whole_network(by):
        raise PermissionDenied
    centres = {
        c.code: c for c in ReceptionCentre.objects.filter(organisation_id=by.organisation_id)
    }
    existing = {u.code: u for u in ReceptionUnit.objects.filter(organisation_id=by.organisation_id)}
    errors: list[str] = []
    seen: set[str] = set()
    units: list[ReceptionUnit] = []
    for line in rows:
        number, row = line.line, line.values
        before = len(errors)
        where = _("row %(row)s, column %(column)s")
        centre = centres.get(row["centre"])
        if centre is None:
            errors.append(
                _("%(where)s: no such centre")
                % {"where": where % {"row": number, "column": "centre"}}
            )
        code = row["unit"]
        if not code or code in seen:
            errors.append(
                _("%(where)s: missing or repeated unit code")
                % {"where": where % {"row": number, "column": "unit"}}
            )
        seen.add(code)
        if row["kind"] not in UnitKind.values:
            errors.append(
                _("%(where)s: private or shared")
                % {"where": where % {"row": number, "column": "kind"}}
            )
        beds = _number(row["beds"], errors, where % {"row": number, "column": "beds"})
        free = _number(row["free"], errors, where % {"row": number, "column": "free"})
        if beds < 1 or free > beds:
            errors.append(
                _("%(where)s: at least one bed, and no more free beds than beds")
                % {"where": where % {"row": number, "column": "free"}}
            )
        flags = {
            name: _flag(row[name], errors, where % {"row": number, "column": name})
            for name in FLAGS
        }
        if len(errors) > before or centre is None:
            continue
        unit = existing.get(code) or ReceptionUnit(organisation_id=by.organisation_id, code=code)
        if unit.pk and unit.centre_id != centre.pk:
            errors.append(
                _("%(where)s: this unit belongs to another centre")
                % {"where": where % {"row": number, "column": "unit"}}
            )
            continue
        unit.centre, unit.kind, unit.beds, unit.free = centre, row["kind"], beds, free
        for name, value in flags.items():
            setattr(unit, name, value)
        unit.updated_by_id, unit.updated_at = by.user_id, timezone.now()
        units.append(unit)
    if errors:
        raise ValidationError(errors)
    created = sum(1 for unit in units if unit.pk is None)
    for unit in units:
        unit.save()
    return ImportResult(created=created, updated=len(units) - created)
