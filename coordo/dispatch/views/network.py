"""The reception network: centres, units and their free places, kept by hand or imported."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.db.models import Prefetch, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access.http import AuthedRequest, flash_form_errors, principal_of, require_perm
from coordo.access.policy import Perm
from coordo.dispatch import actions, queries
from coordo.dispatch.actions.network import COLUMNS, import_units, read_rows
from coordo.dispatch.fetch import placed_on
from coordo.dispatch.forms import FreePlacesForm, NetworkImportForm
from coordo.web.posting import apply_posted_form, errors_flashed
from coordo.web.tabular import template_response


@require_perm(Perm.DISPATCH_NETWORK_EDIT)
def network(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    units = queries.units_by_code()
    centres = list(
        queries.centres_of(principal)
        .prefetch_related(Prefetch("units", queryset=units))
        .annotate(beds=Sum("units__beds"), free=Sum("units__free"))
    )
    placed = placed_on(principal.organisation_id, timezone.localdate())
    for centre in centres:
        used = placed[centre.code]
        centre.placed_today = used  # type: ignore[attr-defined]
        centre.intake_left = max(centre.daily_intake - used, 0)  # type: ignore[attr-defined]
    editable = set(queries.editable_units(principal).values_list("pk", flat=True))
    context = {
        "centres": centres,
        "editable": editable,
        "whole_network": queries.edits_whole_network(principal),
        "import_form": NetworkImportForm(),
    }
    return render(request, "dispatch/network.html", context)


@require_POST
@require_perm(Perm.DISPATCH_NETWORK_EDIT)
def unit_free(request: AuthedRequest, unit_id: int) -> HttpResponse:
    principal = principal_of(request)
    unit = queries.get_editable_unit(principal, unit_id)
    done = _("Free places of %(unit)s saved.") % {"unit": unit.code}
    apply_posted_form(
        request, FreePlacesForm(request.POST), partial(actions.update_free_places, unit), done
    )
    return redirect("dispatch_network")


@require_POST
@require_perm(Perm.DISPATCH_NETWORK_EDIT)
def network_import(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    form = NetworkImportForm(request.POST, request.FILES)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("dispatch_network")
    upload = form.cleaned_data["file"]
    with errors_flashed(request, heading=_("Nothing was imported.")):
        result = import_units(read_rows(upload, upload.name), by=principal)
        messages.success(
            request,
            _("%(created)s units created, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated},
        )
    return redirect("dispatch_network")


@require_perm(Perm.DISPATCH_NETWORK_EDIT)
def network_template(request: AuthedRequest) -> HttpResponse:
    """The import's columns and one fictional unit of one of the network's own centres."""
    centre = queries.centres_of(principal_of(request)).order_by("code").first()
    examples = {"centre": centre.code} if centre else {}
    return template_response(
        request, COLUMNS, name="dispatch-free-places-template", examples=examples
    )
