"""Indicator endpoints: the catalogue, and one indicator's value with its breakdown at a site.

Coordinators (reports.view at the site) read exact values over any dates; funders and
researchers (aggregates only) read whole ended periods through disclosure control, and
only the indicators funders may see: a suppressed count answers null with `suppressed`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from coordo.access.api_auth import api_principal
from coordo.access.ids import Id
from coordo.access.policy import Perm
from coordo.disclosure import Period
from coordo.reports import queries
from coordo.reports.actions.templates import NO_SUCH_BREAKDOWN
from coordo.reports.indicators import BREAKDOWNS, indicator, indicators
from coordo.web.periods import PeriodForm

router = Router(tags=["reports"])

IndicatorCode = StrEnum(  # type: ignore[misc]
    "IndicatorCode", {item.code.replace(".", "_"): item.code for item in indicators()}
)
BreakdownCode = StrEnum("BreakdownCode", {code: code for code in BREAKDOWNS})  # type: ignore[misc]


class IndicatorOut(Schema):
    code: str
    label: str
    unit: str
    breakdowns: list[str]
    funder_visible: bool


class RowOut(Schema):
    label: str
    value: float | None
    suppressed: bool


class ValueOut(Schema):
    code: str
    label: str
    unit: str
    site_id: int
    start: date
    end: date
    aggregates_only: bool
    total: float | None
    suppressed: bool
    breakdown: str | None
    rows: list[RowOut]


def _out(item_code: str) -> IndicatorOut:
    item = indicator(item_code)
    return IndicatorOut(
        code=item.code,
        label=str(item.label),
        unit=item.unit_label,
        breakdowns=list(item.breakdowns),
        funder_visible=item.funder_visible,
    )


@router.get("/reports/indicators", response=list[IndicatorOut])
def list_indicators(request: HttpRequest) -> list[IndicatorOut]:
    principal = api_principal(request, Perm.REPORTS_AGGREGATE)
    exact = principal.can(Perm.REPORTS_VIEW)
    return [_out(item.code) for item in indicators() if exact or item.funder_visible]


def _row(label: str, value: object) -> RowOut:
    number = value if isinstance(value, int | float) else None
    return RowOut(label=label, value=number, suppressed=value is not None and number is None)


@router.get("/reports/sites/{site_id}/indicators/{code}", response=ValueOut)
def get_indicator(
    request: HttpRequest,
    site_id: Id,
    code: IndicatorCode,
    start: date | None = None,
    end: date | None = None,
    breakdown: BreakdownCode | None = None,
) -> ValueOut:
    """The value over [start, end) (the last ended year when not given), by `breakdown`."""
    principal = api_principal(request, Perm.REPORTS_AGGREGATE)
    if not principal.can(Perm.REPORTS_AGGREGATE, site_id):
        raise Http404
    exact = principal.can(Perm.REPORTS_VIEW, site_id)
    item = indicator(str(code))
    if not exact and not item.funder_visible:
        raise Http404
    today = timezone.localdate()
    period = PeriodForm(
        {"start": start or date(today.year - 1, 1, 1), "end": end or date(today.year, 1, 1)}
    )
    if not period.is_valid():
        raise ValidationError({field: errors[0] for field, errors in period.errors.items()})
    first, last = period.cleaned_data["start"], period.cleaned_data["end"]
    if not exact:
        whole = Period.whole(first, last)
        if whole is None or whole.end > today:
            raise ValidationError(
                {
                    "start": "A funders' version covers a whole month, quarter or year that has ended."
                }
            )
    if breakdown is not None and str(breakdown) not in item.breakdowns:
        raise ValidationError({"breakdown": NO_SUCH_BREAKDOWN})
    table = queries.indicator_table(
        site_id, item.code, str(breakdown or ""), first, last, funder=not exact
    )
    total, *parts = table
    return ValueOut(
        code=item.code,
        label=str(item.label),
        unit=item.unit_label,
        site_id=site_id,
        start=first,
        end=last,
        aggregates_only=not exact,
        total=_row("", total[1]).value,
        suppressed=_row("", total[1]).suppressed,
        breakdown=str(breakdown) if breakdown else None,
        rows=[_row(label, value) for label, value in parts],
    )
