"""Reading an uploaded CSV or XLSX file into rows of text, as every import does.

CSV files come as people's spreadsheets save them: UTF-8 with or without a BOM, UTF-16
("Unicode text"), or Windows-1252 as Excel saves "CSV" in a Belgian or French locale;
separated by `;` (those locales), `,` or a tab. Whatever cannot be read is refused with a
message saying what to change, on the form's `file` field: never a guess, never a 500.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

FIELD = "file"
EXTENSIONS = ("csv", "tsv", "txt", "xlsx")
DELIMITERS = (";", ",", "\t")
OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the .xls (OLE2) signature
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),  # Excel's "Unicode text"
    (codecs.BOM_UTF16_BE, "utf-16"),
)
UNPACKED_RATIO = 20  # an XLSX larger than this once unzipped is a zip bomb, not a spreadsheet
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Column:
    """One column an import reads; `example` is the fictional value its template shows."""

    name: str
    example: str
    required: bool = True


@dataclass(frozen=True)
class Row:
    """One non-empty line, numbered as the spreadsheet shows it (the header is line 1)."""

    line: int
    values: dict[str, str]


def _refuse(message: str) -> ValidationError:
    return ValidationError({FIELD: message})


def _normalised(cell: object) -> str:
    return str(cell or "").strip().lower().replace(" ", "_").replace("-", "_")


def _decoded(data: bytes) -> str | None:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def decode(data: bytes) -> str:
    """The text of a CSV file: its BOM's encoding, else UTF-8, else Windows-1252."""
    text = _decoded(data)
    # Control characters: a binary file that happened to decode, not a spreadsheet's text.
    if text is None or _CONTROL.search(text):
        raise _refuse(
            _(
                "The characters of this file cannot be read: it is not a CSV file in UTF-8 "
                "or Windows-1252. In your spreadsheet, choose “Save as” and the type "
                "“CSV UTF-8”, or save it as .xlsx, then send that file."
            )
        )
    return text


def _delimiter(first_line: str, names: set[str]) -> str:
    """The separator that splits the header into the most known column names, then cells."""

    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(_normalised(cell) in names for cell in cells), len(cells)

    return max(DELIMITERS, key=score)  # max keeps the first of equals: `;` as Belgian Excel


def _csv_lines(data: bytes, names: set[str]) -> Iterator[list[str]]:
    text = decode(data)
    first_line = text.split("\n", 1)[0].rstrip("\r")
    declared = re.fullmatch(r"sep=(.)", first_line.strip(), flags=re.IGNORECASE)
    if declared:  # Excel's own hint line; Excel hides it, so the header stays line 1
        text = text.split("\n", 1)[1] if "\n" in text else ""
        delimiter = declared.group(1)
    else:
        delimiter = _delimiter(first_line, names)
    line = 1  # rows as a spreadsheet numbers them, a quoted line break inside a cell or not
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield cells
            line += 1
    except csv.Error as error:
        raise _refuse(
            _("Line %(line)d cannot be read as CSV (%(reason)s): check its quotes.")
            % {"line": line, "reason": error}
        ) from error


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return str(value)


def _xlsx_lines(data: bytes, max_bytes: int) -> Iterator[list[str]]:
    unreadable = _("This is not a readable XLSX file.")
    if data.startswith(OLD_EXCEL):
        raise _refuse(_("This is an old Excel file (.xls): save it as .xlsx or as CSV UTF-8."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refuse(unreadable) from error
    if unpacked > UNPACKED_RATIO * max_bytes:
        raise _refuse(_("This XLSX file is too large to import: split it into several files."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise _refuse(unreadable) from error
    try:
        sheet = workbook.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise _refuse(unreadable)
        for values in sheet.iter_rows(min_row=1, values_only=True):
            yield [_cell_text(value) for value in values]
    except ValidationError:
        raise
    except Exception as error:  # a broken sheet inside a sound zip
        raise _refuse(unreadable) from error
    finally:
        workbook.close()


def _extension(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "xls":
        raise _refuse(_("This is an old Excel file (.xls): save it as .xlsx or as CSV UTF-8."))
    if extension not in EXTENSIONS:
        raise _refuse(_("Send a .csv or .xlsx file."))
    return extension


def read_table(
    upload: IO[bytes],
    columns: Sequence[Column],
    *,
    filename: str,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> list[Row]:
    """The file's non-empty lines under their column names; the first line is the header.

    Unknown columns are left out, optional ones missing from the file read as "".
    """
    max_rows = max_rows or settings.COORDO_IMPORT_MAX_ROWS
    max_bytes = max_bytes or settings.COORDO_IMPORT_MAX_BYTES
    extension = _extension(filename)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _refuse(
            _("This file is larger than %(size)s: split it into several files.")
            % {"size": filesizeformat(max_bytes)}
        )
    names = {column.name for column in columns}
    # The content decides, not the name: an XLSX saved as "places.csv" is still read.
    is_xlsx = extension == "xlsx" or data.startswith((b"PK\x03\x04", OLD_EXCEL))
    lines = _xlsx_lines(data, max_bytes) if is_xlsx else _csv_lines(data, names)
    header = [_normalised(cell) for cell in next(lines, [])]
    if not any(header):
        raise _refuse(_("The file is empty."))
    missing = [column.name for column in columns if column.required and column.name not in header]
    if missing:
        raise _refuse(_("Missing columns: %(columns)s") % {"columns": ", ".join(missing)})
    repeated = sorted({name for name in header if name in names and header.count(name) > 1})
    if repeated:
        raise _refuse(_("Columns named twice: %(columns)s") % {"columns": ", ".join(repeated)})
    rows: list[Row] = []
    for line, cells in enumerate(lines, start=2):
        texts = [cell.strip() for cell in cells]
        if not any(texts):
            continue
        if len(rows) == max_rows:
            raise _refuse(
                _("At most %(n)d rows per file: split this file into several.") % {"n": max_rows}
            )
        found = {name: text for name, text in zip(header, texts, strict=False) if name in names}
        rows.append(Row(line, {column.name: found.get(column.name, "") for column in columns}))
    return rows
