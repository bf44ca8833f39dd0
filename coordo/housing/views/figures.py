"""The figures page of a site and its CSV / XLSX export."""

from __future__ import annotations

import csv
from datetime import date
from io import BytesIO

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.housing.figures import Figures, compute
from coordo.housing.forms import PeriodForm
from coordo.housing.views.common import site_for

CHART_HEIGHT = 120


def _period(request: AuthedRequest) -> tuple[PeriodForm, date, date]:
    today = timezone.localdate()
    default_start = date(today.year - 1, today.month, 1)
    default_end = date(today.year, today.month, 1)
    form = PeriodForm(request.GET or {"start": default_start, "end": default_end})
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default_start, default_end


def table(figures: Figures) -> list[tuple[str, str, object]]:
    """Every figure as (figure, label, value) rows: one shape for CSV and XLSX."""
    rows: list[tuple[str, str, object]] = [
        (_("Nights"), _("Total"), figures.nights),
        (_("Capacity"), _("Bed-nights available"), figures.capacity_nights),
        (_("Occupancy rate (%)"), _("Total"), figures.occupancy_rate),
        (_("Length of stay (nights)"), _("Average"), figures.average_length),
        (_("Length of stay (nights)"), _("Median"), figures.median_length),
    ]
    rows += [(_("Nights"), row.label, row.value) for row in figures.nights_by_month]
    for month, entries, exits in figures.entries_exits:
        rows += [(_("Entries"), f"{month:%Y-%m}", entries), (_("Exits"), f"{month:%Y-%m}", exits)]
    for name, values in (
        (_("Exits by destination"), figures.exits_by_destination),
        (_("Persons by age"), figures.persons_by_age),
        (_("Persons by sex"), figures.persons_by_sex),
        (_("Households by type"), figures.households_by_type),
    ):
        rows += [(name, row.label, row.value) for row in values]
    return rows


@require_perm(Perm.HOUSING_FIGURES)
def figures_page(request: AuthedRequest) -> HttpResponse:
    site = site_for(request, Perm.HOUSING_FIGURES)
    form, start, end = _period(request)
    figures = compute(site.pk, start, end)
    highest = max([int(row.value) for row in figures.nights_by_month] + [1])
    months = [
        (
            index * 40 + 4,
            row.label,
            row.value,
            entries,
            exits,
            round(CHART_HEIGHT * int(row.value) / highest),
        )
        for index, (row, (_month, entries, exits)) in enumerate(
            zip(figures.nights_by_month, figures.entries_exits, strict=True)
        )
    ]
    context = {
        "form": form, "figures": figures, "months": months, "chart_width": 40 * len(months),
        "chart_height": CHART_HEIGHT,
    }  # fmt: skip
    return render(request, "housing/figures.html", context)


@require_perm(Perm.HOUSING_FIGURES)
def figures_export(request: AuthedRequest) -> HttpResponse:
    site = site_for(request, Perm.HOUSING_FIGURES)
    _form, start, end = _period(request)
    rows = table(compute(site.pk, start, end))
    audit.record(
        AuditAction.EXPORT,
        principal=principal_of(request),
        object_type="housing.figures",
        site_id=site.pk,
    )
    name = f"housing-figures-{start:%Y%m%d}-{end:%Y%m%d}"
    header = (_("Figure"), _("Label"), _("Value"))
    if request.GET.get("format") == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = _("Figures")[:31]
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        buffer = BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response
