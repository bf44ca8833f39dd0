"""The programme as an A4 poster for the door: a week or a month, day by day.

Drawn in the bundled Noto fonts (coordo/web/fonts.py), so an Arabic or Tigrinya title
shows as written.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from coordo.access.models import Site
from coordo.community.queries import Scheduled
from coordo.web import fonts

FONT = "coordo"
FALLBACK_FONTS = {"coordo-arabic": "Arabic", "coordo-ethiopic": "Ethiopic"}


def _line(pdf: FPDF, height: float, text: str) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def render(site: Site, title: str, items: list[Scheduled]) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    for name, family in [(FONT, "Latin"), *FALLBACK_FONTS.items()]:
        pdf.add_font(name, "", str(fonts.path(family)))
        pdf.add_font(name, "B", str(fonts.path(family, bold=True)))
    pdf.set_fallback_fonts(list(FALLBACK_FONTS), exact_match=False)
    pdf.set_text_shaping(True)
    pdf.set_compression(False)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(f"{site.name} - {title}")
    pdf.add_page()
    pdf.set_font(FONT, style="B", size=22)
    _line(pdf, 10, (site.name))
    pdf.set_font(FONT, size=14)
    _line(pdf, 8, (title))
    pdf.ln(4)
    day = None
    for item in items:
        starts = item.occurrence.starts
        if starts.date() != day:
            day = starts.date()
            pdf.ln(2)
            pdf.set_font(FONT, style="B", size=14)
            _line(pdf, 8, (date_format(day, "l j F")))
        pdf.set_font(FONT, size=12)
        line = f"{starts:%H:%M}-{item.occurrence.ends:%H:%M}  {item.activity.title}"
        if item.activity.place:
            line += f" ({item.activity.place})"
        if item.occurrence.cancelled:
            line += " - " + _("cancelled")
        _line(pdf, 7, (line))
    if not items:
        pdf.set_font(FONT, size=12)
        _line(pdf, 7, (_("Nothing planned.")))
    pdf.ln(4)
    pdf.set_font(FONT, size=8)
    printed = date_format(timezone.localtime(), "j F Y")
    _line(pdf, 5, (_("Printed on %(date)s with Coordo") % {"date": printed}))
    return bytes(pdf.output())
