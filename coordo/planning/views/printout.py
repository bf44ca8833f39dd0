"""The month planning as a PDF for the drop-in's wall: landscape A4, a row per day, gaps marked.

Names are drawn as written, in the bundled Noto fonts (coordo/web/fonts.py: Latin, with
Arabic and Ethiopic as fallbacks, shaped by HarfBuzz), embedded in the file. The output is
left uncompressed: a page of text stays small. `latin1` is kept for callers that need
text in the PDF core fonts' encoding (a document's metadata).
"""

from __future__ import annotations

import unicodedata

from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.planning import queries
from coordo.planning.grid import Cell, Grid, build_grid, saved_plan
from coordo.planning.models import Planning
from coordo.web import fonts
from coordo.web.downloads import attachment

FONT = "coordo"
FALLBACK_FONTS = {"coordo-arabic": "Arabic", "coordo-ethiopic": "Ethiopic"}
# Punctuation outside latin-1, and letters that Unicode does not decompose to a base letter.
FALLBACKS = str.maketrans(
    {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"',
     "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Œ": "OE", "œ": "oe", "ı": "i", "Ŀ": "L", "ŀ": "l"}
)  # fmt: skip
GAP = FontFace(emphasis="BOLD", color=(160, 0, 0), fill_color=(255, 228, 228))
HEADING = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))


def latin1(text: str) -> str:
    """Text the core fonts can draw: outside latin-1, the base letter, else "?"."""
    out = []
    for char in text.translate(FALLBACKS):
        if ord(char) < 256:
            out.append(char)
            continue
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        out.append(base or "?")
    return "".join(out)


def short_name(name: str) -> str:
    """The wall shows first names and an initial: "Anna Peeters" is "Anna P."."""
    parts = name.split()
    return f"{parts[0]} {parts[-1][0]}." if len(parts) > 1 else name


def _cell_text(cell: Cell) -> str:
    absent = " (" + _("absent") + ")"
    names = ", ".join(short_name(n) + (absent if n in cell.absent else "") for n in cell.names)
    if not cell.missing:
        return names
    gap = _("%(count)d missing") % {"count": cell.missing}
    return f"{names}\n{gap}" if names else gap


def _unicode_pdf() -> FPDF:
    """A PDF whose fonts draw every script of the names: Latin, Arabic, Ethiopic."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for name, family in [(FONT, "Latin"), *((n, f) for n, f in FALLBACK_FONTS.items())]:
        pdf.add_font(name, "", str(fonts.path(family)))
        pdf.add_font(name, "B", str(fonts.path(family, bold=True)))
    pdf.set_fallback_fonts(list(FALLBACK_FONTS), exact_match=False)
    pdf.set_text_shaping(True)
    return pdf


def render_month(planning: Planning, grid: Grid) -> bytes:
    pdf = _unicode_pdf()
    pdf.set_compression(False)
    pdf.set_margins(10, 10, 10)
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_title(f"{planning.site.name} {planning.month:%Y-%m}")
    pdf.add_page()
    pdf.set_font(FONT, style="B", size=16)
    title = f"{planning.site.name} - {date_format(planning.month, 'F Y')}"
    pdf.cell(text=title)
    if planning.is_draft:
        pdf.set_text_color(180, 0, 0)
        pdf.cell(text="   " + _("DRAFT - not the planning in force"))
        pdf.set_text_color(0, 0, 0)
    pdf.ln(8)
    pdf.set_font(FONT, size=9)
    summary = _("%(filled)d of %(places)d places filled · %(gaps)d missing") % {
        "filled": grid.filled,
        "places": grid.places,
        "gaps": grid.gaps,
    }
    if not planning.is_draft:
        version = _("Version %(version)d") % {"version": planning.version}
        summary = f"{version} · {summary}"
    pdf.cell(text=summary)
    pdf.ln(7)
    day_width = 22
    widths = [day_width, *([(pdf.epw - day_width) / max(len(grid.slots), 1)] * len(grid.slots))]
    with pdf.table(
        col_widths=widths,
        line_height=4.2,
        text_align="LEFT",
        headings_style=HEADING,
        first_row_as_headings=True,
    ) as table:
        heading = table.row()
        for label in [_("Day"), *grid.slots]:
            heading.cell(label)
        for row in grid.rows:
            line = table.row()
            day = date_format(row.day, "D j") + (f"\n{row.holiday}" if row.holiday else "")
            line.cell(day, style=HEADING)
            for cell in row.cells:
                if cell is None:
                    line.cell("")
                else:
                    line.cell(_cell_text(cell), style=GAP if cell.missing else None)
    pdf.ln(3)
    pdf.set_font(FONT, size=7)
    printed = date_format(timezone.localtime(), "j F Y H:i")
    pdf.cell(text=_("Printed on %(date)s with Coordo") % {"date": printed})
    return bytes(pdf.output())


@require_perm(Perm.PLANNING_VIEW)
def planning_pdf(request: AuthedRequest, planning_id: int) -> HttpResponse:
    """A published version for everyone who sees the planning; a draft for its editors only."""
    principal = principal_of(request)
    planning = queries.get_planning(principal, planning_id)
    audit.record(AuditAction.EXPORT, principal=principal, obj=planning)
    body = render_month(planning, build_grid(planning, saved_plan(planning)))
    name = f"planning-{slugify(planning.site.name)}-{planning.month:%Y-%m}.pdf"
    return attachment(body, filename=name, content_type="application/pdf", inline=True)
