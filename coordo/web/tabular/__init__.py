"""The one tabular importer and exporter: CSV and XLSX in, CSV and XLSX out.

Each import keeps its columns (`Column`) and its rules beside its app; reading the file,
the yes/no words, whole numbers, the row report and the template live here.
"""

from coordo.web.tabular.reading import Column, Row, decode, read_table
from coordo.web.tabular.values import NO_WORDS, YES_WORDS, RowError, whole_number, yes_no
from coordo.web.tabular.writing import (
    csv_bytes,
    export_response,
    table_response,
    template_response,
    xlsx_bytes,
)

__all__ = [
    "NO_WORDS",
    "YES_WORDS",
    "Column",
    "Row",
    "RowError",
    "csv_bytes",
    "decode",
    "export_response",
    "read_table",
    "table_response",
    "template_response",
    "whole_number",
    "xlsx_bytes",
    "yes_no",
]
