"""The numbers of the PDF (pdftotext), the XLSX cells and the DOCX tables are the page's,
for every shipped template."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from coordo.housing.tests.factories import principal
from coordo.reports import actions, outputs, queries
from coordo.reports.content import display, tables
from coordo.reports.shipped import SHIPPED

pytestmark = pytest.mark.django_db
YEAR = (date(2026, 1, 1), date(2027, 1, 1))


def rows_of(content: dict) -> list[list[str]]:  # type: ignore[type-arg]
    """Every row of every table, as the page writes it: its label, then its cells."""
    return [
        [str(row["cells"][0]), *(display(value) for value in row["cells"][1:])]
        for section in tables(content)
        for row in section["rows"]
    ]


def poppler(tool: str, *args: str, data: bytes | None = None) -> str:
    """pdftotext or pdffonts (Debian's poppler-utils) on a file or on `data`."""
    path = shutil.which(tool)
    assert path, f"{tool} is missing: apt-get install poppler-utils"
    done = subprocess.run([path, *args], input=data, capture_output=True, check=True)  # noqa: S603
    return done.stdout.decode()


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def everything(  # type: ignore[no-untyped-def]
    housing_quarter, front_desk, drop_in_month, arrival_centre, drop_in_quarter, incidents_quarter
):
    return housing_quarter


@pytest.mark.parametrize("key", [template.key for template in SHIPPED])
def test_every_output_shows_the_numbers_of_the_page(everything, coordinator, key):
    template = actions.copy_shipped_template(key, site=everything, by=principal(coordinator))
    content = queries.template_content(template, *YEAR)
    expected = rows_of(content)
    assert any(
        isinstance(value, int) and value > 0
        for section in tables(content)
        for row in section["rows"]
        for value in row["cells"][1:]
    ), "the fixture gives every shipped template figures"

    book = load_workbook(BytesIO(outputs.render(content, "xlsx")))
    sheets = book.worksheets[1:]
    assert len(sheets) == len(tables(content))
    for sheet, section in zip(sheets, tables(content), strict=True):
        rows = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
        # Numbers as numbers: the cells are the content's values themselves, not their text.
        assert [row[1:] for row in rows] == [row["cells"][1:] for row in section["rows"]]
        assert [str(row[0]).strip() for row in rows] == [
            str(row["cells"][0]) for row in section["rows"]
        ]

    document = Document(BytesIO(outputs.render(content, "docx")))
    written = [
        [cell.text.strip() for cell in row.cells]
        for table in document.tables
        for row in table.rows[1:]
    ]
    assert written == expected

    pdf = outputs.render(content, "pdf")
    text = poppler("pdftotext", "-layout", "-", "-", data=pdf)
    lines = [flat(line) for line in text.splitlines()]
    for row in expected:
        assert flat(" ".join(row)) in lines, row


def test_the_pdf_embeds_fonts_for_latin_arabic_and_tigrinya(tmp_path):
    names = "Élise · أمينة · ሰላም ትግርኛ"
    content = {
        "title": names, "sites": ["Maison Lierre"], "period": "2026", "data_version": "v",
        "funder": False,
        "sections": [{"kind": "narrative", "title": "Narrative", "text": names}],
    }  # fmt: skip
    path = tmp_path / "report.pdf"
    path.write_bytes(outputs.render(content, "pdf"))
    fonts = poppler("pdffonts", str(path)).splitlines()[2:]
    embedded = [line.split()[0].split("+", 1)[1] for line in fonts]
    assert {"Coordo-Latin-Bold", "Coordo-Latin", "Coordo-Arabic", "Coordo-Ethiopic"} <= set(
        embedded
    )
    assert all(line.split()[-5] == "yes" for line in fonts)  # embedded, every one
    text = poppler("pdftotext", str(path), "-")
    assert "Élise" in text
    assert "ሰላም" in text
