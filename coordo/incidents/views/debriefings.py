"""Debriefing sessions, and the psycho-social follow-up offered to a worker."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.incidents import actions, queries
from coordo.incidents.forms import DebriefingForm, SupportOfferForm
from coordo.incidents.views.reports import follow_up_action_form
from coordo.web.posting import apply_posted_form, errors_flashed, form_page
from coordo.web.sites import current_site


@require_perm(Perm.INCIDENT_FOLLOW_UP)
def debriefing_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.INCIDENT_FOLLOW_UP)
    debriefings = list(queries.debriefings_visible_to(principal).filter(site=site)[:200])
    return render(request, "incidents/debriefing_list.html", {"debriefings": debriefings})


@require_perm(Perm.INCIDENT_FOLLOW_UP)
def debriefing_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.INCIDENT_FOLLOW_UP)
    form = DebriefingForm(
        request.POST or None,
        initial={"held_on": timezone.localdate()},
        incidents=queries.incidents_to_debrief(principal, site.pk),
        members=queries.action_owners(principal, site.pk),
    )
    return form_page(
        request,
        form,
        partial(actions.hold_debriefing, site=site),
        done=_("The debriefing has been recorded."),
        then=lambda debriefing: redirect("debriefing_detail", debriefing_id=debriefing.pk),
        template="incidents/debriefing_form.html",
        context={"site": site},
    )


def debriefing_detail(request: AuthedRequest, debriefing_id: int) -> HttpResponse:
    principal = principal_of(request)
    debriefing = queries.get_debriefing(principal, debriefing_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=debriefing)
    form = follow_up_action_form(principal, debriefing.site_id)
    return render(
        request, "incidents/debriefing_detail.html", {"debriefing": debriefing, "action_form": form}
    )


@require_POST
def debriefing_action_add(request: AuthedRequest, debriefing_id: int) -> HttpResponse:
    principal = principal_of(request)
    debriefing = queries.get_debriefing(principal, debriefing_id)
    form = follow_up_action_form(principal, debriefing.site_id, request.POST)
    add = partial(actions.add_debriefing_action, debriefing)
    apply_posted_form(request, form, add, _("The follow-up action has been added."))
    return redirect("debriefing_detail", debriefing_id=debriefing.pk)


@require_POST
def support_offer(request: AuthedRequest, incident_id: int) -> HttpResponse:
    principal = principal_of(request)
    incident = queries.get_incident_to_follow_up(principal, incident_id)
    form = SupportOfferForm(
        request.POST, members=queries.action_owners(principal, incident.site_id)
    )
    offer = partial(actions.offer_support, incident)
    apply_posted_form(request, form, offer, _("The follow-up has been offered."))
    return redirect("incident_detail", incident_id=incident.pk)


@require_POST
def support_answer(request: AuthedRequest, offer_id: int) -> HttpResponse:
    principal = principal_of(request)
    offer = queries.get_offer(principal, offer_id)
    with errors_flashed(request):
        actions.answer_offer(offer, accepted=request.POST.get("answer") == "accept", by=principal)
        messages.success(request, _("Your answer has been recorded."))
    return redirect("my_follow_up")
