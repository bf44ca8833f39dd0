"""The figures page of a site and its CSV / XLSX export."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.disclosure import Period, Suppressed
from coordo.housing.figures import Figures, aggregate_sites, compute, number, protected_figures
from coordo.housing.forms import WholePeriodForm, last_ended_month
from coordo.web.charts import Chart
from coordo.web.periods import period_export, period_page, refusal
from coordo.web.tabular import export_response

CHART_HEIGHT = 120
LEGEND = gettext_lazy(
    "x: suppressed to protect privacy. Every count under 5, 0 included, is suppressed, and "
    "so are other counts chosen so that none of them can be worked out from the figures "
    "shown for this or any other month, quarter or year, now or earlier. A rate or a "
    "length of stay resting on a suppressed count is suppressed too. Periods are whole "
    "months, quarters or years that have ended."
)


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


def _whole_period(request: AuthedRequest) -> tuple[WholePeriodForm, Period | None]:
    today = timezone.localdate()
    form = WholePeriodForm(request.GET or {"period": last_ended_month(today).code}, today=today)
    return form, form.cleaned_data["whole"] if form.is_valid() else None


def _shown(figures: Figures) -> dict[str, object]:
    """The page's figures, its table by month and its chart."""
    highest = max([number(row.value) for row in figures.nights_by_month] + [1])
    months = [
        (
            index * 40 + 4,
            row.label,
            row.value,
            entries,
            exits,
            round(CHART_HEIGHT * number(row.value) / highest),
        )
        for index, (row, (_month, entries, exits)) in enumerate(
            zip(figures.nights_by_month, figures.entries_exits, strict=True)
        )
    ]
    nights_chart = Chart(
        title=_("Nights per month"),
        x="month",
        y="nights",
        x_title=_("Month"),
        y_title=_("Nights"),
        rows=[
            {"month": row.label, "nights": row.value if isinstance(row.value, int) else None}
            for row in figures.nights_by_month
        ],
    )
    return {
        "figures": figures,
        "months": months,
        "chart_width": 40 * len(months),
        "chart_height": CHART_HEIGHT,
        "nights_chart": nights_chart,
    }


def _export(
    request: AuthedRequest, site: Site, figures: Figures, *, legend: str | None = None
) -> HttpResponse:
    rows = [(figure, label, export_value(value)) for figure, label, value in table(figures)]
    name = f"housing-figures-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}"
    header = (_("Figure"), _("Label"), _("Value"))
    lines = [*([(legend,)] if legend else []), header, *rows]
    response = export_response(request, lines, name=name, title=_("Figures"))
    if response.status_code == 200:  # a refused separator exported nothing
        audit.record(
            AuditAction.EXPORT,
            principal=principal_of(request),
            object_type="housing.figures",
            site_id=site.pk,
        )
    return response


def export_value(value: object) -> object:
    """A suppressed figure leaves the file as its mark, the one the page shows."""
    return str(value) if isinstance(value, Suppressed) else value


@require_perm(Perm.HOUSING_FIGURES)
def figures_page(request: AuthedRequest) -> HttpResponse:
    def shown(site: Site, start: date, end: date) -> dict[str, object]:
        export_url = reverse("housing_figures_export")
        return {"export_url": export_url, **_shown(compute(site.pk, start, end))}

    return period_page(request, Perm.HOUSING_FIGURES, "housing/figures.html", shown)


@require_perm(Perm.HOUSING_FIGURES)
def figures_export(request: AuthedRequest) -> HttpResponse:
    def export(site: Site, start: date, end: date) -> HttpResponse:
        return _export(request, site, compute(site.pk, start, end))

    return period_export(request, Perm.HOUSING_FIGURES, export)


def _aggregate_site(request: AuthedRequest, site_id: int) -> Site:
    """A site where the user holds aggregates: funders and researchers, and coordinators."""
    return get_object_or_404(aggregate_sites(principal_of(request)), pk=site_id)


@require_perm(Perm.REPORTS_AGGREGATE)
def figures_aggregate(request: AuthedRequest, site_id: int) -> HttpResponse:
    """The figures of a whole period, through disclosure control, and no person behind them."""
    site = _aggregate_site(request, site_id)
    form, period = _whole_period(request)
    if period is None:
        context = {"site": site, "form": form, "aggregate": True, "legend": LEGEND}
        return render(request, "housing/figures.html", context, status=400)
    figures = protected_figures(site.pk, period, today=timezone.localdate())
    context = {
        "site": site,
        "form": form,
        "export_url": reverse("housing_figures_aggregate_export", args=[site.pk]),
        "aggregate": True,
        "query": urlencode({"period": period.code}),
        "legend": LEGEND,
        **_shown(figures),
    }
    return render(request, "housing/figures.html", context)


@require_perm(Perm.REPORTS_AGGREGATE)
def figures_aggregate_export(request: AuthedRequest, site_id: int) -> HttpResponse:
    site = _aggregate_site(request, site_id)
    form, period = _whole_period(request)
    if period is None:
        return refusal(form)
    figures = protected_figures(site.pk, period, today=timezone.localdate())
    return _export(request, site, figures, legend=str(LEGEND))
