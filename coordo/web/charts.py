"""One chart definition for the browser and the documents: a Vega-Lite spec built in Python.

The page embeds the spec (`{% include "charts/chart.html" with chart=… %}`) and the vendored
vega, vega-lite and vega-embed draw it (static/coordo/charts.js, under the site's CSP: no
inline script, expressions read by vega's interpreter, never `eval`). PDF and Word read the
same spec drawn on the server by vl-convert (`to_svg`, `to_png`), with no network.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import vl_convert

# The Vega-Lite version vendored in static/vendor/vega/ and the one vl-convert draws with.
VEGA_LITE_VERSION = "6.4"
SCHEMA = f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE_VERSION}.json"
# The bundled fonts first (their names in PDF, coordo/web/fonts.py), then the browser's.
FONT = "Coordo Latin, Coordo Arabic, Coordo Ethiopic, Noto Sans, DejaVu Sans, sans-serif"

Kind = Literal["bar", "line", "area"]
_ids = itertools.count(1)


@dataclass(frozen=True)
class Embedded:
    """What charts/chart.html embeds: its element's id, its spec's beside it, its CSS class."""

    element_id: str = field(default_factory=lambda: f"chart-{next(_ids)}", kw_only=True)
    css_class = ""

    @property
    def spec_id(self) -> str:
        return f"{self.element_id}-spec"


@dataclass(frozen=True)
class Chart(Embedded):
    """A chart of one measure (`y`) over one category or time (`x`), optionally split by `series`.

    `rows` are plain values (str, int, float): the same rows are the table beside the chart.
    """

    title: str
    rows: Sequence[Mapping[str, Any]]
    x: str
    y: str
    x_title: str = ""
    y_title: str = ""
    kind: Kind = "bar"
    series: str | None = None
    series_title: str = ""
    temporal: bool = False
    width: int = 480
    height: int = 240

    def spec(self) -> dict[str, Any]:
        return chart_spec(self)


@dataclass(frozen=True)
class Sparkline(Embedded):
    """A dashboard tile's last months, as a small line without axes."""

    title: str
    values: Sequence[float | int | None]
    css_class = "sparkline"

    def spec(self) -> dict[str, Any]:
        return sparkline_spec(self.values, label=self.title)


def chart_spec(chart: Chart) -> dict[str, Any]:
    x_type = "temporal" if chart.temporal else ("ordinal" if chart.kind != "bar" else "nominal")
    encoding: dict[str, Any] = {
        "x": {
            "field": chart.x,
            "type": x_type,
            "title": str(chart.x_title),
            "sort": None,
            "axis": (
                {"format": "%b %Y"}
                if chart.temporal
                else {"labelAngle": 0 if len(chart.rows) <= 6 else -45, "labelLimit": 160}
            ),
        },
        "y": {"field": chart.y, "type": "quantitative", "title": str(chart.y_title)},
        "tooltip": [
            {"field": chart.x, "type": x_type, "title": str(chart.x_title)},
            {"field": chart.y, "type": "quantitative", "title": str(chart.y_title)},
        ],
    }
    if chart.series:
        encoding["color"] = {
            "field": chart.series,
            "type": "nominal",
            "title": str(chart.series_title),
        }
        encoding["tooltip"].append(
            {"field": chart.series, "type": "nominal", "title": str(chart.series_title)}
        )
        if chart.kind == "bar":
            encoding["xOffset"] = {"field": chart.series}
    mark: dict[str, Any] = {"type": chart.kind, "tooltip": True}
    if chart.kind == "line":
        mark["point"] = True
    # The values written on the marks: readable in print, and findable in the SVG's text.
    label_encoding = {key: value for key, value in encoding.items() if key != "tooltip"}
    label_encoding["text"] = {"field": chart.y, "type": "quantitative"}
    label = {
        "mark": {"type": "text", "dy": -6, "fontSize": 10, "font": FONT},
        "encoding": label_encoding,
    }
    return {
        "$schema": SCHEMA,
        "title": str(chart.title),
        "width": chart.width,
        "height": chart.height,
        "data": {"values": [plain_row(row) for row in chart.rows]},
        "layer": [{"mark": mark, "encoding": encoding}, label],
        "config": {"font": FONT, "view": {"stroke": None}},
    }


def sparkline_spec(values: Iterable[float | int | None], *, label: str = "") -> dict[str, Any]:
    """A small line without axes: a dashboard tile's last months."""
    return {
        "$schema": SCHEMA,
        "description": str(label),
        "width": 120,
        "height": 28,
        "padding": 2,
        "data": {"values": [{"i": i, "v": v} for i, v in enumerate(values)]},
        "mark": {"type": "line", "point": {"size": 12}, "strokeWidth": 1.5},
        "encoding": {
            "x": {"field": "i", "type": "ordinal", "axis": None},
            "y": {"field": "v", "type": "quantitative", "axis": None, "scale": {"zero": False}},
        },
        "config": {"view": {"stroke": None}},
    }


def plain_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """JSON values only: lazy translations become text, dates their ISO form."""
    plain: dict[str, Any] = {}
    for key, value in row.items():
        if value is None or isinstance(value, bool | int | float):
            plain[key] = value
        elif hasattr(value, "isoformat"):
            plain[key] = value.isoformat()
        else:
            plain[key] = str(value)
    return plain


def to_svg(spec: Mapping[str, Any]) -> str:
    """The chart as SVG text, drawn on the server without network (PDF)."""
    return vl_convert.vegalite_to_svg(dict(spec), vl_version=VEGA_LITE_VERSION)


def to_png(spec: Mapping[str, Any], *, scale: float = 2) -> bytes:
    """The chart as a PNG image (Word documents), twice the pixels for print by default."""
    return vl_convert.vegalite_to_png(dict(spec), vl_version=VEGA_LITE_VERSION, scale=scale)


@dataclass(frozen=True)
class Drawn(Embedded):
    """A spec already built (an archived report's), to embed with charts/chart.html."""

    title: str
    built: Mapping[str, Any] = field(repr=False)

    def spec(self) -> Mapping[str, Any]:
        return self.built
