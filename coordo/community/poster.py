"""The programme as an A4 poster for the door: a week or a month, day by day.

fpdf2's core fonts, as the planning's printout (whose `latin1` fallback this reuses).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from coordo.access.models import Site
from coordo.community.queries import Scheduled
from coordo.planning.views.printout import FONT, latin1


def _line(pdf: FPDF, height: float, text: str) -> None:
    pdf.multi_cell(0, height, text, new_x="LMARGIN", new_y="NEXT")


def render(site: Site, title: str, items: list[Scheduled]) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_compression(False)
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(latin1(f"{site.name} - {title}"))
    pdf.add_page()
    pdf.set_font(FONT, style="B", size=22)
    _line(pdf, 10, latin1(site.name))
    pdf.set_font(FONT, size=14)
    _line(pdf, 8, latin1(title))
    pdf.ln(4)
    day = None
    for item in items:
        starts = item.occurrence.starts
        if starts.date() != day:
            day = starts.date()
            pdf.ln(2)
            pdf.set_font(FONT, style="B", size=14)
            _line(pdf, 8, latin1(date_format(day, "l j F")))
        pdf.set_font(FONT, size=12)
        line = f"{starts:%H:%M}-{item.occurrence.ends:%H:%M}  {item.activity.title}"
        if item.activity.place:
            line += f" ({item.activity.place})"
        if item.occurrence.cancelled:
            line += " - " + _("cancelled")
        _line(pdf, 7, latin1(line))
    if not items:
        pdf.set_font(FONT, size=12)
        _line(pdf, 7, latin1(_("Nothing planned.")))
    pdf.ln(4)
    pdf.set_font(FONT, size=8)
    printed = date_format(timezone.localtime(), "j F Y")
    _line(pdf, 5, latin1(_("Printed on %(date)s with Coordo") % {"date": printed}))
    return bytes(pdf.output())
