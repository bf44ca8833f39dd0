"""The report as a workbook: a cover sheet, then one sheet per table, numbers as numbers."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from coordo.reports.content import tables

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    base = _FORBIDDEN.sub(" ", title).strip()[:28] or _("Table")
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base[:25]} ({n})", n + 1
    taken.add(name.lower())
    return name


def _cell(value: Any) -> Any:
    """Numbers stay numbers; a missing one is an empty cell; "x" (suppressed) stays text."""
    return value


def render(content: dict[str, Any]) -> bytes:
    book = Workbook()
    cover = book.active
    assert cover is not None
    taken: set[str] = set()
    cover.title = sheet_name(_("Report"), taken)
    cover.append([content["title"]])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([_("Period"), content["period"]])
    cover.append([_("Sites"), ", ".join(content["sites"])])
    cover.append([_("Data version"), content["data_version"]])
    if content["funder"]:
        cover.append([_("Funders' version: x marks a figure suppressed to protect privacy.")])
    for section in tables(content):
        sheet = book.create_sheet(sheet_name(section["title"], taken))
        sheet.append([section["title"]])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(section["header"]))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in section["rows"]:
            cells = list(row["cells"])
            if row.get("level"):
                cells[0] = "    " + str(cells[0])
            sheet.append([_cell(value) for value in cells])
        sheet.column_dimensions["A"].width = 48
    output = BytesIO()
    book.save(output)
    return output.getvalue()
