"""The daily import of the network's units and free places, from CSV or XLSX.

Every row is checked first; one bad row and nothing is written, and each error names
its row and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordo.access.models import User
from coordo.access.scoping import Principal
from coordo.dispatch.models import ReceptionCentre, ReceptionUnit, UnitKind
from coordo.dispatch.queries import edits_whole_network

COLUMNS = (
    "centre",
    "unit",
    "kind",
    "beds",
    "free",
    "women_only",
    "medical",
    "accessible",
    "minors",
)
FLAGS = ("women_only", "medical", "accessible", "minors")
TRUE, FALSE = {"1", "yes", "true", "oui", "ja", "x"}, {"0", "no", "false", "non", "nee", ""}


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def read_rows(upload: IO[bytes], filename: str) -> list[dict[str, Any]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(upload, read_only=True, data_only=True).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)] if sheet else []
    else:
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text (CSV) nor XLSX.")) from error
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise ValidationError(_("The file is empty."))
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ValidationError(_("Missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    return [
        {
            name: ("" if cell is None else str(cell).strip())
            for name, cell in zip(header, row, strict=False)
        }
        for row in rows[1:]
        if any(cell not in (None, "") for cell in row)
    ]


def _number(value: str, errors: list[str], where: str) -> int:
    try:
        number = int(float(value))
    except ValueError:
        errors.append(_("%(where)s: not a whole number") % {"where": where})
        return 0
    if number < 0:
        errors.append(_("%(where)s: cannot be negative") % {"where": where})
    return number


def _flag(value: str, errors: list[str], where: str) -> bool:
    if value.lower() in TRUE:
        return True
    if value.lower() not in FALSE:
        errors.append(_("%(where)s: answer yes or no") % {"where": where})
    return False


@transaction.atomic
def import_units(rows: list[dict[str, Any]], *, by: User, principal: Principal) -> ImportResult:
    if not edits_whole_network(principal):
        raise PermissionDenied
    centres = {
        c.code: c for c in ReceptionCentre.objects.filter(organisation_id=principal.organisation_id)
    }
    existing = {
        u.code: u for u in ReceptionUnit.objects.filter(organisation_id=principal.organisation_id)
    }
    errors: list[str] = []
    seen: set[str] = set()
    units: list[ReceptionUnit] = []
    for number, row in enumerate(rows, start=2):
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
        unit = existing.get(code) or ReceptionUnit(
            organisation_id=principal.organisation_id, code=code
        )
        if unit.pk and unit.centre_id != centre.pk:
            errors.append(
                _("%(where)s: this unit belongs to another centre")
                % {"where": where % {"row": number, "column": "unit"}}
            )
            continue
        unit.centre, unit.kind, unit.beds, unit.free = centre, row["kind"], beds, free
        for name, value in flags.items():
            setattr(unit, name, value)
        unit.updated_by, unit.updated_at = by, timezone.now()
        units.append(unit)
    if errors:
        raise ValidationError(errors)
    created = sum(1 for unit in units if unit.pk is None)
    for unit in units:
        unit.save()
    return ImportResult(created=created, updated=len(units) - created)
