"""The prevention figures of the current site, as a page and as CSV/XLSX."""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.incidents import queries
from coordo.incidents.figures import Figures, compute, protected_year
from coordo.incidents.forms import YearForm
from coordo.web.charts import Chart
from coordo.web.periods import period_export, period_page
from coordo.web.tabular.writing import export_response

WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)


def table(figures: Figures) -> list[list[object]]:
    rows: list[list[object]] = [[_("Figure"), _("Label"), _("Value")]]
    rows.append([_("Incidents"), _("Total"), figures.total])
    rows += [[_("By type"), label, n] for label, n in figures.by_type]
    rows += [[_("By severity"), label, n] for label, n in figures.by_severity]
    rows += [[_("By place"), label, n] for label, n in figures.by_place]
    for day, hours in zip(WEEKDAYS, figures.heat, strict=True):
        rows += [
            [_("Weekday × hour"), f"{_(day)} {hour:02d}h", n] for hour, n in enumerate(hours) if n
        ]
    rows.append([_("Time to acknowledgement (minutes)"), _("Median"), figures.ack_median_minutes])
    rows.append(
        [_("Time to acknowledgement (minutes)"), _("90th percentile"), figures.ack_p90_minutes]
    )
    rows.append([_("Follow-up actions"), _("Open"), figures.open_actions])
    return rows


def _shown(site: Site, start: date, end: date) -> dict[str, object]:
    figures = compute(site.pk, start, end)
    peak = max((n for hours in figures.heat for n in hours), default=0) or 1
    heat = [
        (_(day), [(n, round(100 * n / peak)) for n in hours])
        for day, hours in zip(WEEKDAYS, figures.heat, strict=True)
    ]
    charts = [
        Chart(
            title=_("By type"),
            x="type",
            y="count",
            x_title=_("Type"),
            y_title=_("Incidents"),
            rows=[{"type": label, "count": n} for label, n in figures.by_type],
        ),
        Chart(
            title=_("Weekday × hour"),
            x="hour",
            y="count",
            series="weekday",
            x_title=_("Hours"),
            y_title=_("Incidents"),
            series_title=_("Weekday"),
            rows=[
                {"hour": hour, "count": n, "weekday": str(_(day))}
                for day, hours in zip(WEEKDAYS, figures.heat, strict=True)
                for hour, n in enumerate(hours)
            ],
        ),
    ]
    return {"figures": figures, "heat": heat, "hours": range(24), "charts": charts}


@require_perm(Perm.INCIDENT_VIEW)
def incident_figures(request: AuthedRequest) -> HttpResponse:
    return period_page(request, Perm.INCIDENT_VIEW, "incidents/figures.html", _shown)


@require_perm(Perm.INCIDENT_VIEW)
def incident_figures_export(request: AuthedRequest) -> HttpResponse:
    def export(site: Site, start: date, end: date) -> HttpResponse:
        lines = table(compute(site.pk, start, end))
        return export_response(
            request, lines, name=f"incidents-{start}-{end}", title=_("Incidents")
        )

    return period_export(request, Perm.INCIDENT_VIEW, export)


@require_perm(Perm.REPORTS_AGGREGATE)
def incident_figures_aggregate(request: AuthedRequest, site_id: int) -> HttpResponse:
    """Funders and researchers: a whole ended year, through the shared small-cell rule."""
    site = get_object_or_404(queries.aggregate_sites(principal_of(request)), pk=site_id)
    last_year = timezone.localdate().year - 1
    form = YearForm(request.GET or {"year": last_year})
    year = form.cleaned_data["year"] if form.is_valid() else last_year
    year = min(year, last_year)  # whole ended years only
    figures = protected_year(site.pk, year)
    if request.GET.get("format") in ("csv", "xlsx"):
        lines: list[list[object]] = [[_("Year"), year], [_("Total"), str(figures.total)]]
        lines += [[_("By type"), label, str(n)] for label, n in figures.by_type]
        lines += [[_("By severity"), label, str(n)] for label, n in figures.by_severity]
        return export_response(request, lines, name=f"incidents-{site.pk}-{year}")
    context = {"site": site, "figures": figures, "form": form}
    return render(request, "incidents/figures_aggregate.html", context)
