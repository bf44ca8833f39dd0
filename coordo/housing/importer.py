"""Reading an inventory file (CSV or XLSX) into rows of text, one dict per line."""

from __future__ import annotations

import csv
import io
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

COLUMNS = (
    "building", "address", "confidential", "unit", "kind", "capacity", "women_only", "family",
    "accessible",
)  # fmt: skip
MAX_ROWS = 2000


def _normalised(header: list[object]) -> list[str]:
    return [str(cell or "").strip().lower().replace(" ", "_").replace("-", "_") for cell in header]


def read_rows(upload: IO[bytes], filename: str) -> list[dict[str, str]]:
    """The file's lines under their column names; the first line is the header."""
    if filename.lower().endswith(".xlsx"):
        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError({"file": _("This is not a readable XLSX file.")}) from error
        assert sheet is not None
        lines = [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    elif filename.lower().endswith(".csv"):
        text = upload.read().decode("utf-8-sig", errors="replace")
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
        lines = list(csv.reader(io.StringIO(text), dialect))
    else:
        raise ValidationError({"file": _("Send a .csv or .xlsx file.")})
    if not lines:
        raise ValidationError({"file": _("The file is empty.")})
    header = _normalised(list(lines[0]))
    missing = [
        column for column in ("building", "unit", "kind", "capacity") if column not in header
    ]
    if missing:
        raise ValidationError(
            {"file": _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}}
        )
    if len(lines) > MAX_ROWS + 1:
        raise ValidationError({"file": _("At most %(n)d lines per file.") % {"n": MAX_ROWS}})
    return [
        {
            name: str(value).strip()
            for name, value in zip(header, line, strict=False)
            if name in COLUMNS
        }
        for line in lines[1:]
        if any(str(value).strip() for value in line)
    ]
