"""The report as PDF: the print template through WeasyPrint, charts as SVG, fonts embedded."""

from __future__ import annotations

import logging
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from coordo.web import fonts
from coordo.web.charts import to_svg


def render(content: dict[str, Any]) -> bytes:
    # Imported here: WeasyPrint is slow to load and logs every step at INFO.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    charts = {
        index: mark_safe(to_svg(section["spec"]))  # noqa: S308  (drawn by vl-convert from our spec)
        for index, section in enumerate(content["sections"])
        if section.get("spec")
    }
    html = render_to_string("reports/document.html", {"content": content, "charts": charts})
    # The bundled fonts, embedded (subset) in the file: @font-face needs a font configuration.
    font_config = FontConfiguration()
    style = CSS(
        string=fonts.font_face_css() + f"\nbody {{ font-family: {fonts.CSS_STACK}; }}",
        font_config=font_config,
    )
    return HTML(string=html).write_pdf(stylesheets=[style], font_config=font_config) or b""
