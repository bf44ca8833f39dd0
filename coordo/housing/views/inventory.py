"""Buildings and units: the list everyone in housing sees, the forms coordinators edit."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.housing import actions, queries
from coordo.housing.forms import BuildingForm, ClosureForm, ImportForm, UnitForm
from coordo.housing.importer import COLUMNS, read_rows
from coordo.web.posting import apply_posted_form, errors_onto, form_page
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
        "rows": rows,
        "can_edit": principal.can(Perm.HOUSING_EDIT, site.pk),
        "can_offer": principal.can(Perm.STAY_EDIT, site.pk),
        "today": today,
    }
    return render(request, "housing/building_list.html", context)


# Every inventory form is the same page: the form under a title, back to the list when saved.
_inventory_form = partial(form_page, template="housing/inventory_form.html")


@require_perm(Perm.HOUSING_EDIT)
def building_create(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.HOUSING_EDIT)
    return _inventory_form(
        request,
        BuildingForm(request.POST or None),
        partial(actions.create_building, site=site),
        done=_("The building has been created."),
        then=redirect("building_list"),
        context={"title": _("New building")},
    )


@require_perm(Perm.HOUSING_EDIT)
def building_edit(request: AuthedRequest, building_id: int) -> HttpResponse:
    building = queries.get_building(principal_of(request), building_id, Perm.HOUSING_EDIT)
    return _inventory_form(
        request,
        BuildingForm(request.POST or None, instance=building),
        partial(actions.update_building, building),
        done=_("The changes have been saved."),
        then=redirect("building_list"),
        context={"title": building.name},
    )


@require_perm(Perm.HOUSING_EDIT)
def unit_create(request: AuthedRequest, building_id: int) -> HttpResponse:
    building = queries.get_building(principal_of(request), building_id, Perm.HOUSING_EDIT)
    return _inventory_form(
        request,
        UnitForm(request.POST or None),
        partial(actions.create_unit, building),
        done=_("The unit has been created."),
        then=redirect("building_list"),
        context={"title": _("New unit")},
    )


@require_perm(Perm.HOUSING_EDIT)
def unit_edit(request: AuthedRequest, unit_id: int) -> HttpResponse:
    unit = queries.get_unit(principal_of(request), unit_id, Perm.HOUSING_EDIT)
    today = timezone.localdate()
    context = {
        "title": unit.name,
        "unit": unit,
        "closures": unit.closures.all(),
        "closure_form": ClosureForm(initial={"start": today}),
        "today": today,
    }
    return _inventory_form(
        request,
        UnitForm(request.POST or None, instance=unit),
        partial(actions.update_unit, unit),
        done=_("The changes have been saved."),
        then=redirect("building_list"),
        context=context,
    )


@require_POST
@require_perm(Perm.HOUSING_EDIT)
def unit_close(request: AuthedRequest, unit_id: int) -> HttpResponse:
    principal = principal_of(request)
    unit = queries.get_unit(principal, unit_id, Perm.HOUSING_EDIT)
    action = partial(actions.close_unit, unit)
    done = _("The unit is out of service for this period.")
    apply_posted_form(request, ClosureForm(request.POST), action, done)
    return redirect("unit_edit", unit_id=unit.pk)


@require_perm(Perm.HOUSING_EDIT)
def closure_edit(request: AuthedRequest, unit_id: int, closure_id: int) -> HttpResponse:
    """Change an out-of-service period's dates or reason, or put the unit back in service."""
    unit = queries.get_unit(principal_of(request), unit_id, Perm.HOUSING_EDIT)
    closure = get_object_or_404(unit.closures, pk=closure_id)
    return _inventory_form(
        request,
        ClosureForm(request.POST or None, instance=closure),
        partial(actions.update_closure, closure),
        done=_("The out-of-service period has been changed."),
        then=redirect("unit_edit", unit_id=unit.pk),
        context={"title": _("Out of service: %(unit)s") % {"unit": unit}},
    )


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
                site,
                rows=rows,
                only_valid_rows=form.cleaned_data["only_valid_rows"],
                by=principal_of(request),
            )
            if report.written:
                messages.success(request, _("The inventory has been imported."))
    return render(request, "housing/import.html", {"form": form, "report": report})


@require_perm(Perm.HOUSING_EDIT)
def housing_import_template(request: AuthedRequest) -> HttpResponse:
    """The import's columns and one fictional row, as CSV (`?format=xlsx`: XLSX)."""
    return template_response(request, COLUMNS, name="housing-inventory-template")
