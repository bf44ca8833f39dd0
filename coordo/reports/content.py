"""A report's content: its template's sections computed over a period, as plain data.

The content is what every output shows: the web page, the PDF, the XLSX and the DOCX all
read the same dict (stored with the archived report), so their numbers are the same.
Data quality comes first; a funders' version drops it and every figure funders may not
see, and puts every count of every table of the report through disclosure control
together (with the previous period's), so two tables cannot be subtracted either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coordo import disclosure
from coordo.disclosure import Period
from coordo.reports.indicators import (
    BREAKDOWNS,
    FIELD_CHECKS,
    Indicator,
    Number,
    Scope,
    Value,
    computed_together,
    indicator,
)
from coordo.reports.models import SectionKind
from coordo.web.charts import Chart

SUPPRESSED = str(disclosure.SUPPRESSED)
Cell = int | float | str | None


@dataclass(frozen=True)
class SectionPlan:
    """A template's section, read from its row or from a shipped template."""

    kind: str
    title: str
    indicators: tuple[str, ...] = ()
    breakdown: str = ""
    text: str = ""


def period_label(start: date, end: date) -> str:
    whole = Period.whole(start, end)
    if whole is not None:
        return whole.code
    last = end - timedelta(days=1)
    return f"{date_format(start, 'SHORT_DATE_FORMAT')} – {date_format(last, 'SHORT_DATE_FORMAT')}"


class _Values:
    """Each indicator computed once per (period, breakdown), whatever the sections asking."""

    def __init__(self, scope: Scope) -> None:
        self.scope, self.previous = scope, scope.previous()
        self._cache: dict[tuple[str, str, int], Value] = {}

    def back(self, periods: int) -> Scope:
        """The period `periods` before this one (0: this one)."""
        scope = self.scope
        for _step in range(periods):
            scope = scope.previous()
        return scope

    def get(self, code: str, breakdown: str = "", *, back: int = 0) -> Value:
        key = (code, breakdown, back)
        if key not in self._cache:
            self._cache[key] = indicator(code).value(self.back(back), breakdown or None)
        return self._cache[key]


def period_key(back: int) -> str:
    """How a count of a period is named for disclosure control: this one, the one before…"""
    return {0: "current", 1: "previous"}.get(back, f"back{back}")


def build(
    *,
    title: str,
    site_names: Sequence[str],
    scope: Scope,
    sections: Iterable[SectionPlan],
    funder: bool = False,
) -> dict[str, Any]:
    """The report as plain data (JSON): every output renders it as it is."""
    with computed_together():  # each domain read once per period, whatever the sections
        return _build(title, site_names, scope, sections, funder=funder)


def _build(
    title: str,
    site_names: Sequence[str],
    scope: Scope,
    sections: Iterable[SectionPlan],
    *,
    funder: bool,
) -> dict[str, Any]:
    values = _Values(scope)
    plans = [plan for plan in sections if plan.kind in SectionKind.values]
    if funder:
        plans = [_funder_plan(plan) for plan in plans]
    raw = [_section(plan, values) for plan in plans]
    used = [code for plan in plans for code in plan.indicators]
    body = ([] if funder else [_quality(used, scope)]) + raw
    if funder:
        body = _protect(body, scope)
    content: dict[str, Any] = {
        "title": title,
        "sites": list(site_names),
        "start": scope.start.isoformat(),
        "end": scope.end.isoformat(),
        "period": period_label(scope.start, scope.end),
        "previous_period": period_label(values.previous.start, values.previous.end),
        "funder": funder,
        "sections": body,
    }
    for section in content["sections"]:
        if section["kind"] == SectionKind.CHART and section.get("chart"):
            section["spec"] = _chart_spec(section)
    content["data_version"] = data_version(content)
    return content


def data_version(content: dict[str, Any]) -> str:
    """A fingerprint of the figures: the same data gives the same version."""
    figures = json.dumps(content["sections"], sort_keys=True, default=str)
    return hashlib.sha256(figures.encode()).hexdigest()[:16]


def _funder_plan(plan: SectionPlan) -> SectionPlan:
    codes = tuple(code for code in plan.indicators if indicator(code).funder_visible)
    return SectionPlan(plan.kind, plan.title, codes, plan.breakdown, plan.text)


def _number(value: Number) -> Cell:
    return value


def _table(plan: SectionPlan, values: _Values) -> dict[str, Any]:
    header = [_("Indicator"), _("Unit"), _("Value")]
    rows: list[dict[str, Any]] = []
    for code in plan.indicators:
        found = indicator(code)
        breakdown = plan.breakdown if plan.breakdown in found.breakdowns else ""
        value = values.get(code, breakdown)
        rows.append(_row(found, str(found.label), value.total, key=(code, "")))
        for label, part in value.rows:
            rows.append(_row(found, label, part, key=(code, label), level=1))
    return {"header": header, "rows": rows, "breakdown": plan.breakdown}


def _row(
    found: Indicator, label: str, value: Number, *, key: tuple[str, str], level: int = 0
) -> dict[str, Any]:
    return {
        "cells": [label, found.unit_label, _number(value)],
        "level": level,
        "key": list(key),
        "count": found.count,
        "rests_on": found.rests_on,
    }


def _section(plan: SectionPlan, values: _Values) -> dict[str, Any]:
    section: dict[str, Any] = {"kind": plan.kind, "title": plan.title}
    if plan.kind == SectionKind.NARRATIVE:
        section["text"] = plan.text
    elif plan.kind == SectionKind.TABLE:
        section |= _table(plan, values)
    elif plan.kind == SectionKind.CHART:
        section |= _table(plan, values)
        code = plan.indicators[0] if plan.indicators else ""
        if code:
            section["chart"] = {
                "x_title": str(BREAKDOWNS.get(plan.breakdown, "")),
                "y_title": indicator(code).unit_label,
                "line": plan.breakdown == "month",
            }
    elif plan.kind in (SectionKind.COMPARISON, SectionKind.YEARS):
        comparison = plan.kind == SectionKind.COMPARISON
        periods = [1, 0] if comparison else [2, 1, 0]
        labels = (
            [_("Previous period"), _("This period")]
            if comparison
            else [period_label(values.back(n).start, values.back(n).end) for n in periods]
        )
        section["header"] = [_("Indicator"), _("Unit"), *labels]
        if comparison:
            section["header"].append(_("Change (%)"))
        section["rows"] = []
        for code in plan.indicators:
            found = indicator(code)
            totals: list[Cell] = [values.get(code, back=n).total for n in periods]
            cells: list[Cell] = [str(found.label), found.unit_label, *totals]
            if comparison:
                cells.append(_change(totals[0], totals[1]))
            section["rows"].append(
                {
                    "cells": cells,
                    "level": 0,
                    "keys": [[code, "", period_key(n)] for n in periods],
                    "change": comparison,
                    "count": found.count,
                    "rests_on": found.rests_on,
                }
            )
    return section


def _change(before: Cell, now: Cell) -> Cell:
    if not isinstance(before, int | float) or not isinstance(now, int | float) or not before:
        return None
    return round(100 * (now - before) / before, 1)


def _quality(codes: Iterable[str], scope: Scope) -> dict[str, Any]:
    """The share of records missing each field the report's indicators rest on."""
    checks = list(dict.fromkeys(check for code in codes for check in indicator(code).fields))
    rows = []
    for code in checks:
        check = FIELD_CHECKS[code]
        missing, every = check.count(scope)
        share = round(100 * missing / every, 1) if every else None
        rows.append(
            {
                "cells": [str(check.label), missing, every, share],
                "level": 0,
                "link": reverse(check.fix_url) if check.fix_url and missing else "",
            }
        )
    return {
        "kind": "quality",
        "title": _("Data quality"),
        "header": [
            _("Field"),
            _("Records missing it"),
            _("Records counted"),
            _("Share missing (%)"),
        ],
        "rows": rows,
    }


def _chart_spec(section: dict[str, Any]) -> dict[str, Any]:
    meta = section["chart"]
    rows = [
        {
            "label": row["cells"][0],
            "value": row["cells"][2] if isinstance(row["cells"][2], int | float) else None,
        }
        for row in section["rows"]
        if row["level"] == 1
    ] or [
        {
            "label": row["cells"][0],
            "value": row["cells"][2] if isinstance(row["cells"][2], int | float) else None,
        }
        for row in section["rows"]
    ]
    chart = Chart(
        title=section["title"],
        rows=rows,
        x="label",
        y="value",
        x_title=meta["x_title"],
        y_title=meta["y_title"],
        kind="line" if meta["line"] else "bar",
    )
    return chart.spec()


def _protect(sections: list[dict[str, Any]], scope: Scope) -> list[dict[str, Any]]:
    """Every count of the report's tables through disclosure control, together.

    A table's breakdown adds up to its total (a Sum relation the reader knows); the same
    count in two sections is one cell, so comparing them tells nothing more. A rate or an
    average is shown only where the count it rests on is.
    """
    cells: dict[Any, int] = {}
    relations: list[disclosure.Relation] = []
    for section in sections:
        for row in section.get("rows", []):
            if not row.get("count"):
                continue
            for key, value in _count_cells(row):
                if isinstance(value, int):
                    cells[key] = value
        totals: dict[str, list[Any]] = {}
        for row in section.get("rows", []):
            if row.get("count") and "key" in row and row["level"] == 1:
                totals.setdefault(row["key"][0], []).append(
                    (row["key"][0], row["key"][1], "current")
                )
        relations += [
            disclosure.Sum((code, "", "current"), tuple(parts)) for code, parts in totals.items()
        ]
    tables = [disclosure.Table("report", cells, relations)]
    protection = disclosure.protect(tables)

    def shown(key: Any) -> Cell:
        return protection.values[key] if protection.is_published(key) else SUPPRESSED

    for section in sections:
        for row in section.get("rows", []):
            if row.get("count"):
                if "key" in row:
                    row["cells"][2] = shown((row["key"][0], row["key"][1], "current"))
                else:
                    shown_values = [shown(tuple(key)) for key in row["keys"]]
                    width = len(shown_values)
                    row["cells"][2 : 2 + width] = shown_values
                    if row.get("change"):
                        row["cells"][2 + width] = _change(shown_values[-2], shown_values[-1])
            elif row.get("rests_on"):
                periods = [key[2] for key in row["keys"]] if "keys" in row else ["current"]
                under = [(row["rests_on"], "", period) for period in periods]
                if not all(protection.is_published(key) for key in under):
                    width = len(row["cells"]) - 2
                    row["cells"][2:] = [SUPPRESSED] * width
            else:
                row["cells"][2:] = [SUPPRESSED] * (len(row["cells"]) - 2)
    return sections


def _count_cells(row: dict[str, Any]) -> list[tuple[Any, Any]]:
    if "key" in row:
        return [((row["key"][0], row["key"][1], "current"), row["cells"][2])]
    return [(tuple(key), row["cells"][2 + index]) for index, key in enumerate(row["keys"])]


def display(cell: Cell) -> str:
    """A cell as every output writes it: the same digits on the page, in PDF and in Word."""
    if cell is None:
        return "–"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def tables(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The sections that hold a table (data quality, tables, charts' tables, comparisons)."""
    return [section for section in content["sections"] if section.get("header")]
