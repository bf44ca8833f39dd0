"""Attendance counts per occurrence (a phone form), and the site's figures with their export."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import Site
from coordo.access.policy import Perm
from coordo.community import actions, figures, queries
from coordo.community.forms import AttendanceForm
from coordo.web.periods import period_export, period_page
from coordo.web.posting import save_posted_form
from coordo.web.tabular import export_response


def weekday_name(number: int) -> str:
    return date_format(date(2024, 1, 1 + number), "l")  # 1 January 2024 was a Monday


@require_perm(Perm.ATTENDANCE_RECORD)
def attendance_record(request: AuthedRequest, activity_id: int, day: str) -> HttpResponse:
    principal = principal_of(request)
    activity = queries.get_activity(principal, activity_id, Perm.ATTENDANCE_RECORD)
    try:
        occurrence_date = date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    recorded = queries.attendance_of(activity).get(occurrence_date)
    initial = (
        {name: getattr(recorded, name) for name in AttendanceForm.base_fields} if recorded else {}
    )
    initial.pop("over_capacity_confirmed", None)
    form = AttendanceForm(request.POST or None, initial=initial)
    if request.method == "POST":

        def write(**counts: Any) -> object:
            return actions.record_attendance(
                activity, occurrence_date=occurrence_date, by=principal, **counts
            )

        if save_posted_form(request, form, write, _("The attendance is recorded.")):
            return redirect("community_activity", activity.pk)
    context = {"form": form, "activity": activity, "occurrence_date": occurrence_date}
    return render(request, "community/attendance_form.html", context)


@require_perm(Perm.COMMUNITY_FIGURES)
def community_figures(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)

    def shown(site: Site, start: date, end: date) -> dict[str, object]:
        rows = queries.attendance_figures(principal, site, start, end)
        days, hours = queries.busiest(principal, site, start, end)
        months = sorted(queries.totals_by_month(rows).items())
        top = max((values["total"] for _month, values in months), default=0) or 1
        chart = [
            (index * 40, month, values["total"], round(values["total"] * 120 / top))
            for index, (month, values) in enumerate(months)
        ]
        return {
            "chart": chart,
            "chart_width": max(len(chart) * 40, 40),
            "days": [(weekday_name(day), total) for day, total in days],
            "hours": hours,
            "rows": rows,
            "months": months,
            "funders": figures.for_funders(rows),
        }

    return period_page(request, Perm.COMMUNITY_FIGURES, "community/figures.html", shown)


@require_perm(Perm.COMMUNITY_FIGURES)
def community_figures_export(request: AuthedRequest) -> HttpResponse:
    def export(site: Site, start: date, end: date) -> HttpResponse:
        rows = queries.attendance_figures(principal_of(request), site, start, end)
        lines = figures.lines(rows, funders=request.GET.get("funders") == "1")
        return export_response(request, lines, name="attendance", title=_("Attendance"))

    return period_export(request, Perm.COMMUNITY_FIGURES, export)
