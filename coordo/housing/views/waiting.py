"""The waiting list: requests in order, one click to offer a free unit, answers with reasons."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, flash_form_errors, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.housing import actions, queries
from coordo.housing.forms import OfferAnswerForm, PlaceRequestForm
from coordo.housing.models import PlaceRequest
from coordo.housing.views.common import site_people
from coordo.people.models import Person
from coordo.web.posting import errors_flashed, form_page
from coordo.web.sites import current_site


@require_perm(Perm.STAY_VIEW)
def waiting_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.STAY_VIEW)
    today = timezone.localdate()
    requests = list(queries.waiting_list(principal, site.pk))
    rows = [
        (
            position,
            request_,
            request_.waited_days(today),
            [(o, queries.unit_label(principal, o.unit)) for o in request_.offers.all()],
        )
        for position, request_ in enumerate(requests, start=1)
    ]
    audit.record(
        AuditAction.LIST, principal=principal, object_type="housing.placerequest", site_id=site.pk
    )
    context = {
        "rows": rows,
        "can_edit": principal.can(Perm.STAY_EDIT, site.pk),
        "answer_form": OfferAnswerForm(initial={"on": today}),
    }
    return render(request, "housing/waiting_list.html", context)


@require_perm(Perm.STAY_EDIT)
def place_request_create(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.STAY_EDIT)
    households, persons = site_people(request, site)
    form = PlaceRequestForm(
        request.POST or None,
        households=households,
        persons=persons,
        initial={"requested_on": timezone.localdate(), "priority": 3},
    )

    def create(*, person: Person | None, persons: int | None, **fields: Any) -> PlaceRequest:
        # `person` was the form's way to the head; no count given: the household's members.
        counted: dict[str, Any] = {"persons": persons} if persons else {}
        return actions.create_place_request(site=site, **counted, **fields)

    return form_page(
        request,
        form,
        create,
        done=_("The request is on the waiting list."),
        then=redirect("waiting_list"),
        template="housing/inventory_form.html",
        context={"title": _("New request for a place")},
        # The form lists the site's households and persons to choose from.
        shown=lambda: audit.record(
            AuditAction.LIST,
            principal=principal_of(request),
            object_type="people.person",
            site_id=site.pk,
        ),
    )


@require_POST
@require_perm(Perm.STAY_EDIT)
def place_request_withdraw(request: AuthedRequest, request_id: int) -> HttpResponse:
    principal = principal_of(request)
    place_request = queries.get_request(principal, request_id, Perm.STAY_EDIT)
    with errors_flashed(request):
        actions.withdraw_place_request(place_request, by=principal)
        messages.success(request, _("The request has been withdrawn."))
    return redirect("waiting_list")


@require_POST
@require_perm(Perm.STAY_EDIT)
def unit_offer(request: AuthedRequest, unit_id: int) -> HttpResponse:
    """Offer this free unit to the next suitable household of the waiting list."""
    principal = principal_of(request)
    unit = queries.get_unit(principal, unit_id, Perm.STAY_EDIT)
    with errors_flashed(request):
        offer = actions.offer_unit(unit, on=timezone.localdate(), by=principal)
        messages.success(
            request, _("The unit has been offered to %(name)s.") % {"name": offer.request.head}
        )
        return redirect("waiting_list")
    return redirect("building_list")


@require_POST
@require_perm(Perm.STAY_EDIT)
def offer_answer(request: AuthedRequest, offer_id: int) -> HttpResponse:
    principal = principal_of(request)
    offer = queries.get_offer(principal, offer_id)
    form = OfferAnswerForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("waiting_list")
    data = form.cleaned_data
    with errors_flashed(request):
        if data["decision"] == OfferAnswerForm.ACCEPT:
            stay = actions.accept_offer(offer, start=data["on"], by=principal)
            messages.success(request, _("The household has been admitted."))
            return redirect("stay_detail", stay_id=stay.pk)
        actions.refuse_offer(offer, reason=data["refusal_reason"], on=data["on"], by=principal)
        messages.success(request, _("The refusal and its reason have been recorded."))
    return redirect("waiting_list")
