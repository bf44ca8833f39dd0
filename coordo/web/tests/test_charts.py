"""One chart definition: the spec drawn on the server (SVG, PNG) and embedded in a page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from coordo.web.charts import Chart, Sparkline, to_png, to_svg

ROWS = [{"month": "2025-01", "nights": 1234}, {"month": "2025-02", "nights": 987}]


def nights_chart() -> Chart:
    return Chart(
        title="Nights per month",
        rows=ROWS,
        x="month",
        y="nights",
        x_title="Month",
        y_title="Nights",
        element_id="nights",
    )


def test_the_spec_carries_the_rows_as_data():
    spec = nights_chart().spec()
    assert spec["data"] == {"values": ROWS}
    assert spec["$schema"].endswith("/v6.4.json")
    assert spec["title"] == "Nights per month"


def test_the_svg_drawn_on_the_server_shows_every_value():
    svg = to_svg(nights_chart().spec())
    assert svg.startswith("<svg")
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert {"1234", "987", "2025-01", "2025-02", "Nights per month"} <= set(labels)


def test_the_png_is_an_image():
    assert to_png(nights_chart().spec())[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_sparkline_has_no_axes():
    spec = Sparkline(title="Requests", values=[3, 5, 4]).spec()
    assert spec["data"]["values"] == [{"i": 0, "v": 3}, {"i": 1, "v": 5}, {"i": 2, "v": 4}]
    assert spec["encoding"]["x"]["axis"] is None


def test_the_page_embeds_the_spec_as_data_not_as_a_script():
    html = render_to_string("charts/chart.html", {"chart": nights_chart()})
    assert 'data-chart="nights-spec"' in html
    found = re.search(r'<script id="nights-spec" type="application/json">(.*?)</script>', html)
    assert found is not None
    assert json.loads(found.group(1)) == nights_chart().spec()


def test_the_chart_libraries_are_vendored_with_their_licences():
    html = render_to_string("charts/scripts.html", {"csp_nonce": "n0nce"})
    sources = re.findall(r'<script src="/static/([^"]+)" nonce="n0nce" defer></script>', html)
    assert len(sources) == 5
    static = Path(settings.BASE_DIR) / "coordo" / "static"
    assert all((static / source).is_file() for source in sources)
    assert all("//" not in source for source in sources)
    for library in ("vega", "vega-lite", "vega-embed", "vega-interpreter"):
        assert (static / "vendor" / "vega" / f"LICENSE.{library}").is_file()
