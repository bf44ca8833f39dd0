"""The one validation of a period asked of a page or an export, for every app and role.

A date typed into a URL is only a date: 0001-01-01 to 9999-12-31 made the housing
figures sum 120,000 months, and 9999-12-31 plus a week overflows. Every page and
export that takes a day, a week, a month or a period reads it through a form with
`DayField`s, and a pair through `check_period`, before any query runs:

- each day from EARLIEST to YEARS_AHEAD years after today;
- a period's end after its start, and at most LONGEST_YEARS long.

Each error sits on its field, so the form shows it next to the field's label;
`refusal` turns a form's errors into the 400 answer of an export, one "parameter: reason"
line each. What a role may ask on top composes with it: funders and researchers get
whole ended periods only (coordo.disclosure, housing's WholePeriodForm), checked
after these bounds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coordo.access.http import AuthedRequest
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.web.sites import current_site

EARLIEST = date(2000, 1, 1)  # before Coordo and before any record a house keeps
YEARS_AHEAD = 2  # a planning, an on-call rota or a closure is set at most this far ahead
LONGEST_YEARS = 5  # the longest period a page or an export computes (5 years: 2-3 s on SQLite)


def years_after(day: date, years: int) -> date:
    """The same day `years` later (28 February for a 29 February that has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def latest(today: date | None = None) -> date:
    """The last day a period may reach."""
    return years_after(today or timezone.localdate(), YEARS_AHEAD)


def _day(value: date) -> str:
    return f"{value:%d/%m/%Y}"


class DayInput(forms.DateInput):
    """A date picker that offers the days a `DayField` accepts, computed when it is shown."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format=format or "%Y-%m-%d")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        bounds = context["widget"]["attrs"]
        if self.input_type == "month":
            bounds.setdefault("min", f"{EARLIEST:%Y-%m}")
            bounds.setdefault("max", f"{latest():%Y-%m}")
        else:
            bounds.setdefault("min", EARLIEST.isoformat())
            bounds.setdefault("max", latest().isoformat())
        return context


class MonthInput(DayInput):
    input_type = "month"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format=format or "%Y-%m")


class DayField(forms.DateField):
    """A day from EARLIEST to YEARS_AHEAD years after today, or an error on the field."""

    widget = DayInput

    def validate(self, value: date | None) -> None:
        super().validate(value)
        if value is not None and not EARLIEST <= value <= latest():
            raise forms.ValidationError(
                _("Choose a date from %(earliest)s to %(latest)s."),
                code="implausible_date",
                params={"earliest": _day(EARLIEST), "latest": _day(latest())},
            )


class MonthField(DayField):
    """A month written 2026-11, as its first day."""

    widget = MonthInput
    input_formats = ["%Y-%m"]

    def to_python(self, value: Any) -> date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else None


def check_period(
    form: forms.BaseForm,
    start: str = "start",
    end: str = "end",
    *,
    end_excluded: bool = True,
    longest_years: int = LONGEST_YEARS,
) -> None:
    """From a form's clean(): the end after the start, the period at most `longest_years`.

    The days themselves were bounded by their `DayField`s; a missing or refused one is
    already an error on its field, so nothing more is said of the pair.
    """
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first is None or last is None:
        return
    if last < first or (end_excluded and last == first):
        form.add_error(end, _("The end must come after the start."))
    elif last > years_after(first, longest_years):
        form.add_error(
            end,
            ngettext(
                "A period is at most %(years)d year long: choose a later start or an earlier end.",
                "A period is at most %(years)d years long: choose a later start or an earlier end.",
                longest_years,
            )
            % {"years": longest_years},
        )


def refusal(form: forms.BaseForm) -> HttpResponseBadRequest:
    """An export's answer to a refused period: 400, one "parameter: reason" line per error,
    named as in the URL the caller wrote."""
    lines = [
        f"{name}: {' '.join(map(str, errors))}" if name != "__all__" else " ".join(map(str, errors))
        for name, errors in form.errors.items()
    ]
    return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")


class PeriodForm(forms.Form):
    """Free dates [start, end), as coordinators read figures over them."""

    start = DayField(label=_("From"))
    end = DayField(label=_("Until (excluded)"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_period(self)
        return data


def asked_period(request: HttpRequest) -> tuple[PeriodForm, date | None, date | None]:
    """The dates a figures page was asked for (the last twelve whole months when none), or
    None and the form with its errors."""
    today = timezone.localdate()
    default = {"start": date(today.year - 1, today.month, 1), "end": today.replace(day=1)}
    form = PeriodForm(default | request.GET.dict())
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, None, None


def period_query(start: date, end: date) -> str:
    """The query string that asks for the period again: a figures page's export links."""
    return urlencode({"start": start.isoformat(), "end": end.isoformat()})


def period_page(
    request: AuthedRequest,
    perm: Perm,
    template: str,
    shown: Callable[[Site, date, date], Mapping[str, object]],
) -> HttpResponse:
    """A figures page of the current site (where the role holds `perm`) over the period asked:
    `template` with the site, the form, the `query` of its export links and `shown(site, start,
    end)`; a refused period shows the form and its errors, answering 400."""
    site = current_site(request, perm)
    form, start, end = asked_period(request)
    if start is None or end is None:
        return render(request, template, {"site": site, "form": form}, status=400)
    context = {"site": site, "form": form, "query": period_query(start, end)}
    return render(request, template, context | dict(shown(site, start, end)))


def period_export(
    request: AuthedRequest, perm: Perm, export: Callable[[Site, date, date], HttpResponse]
) -> HttpResponse:
    """The export of a figures page: `export(site, start, end)` over the period asked, or the
    400 of a refused one."""
    site = current_site(request, perm)
    form, start, end = asked_period(request)
    if start is None or end is None:
        return refusal(form)
    return export(site, start, end)


def asked_day(form: forms.Form, field: str, default: date) -> tuple[date, bool]:
    """The day a page's picker asks for (`field` of `form`, bound to the GET query), or
    `default` when none is given or it is refused; and whether it was refused, for the
    page to answer 400 with the form and its error shown."""
    refused = not form.is_valid()
    return (None if refused else form.cleaned_data[field]) or default, refused
