"""The report as a Word document: headings, tables and charts as images, the narrative to finish."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Cm, Pt

from coordo.reports.content import display
from coordo.web.charts import to_png

FONT = "Noto Sans"


def render(content: dict[str, Any]) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT  # type: ignore[attr-defined]
    style.font.size = Pt(10)  # type: ignore[attr-defined]
    document.add_heading(content["title"], level=0)
    document.add_paragraph(f"{_('Period')}: {content['period']} · {', '.join(content['sites'])}")
    if content["funder"]:
        document.add_paragraph(
            _("Funders' version: x marks a figure suppressed to protect privacy.")
        )
    for section in content["sections"]:
        document.add_heading(section["title"], level=1)
        if section["kind"] == "narrative":
            for paragraph in (section.get("text") or "").split("\n\n"):
                document.add_paragraph(paragraph)
            continue
        if section.get("spec"):
            document.add_picture(BytesIO(to_png(section["spec"])), width=Cm(15))
        if section.get("header"):
            table = document.add_table(rows=1, cols=len(section["header"]))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, section["header"], strict=True):
                cell.text = str(text)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in section["rows"]:
                cells = table.add_row().cells
                for index, (cell, value) in enumerate(zip(cells, row["cells"], strict=True)):
                    text = display(value) if index else str(value)
                    cell.text = ("    " + text) if index == 0 and row.get("level") else text
    output = BytesIO()
    document.save(output)
    return output.getvalue()
