"""Buildings and units: the list everyone in housing sees, the forms coordinators edit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django import forms
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import (
    AuthedRequest,
    flash_form_errors,
    principal_of,
    require_perm,
)
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.housing import actions, queries
from coordo.housing.forms import BuildingForm, ClosureForm, ImportForm, UnitForm
from coordo.housing.importer import COLUMNS, read_rows
from coordo.web.posting import errors_flashed, errors_onto
from coordo.web.sites import current_site
from coordo.web.tabular import template_response


@require_perm(Perm.HOUSING_VIEW)
def building_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.HOUSING_VIEW)
    today = timezone.localdate()
    units = queries.units_with_free_places(queries.units_by_name(), today)
    closures = queries.current_closures(today)
    buildings = (
        queries.buildings_visible_to(principal)
        .filter(site=site)
        .prefetch_related(
            Prefetch(
                "units", queryset=units.prefetch_related(Prefetch("closures", queryset=closures))
            )
        )
    )
    rows = [(b, queries.address_of(principal, b)) for b in buildings]
    audit.record(
        AuditAction.LIST, principal=principal, object_type="housing.building", site_id=site.pk
    )
    context = {
        "rows": rows, "can_edit": principal.can(Perm.HOUSING_EDIT, site.pk),
        "can_offer": principal.can(Perm.STAY_EDIT, site.pk), "today": today,
    }  # fmt: skip
    return render(request, "housing/building_list.html", context)


def _inventory_form(
    request: AuthedRequest,
    form: forms.BaseForm,
    write: Callable[..., object],
    done: str,
    back: HttpResponse,
    **context: object,
) -> HttpResponse:
    """Validate, write through the action, say so and go back; or show the form with errors."""
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            write(by=principal_of(request), **form.cleaned_data)
            messages.success(request, done)
            return back
    return render(request, "housing/inventory_form.html", {"form": form, **context})


@require_perm(Perm.HOUSING_EDIT)
def building_create(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.HOUSING_EDIT)
    return _inventory_form(
        request, BuildingForm(request.POST or None), partial(actions.create_building, site=site),
        _("The building has been created."), redirect("building_list"), title=_("New building"),
    )  # fmt: skip


@require_perm(Perm.HOUSING_EDIT)
def building_edit(request: AuthedRequest, building_id: int) -> HttpResponse:
    building = queries.get_building(principal_of(request), building_id, Perm.HOUSING_EDIT)
    return _inventory_form(
        request, BuildingForm(request.POST or None, instance=building),
        partial(actions.update_building, building), _("The changes have been saved."),
        redirect("building_list"), title=building.name,
    )  # fmt: skip


@require_perm(Perm.HOUSING_EDIT)
def unit_create(request: AuthedRequest, building_id: int) -> HttpResponse:
    building = queries.get_building(principal_of(request), building_id, Perm.HOUSING_EDIT)
    return _inventory_form(
        request, UnitForm(request.POST or None), partial(actions.create_unit, building),
        _("The unit has been created."), redirect("building_list"), title=_("New unit"),
    )  # fmt: skip


@require_perm(Perm.HOUSING_EDIT)
def unit_edit(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = queries.get_unit(principal_of(request), unit_id, Perm.HOUSING_EDIT)
    today = timezone.localdate()
    return _inventory_form(
        request, UnitForm(request.POST or None, instance=unit), partial(actions.update_unit, unit),
        _("The changes have been saved."), redirect("building_list"), title=unit.name, unit=unit,
        closures=unit.closures.all(), closure_form=ClosureForm(initial={"start": today}),
        today=today,
    )  # fmt: skip


@require_POST
@require_perm(Perm.HOUSING_EDIT)
def unit_close(request: AuthedRequest, unit_id: int) -> HttpResponse:
    principal = principal_of(request)
    unit = queries.get_unit(principal, unit_id, Perm.HOUSING_EDIT)
    form = ClosureForm(request.POST)
    if form.is_valid():
        with errors_flashed(request):
            actions.close_unit(unit, by=principal, **form.cleaned_data)
            messages.success(request, _("The unit is out of service for this period."))
    else:
        flash_form_errors(request, form)
    return redirect("unit_edit", unit_id=unit.pk)


@require_perm(Perm.HOUSING_EDIT)
def closure_edit(request: AuthedRequest, unit_id: int, closure_id: int) -> HttpResponse:
    """Change an out-of-service period's dates or reason, or put the unit back in service."""
    unit = queries.get_unit(principal_of(request), unit_id, Perm.HOUSING_EDIT)
    closure = get_object_or_404(unit.closures, pk=closure_id)
    return _inventory_form(
        request, ClosureForm(request.POST or None, instance=closure),
        partial(actions.update_closure, closure), _("The out-of-service period has been changed."),
        redirect("unit_edit", unit_id=unit.pk), title=_("Out of service: %(unit)s") % {"unit": unit},
    )  # fmt: skip


@require_POST
@require_perm(Perm.HOUSING_EDIT)
def closure_remove(request: AuthedRequest, unit_id: int, closure_id: int) -> HttpResponse:
    principal = principal_of(request)
    unit = queries.get_unit(principal, unit_id, Perm.HOUSING_EDIT)
    closure = get_object_or_404(unit.closures, pk=closure_id)
    actions.remove_closure(closure, by=principal)
    messages.success(request, _("The out-of-service period has been removed."))
    return redirect("unit_edit", unit_id=unit.pk)


@require_perm(Perm.HOUSING_EDIT)
def housing_import(request: AuthedRequest) -> HttpResponse:
    """Buildings and units from a CSV or XLSX file, with a report line by line."""
    site = current_site(request, Perm.HOUSING_EDIT)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with errors_onto(form):
            rows = read_rows(upload, upload.name)
            report = actions.import_inventory(
                site, rows=rows, only_valid_rows=form.cleaned_data["only_valid_rows"],
                by=principal_of(request),
            )  # fmt: skip
            if report.written:
                messages.success(request, _("The inventory has been imported."))
    return render(request, "housing/import.html", {"form": form, "report": report})


@require_perm(Perm.HOUSING_EDIT)
def housing_import_template(request: AuthedRequest) -> HttpResponse:
    """The import's columns and one fictional row, as CSV (`?format=xlsx`: XLSX)."""
    return template_response(request, COLUMNS, name="housing-inventory-template")
