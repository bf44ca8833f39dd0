"""A report's content rendered to a file: PDF (WeasyPrint), XLSX (openpyxl), DOCX (python-docx).

Pure functions of the content dict (coordo/reports/content.py): no database, so the
background task renders them in its worker thread, and the numbers are the page's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coordo.reports.models import ReportFormat
from coordo.reports.outputs import docx, pdf, xlsx

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
RENDERERS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    ReportFormat.PDF: pdf.render,
    ReportFormat.XLSX: xlsx.render,
    ReportFormat.DOCX: docx.render,
}


def render(content: dict[str, Any], fmt: str) -> bytes:
    return RENDERERS[fmt](content)
