"""The alert page the person on call opens from the e-mail or the banner: one click to acknowledge."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.policy import Perm
from coordo.incidents import queries
from coordo.incidents.actions import escalation
from coordo.incidents.forms import EscalationSettingsForm
from coordo.web.posting import errors_flashed, form_page
from coordo.web.sites import current_site


def incident_alert(request: AuthedRequest, incident_id: int) -> HttpResponse:
    """What the alert may say: type, severity, place, time, site — no narrative, no name."""
    principal = principal_of(request)
    incident = queries.get_alerted_incident(principal, incident_id)
    context = {
        "incident": incident,
        "steps": queries.steps_of(incident),
        "deliveries": queries.alert_deliveries(incident),
        "can_read": queries.incidents_visible_to(principal).filter(pk=incident.pk).exists(),
    }
    return render(request, "incidents/alert.html", context)


@require_POST
def incident_acknowledge(request: AuthedRequest, incident_id: int) -> HttpResponse:
    principal = principal_of(request)
    incident = queries.get_alerted_incident(principal, incident_id)
    with errors_flashed(request):
        escalation.acknowledge_alert(incident, by=principal)
        messages.success(request, _("You have acknowledged the alert."))
    return redirect("incident_alert", incident_id=incident.pk)


@require_perm(Perm.INCIDENT_FOLLOW_UP)
def escalation_settings(request: AuthedRequest) -> HttpResponse:
    site = current_site(request, Perm.INCIDENT_FOLLOW_UP)
    initial = {"always_escalate": queries.always_escalating_types(site.pk)}
    form = EscalationSettingsForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda by, always_escalate: escalation.set_always_escalating_types(
            site.pk, types=always_escalate, by=by
        ),
        done=_("The settings have been saved."),
        then=redirect("escalation_settings"),
        template="incidents/escalation_settings.html",
        context={"site": site, "delay": escalation.delay()},
    )
