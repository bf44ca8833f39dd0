"""Writing a table as CSV or XLSX, for every export and every import's template.

CSV is written for Excel as Belgian and French users open it: `;` between cells and a
UTF-8 BOM, so accents survive a double click. The separator is a setting
(COORDO_CSV_DELIMITER) and a choice per request (`?delimiter=comma`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from openpyxl import Workbook

from coordo.web.downloads import attachment
from coordo.web.tabular.reading import Column

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DELIMITERS = {"semicolon": ";", "comma": ",", "tab": "\t"}
# A text cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Format = Literal["csv", "xlsx"]
Line = Sequence[object]


def default_delimiter() -> str:
    configured = settings.COORDO_CSV_DELIMITER
    delimiter = DELIMITERS.get(configured, configured)
    if delimiter not in DELIMITERS.values():
        raise ImproperlyConfigured("COORDO_CSV_DELIMITER: semicolon, comma or tab")
    return delimiter


def _request_delimiter(request: HttpRequest) -> str | None:
    """`?delimiter=semicolon|comma|tab`, else the setting; None for anything else."""
    asked = request.GET.get("delimiter")
    return default_delimiter() if asked is None else DELIMITERS.get(asked)


def _inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(lines: Iterable[Line], *, delimiter: str | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter or default_delimiter())
    writer.writerows([_inert(value) for value in line] for line in lines)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(lines: Iterable[Line], *, title: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.title = title[:31]  # Excel's limit for a sheet name
    for line in lines:
        sheet.append(list(line))
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":  # openpyxl takes "=…" text for a formula: keep it text
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(
    lines: Iterable[Line],
    *,
    name: str,
    file_format: Format,
    delimiter: str | None = None,
    title: str = "",
) -> HttpResponse:
    """The table as a download `name.csv` or `name.xlsx`."""
    if file_format == "xlsx":
        content = xlsx_bytes(lines, title=title)
        return attachment(content, filename=f"{name}.xlsx", content_type=XLSX_TYPE)
    content = csv_bytes(lines, delimiter=delimiter)
    return attachment(content, filename=f"{name}.csv", content_type=CSV_TYPE)


def export_response(
    request: HttpRequest, lines: Iterable[Line], *, name: str, title: str = ""
) -> HttpResponse:
    """The table in the format the request asks (`?format=xlsx`, CSV otherwise)."""
    delimiter = _request_delimiter(request)
    if delimiter is None:
        return HttpResponseBadRequest(
            "delimiter: " + _("Choose semicolon, comma or tab."),
            content_type="text/plain; charset=utf-8",
        )
    file_format: Format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return table_response(
        lines, name=name, file_format=file_format, delimiter=delimiter, title=title
    )


def template_response(
    request: HttpRequest,
    columns: Sequence[Column],
    *,
    name: str,
    examples: Mapping[str, str] | None = None,
) -> HttpResponse:
    """An import's template: its header and one example row of fictional data.

    `examples` replaces a column's fixed example where it must name one of the user's
    records (a centre code) for the row to import cleanly.
    """
    example = {column.name: column.example for column in columns} | dict(examples or {})
    lines = [[column.name for column in columns], [example[column.name] for column in columns]]
    return export_response(request, lines, name=name, title=_("Template"))
