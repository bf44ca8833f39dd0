"""The arrival centre's day: who is waiting, registration, social and medical screening."""

from __future__ import annotations

from functools import partial

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.dispatch import actions, queries
from coordo.dispatch.forms import ArrivalForm, MedicalScreeningForm, SocialScreeningForm
from coordo.dispatch.models import ArrivalStatus
from coordo.people.queries import households_visible_to
from coordo.web.posting import form_page
from coordo.web.sites import current_site


@require_perm(Perm.DISPATCH_VIEW)
def dispatch_home(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.DISPATCH_VIEW)
    arrivals = (
        queries.arrivals_visible_to(principal)
        .filter(site=site, status=ArrivalStatus.WAITING)
        .prefetch_related("household__members")
    )
    reasons = queries.waiting_reasons(site)
    audit.record(
        AuditAction.LIST, principal=principal, object_type="dispatch.arrival", site_id=site.pk
    )
    context = {
        "arrivals": [(arrival, reasons.get(arrival.pk)) for arrival in arrivals],
        "batches": queries.batches_visible_to(principal).filter(site=site)[:10],
        "can_screen": principal.can(Perm.DISPATCH_SCREEN, site.pk),
        "can_run": principal.can(Perm.DISPATCH_RUN, site.pk),
        "can_edit_network": principal.can(Perm.DISPATCH_NETWORK_EDIT),
    }
    return render(request, "dispatch/home.html", context)


@require_perm(Perm.DISPATCH_SCREEN)
def arrival_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.DISPATCH_SCREEN)
    households = households_visible_to(principal).filter(site=site, arrival__isnull=True)
    return form_page(
        request,
        ArrivalForm(request.POST or None, households=households),
        actions.register_arrival,
        done=_("The household is registered; screen it now."),
        then=lambda arrival: redirect("dispatch_arrival_social", arrival_id=arrival.pk),
        template="dispatch/arrival_form.html",
    )


@require_perm(Perm.DISPATCH_VIEW)
def arrival_detail(request: AuthedRequest, arrival_id: int) -> HttpResponse:
    principal = principal_of(request)
    arrival = queries.get_arrival(principal, arrival_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=arrival)
    context = {
        "arrival": arrival,
        "social": getattr(arrival, "social", None),
        # Only the needs: the medical details stay on the medical team's page.
        "medical_needs": getattr(arrival, "medical", None),
        "can_screen": principal.can(Perm.DISPATCH_SCREEN, arrival.site_id),
        "can_medical": principal.can(Perm.DISPATCH_MEDICAL, arrival.site_id),
    }
    return render(request, "dispatch/arrival_detail.html", context)


@require_perm(Perm.DISPATCH_SCREEN)
def arrival_social(request: AuthedRequest, arrival_id: int) -> HttpResponse:
    principal = principal_of(request)
    arrival = queries.get_arrival(principal, arrival_id, Perm.DISPATCH_SCREEN)
    form = SocialScreeningForm(
        request.POST or None,
        instance=getattr(arrival, "social", None),
        centres=queries.centres_of(principal),
        household=arrival.household,
    )
    return form_page(
        request,
        form,
        partial(actions.record_social_screening, arrival),
        done=_("The social screening has been saved."),
        then=redirect("dispatch_arrival_detail", arrival_id=arrival.pk),
        template="dispatch/screening_form.html",
        context={"arrival": arrival},
        # Shown, first or again with the form's errors: either way a view of the arrival.
        shown=lambda: audit.record(AuditAction.VIEW, principal=principal, obj=arrival),
    )


@require_perm(Perm.DISPATCH_MEDICAL)
def arrival_medical(request: AuthedRequest, arrival_id: int) -> HttpResponse:
    principal = principal_of(request)
    arrival = queries.get_arrival(principal, arrival_id, Perm.DISPATCH_MEDICAL)
    current = getattr(arrival, "medical", None)
    initial = (
        {
            "details": current.details,
            "needs_medical": current.needs_medical,
            "needs_accessible": current.needs_accessible,
        }
        if current
        else {}
    )
    return form_page(
        request,
        MedicalScreeningForm(request.POST or None, initial=initial),
        partial(actions.record_medical_screening, arrival),
        done=_("The medical screening has been saved."),
        then=redirect("dispatch_arrival_detail", arrival_id=arrival.pk),
        template="dispatch/screening_form.html",
        context={"arrival": arrival, "medical": True},
        shown=lambda: audit.record(
            AuditAction.VIEW, principal=principal, obj=current or arrival, site_id=arrival.site_id
        ),
    )
