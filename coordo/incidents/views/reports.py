"""Reporting an incident on a phone, the site's reports, one report and its follow-up."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.incidents import actions, queries
from coordo.incidents.actions import REPORT_FIELDS, Involved
from coordo.incidents.forms import (
    FollowUpActionForm,
    InvolvementForm,
    ReportForm,
    StatusForm,
    SupportOfferForm,
)
from coordo.incidents.models import Incident, InvolvementRole
from coordo.people.models import Person
from coordo.people.queries import persons_visible_to
from coordo.web.posting import apply_posted_form, errors_flashed, errors_onto
from coordo.web.sites import current_site


@require_perm(Perm.INCIDENT_REPORT)
def incident_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.INCIDENT_REPORT)
    incidents = list(queries.incidents_of_site(principal, site.pk)[:200])
    audit.record(
        AuditAction.LIST, principal=principal, object_type="incidents.incident", site_id=site.pk
    )
    context = {"incidents": incidents, "all_of_site": principal.can(Perm.INCIDENT_VIEW, site.pk)}
    return render(request, "incidents/incident_list.html", context)


@require_perm(Perm.INCIDENT_REPORT)
def incident_report(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.INCIDENT_REPORT)
    persons = _site_persons(principal, site.pk)
    form = ReportForm(request.POST or None, persons=persons)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_onto(form):
            incident = actions.report_incident(
                site=site,
                involved=_involved(request, data),
                by=principal,
                **{name: data[name] for name in REPORT_FIELDS},
            )
            messages.success(request, _("The incident has been recorded."))
            return redirect("incident_detail", incident_id=incident.pk)
    if persons is not None:  # the form lists the site's persons to choose from
        audit.record(
            AuditAction.LIST, principal=principal, object_type="people.person", site_id=site.pk
        )
    return render(request, "incidents/report_form.html", {"form": form, "site": site})


def _involved(request: AuthedRequest, data: dict) -> list[Involved]:  # type: ignore[type-arg]
    people = [
        Involved(
            InvolvementRole.VICTIM, person=data.get("victim_person"), description=data["victim"]
        ),
        Involved(
            InvolvementRole.AUTHOR, person=data.get("author_person"), description=data["author"]
        ),
        Involved(InvolvementRole.WITNESS, description=data["witness"]),
    ]
    if data["victim_is_me"]:
        people.append(Involved(InvolvementRole.VICTIM, user=request.user))
    return people


def _site_persons(principal: Principal, site_id: int) -> QuerySet[Person] | None:
    """The site's persons to pick from, for who may read them; None: describe them instead."""
    if not principal.can(Perm.PERSON_VIEW, site_id):
        return None
    return persons_visible_to(principal).filter(site_id=site_id)


def _involvement_form(
    principal: Principal, incident: Incident, data: object = None
) -> InvolvementForm:
    return InvolvementForm(
        data,
        persons=_site_persons(principal, incident.site_id),
        members=queries.action_owners(principal, incident.site_id),
    )


def follow_up_action_form(
    principal: Principal, site_id: int, data: object = None
) -> FollowUpActionForm:
    """The form of a follow-up action (of an incident or a debriefing): an owner of the team."""
    return FollowUpActionForm(data, owners=queries.action_owners(principal, site_id))


def incident_detail(request: AuthedRequest, incident_id: int) -> HttpResponse:
    principal = principal_of(request)
    incident = queries.get_incident(principal, incident_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=incident)
    can_follow_up = principal.can(Perm.INCIDENT_FOLLOW_UP, incident.site_id)
    involvement_form = _involvement_form(principal, incident) if can_follow_up else None
    if involvement_form is not None and "person" in involvement_form.fields:
        audit.record(  # the form lists the site's persons to choose from
            AuditAction.LIST,
            principal=principal,
            object_type="people.person",
            site_id=incident.site_id,
        )
    context = {
        "incident": incident,
        "steps": queries.steps_of(incident),
        "deliveries": queries.alert_deliveries(incident),
        "offers": list(queries.offers_about(principal, incident)),
        "offer_form": SupportOfferForm(members=queries.action_owners(principal, incident.site_id))
        if can_follow_up
        else None,
        "can_follow_up": can_follow_up,
        "involvement_form": involvement_form,
        "status_form": StatusForm(initial={"status": incident.status}),
        "action_form": follow_up_action_form(principal, incident.site_id)
        if can_follow_up
        else None,
    }
    return render(request, "incidents/incident_detail.html", context)


@require_POST
def incident_status(request: AuthedRequest, incident_id: int) -> HttpResponse:
    principal = principal_of(request)
    incident = queries.get_incident_to_follow_up(principal, incident_id)
    form = StatusForm(request.POST)
    change = partial(actions.change_status, incident)
    apply_posted_form(request, form, change, _("The status has been changed."))
    return redirect("incident_detail", incident_id=incident.pk)


@require_POST
def incident_action_add(request: AuthedRequest, incident_id: int) -> HttpResponse:
    principal = principal_of(request)
    incident = queries.get_incident_to_follow_up(principal, incident_id)
    form = follow_up_action_form(principal, incident.site_id, request.POST)
    add = partial(actions.add_follow_up_action, incident)
    apply_posted_form(request, form, add, _("The follow-up action has been added."))
    return redirect("incident_detail", incident_id=incident.pk)


@require_POST
def incident_involvement_add(request: AuthedRequest, incident_id: int) -> HttpResponse:
    principal = principal_of(request)
    incident = queries.get_incident_to_follow_up(principal, incident_id)
    form = _involvement_form(principal, incident, request.POST)
    add = partial(actions.add_involvement, incident)
    apply_posted_form(request, form, add, _("The person involved has been added."))
    return redirect("incident_detail", incident_id=incident.pk)


@require_POST
def incident_involvement_remove(request: AuthedRequest, involvement_id: int) -> HttpResponse:
    involvement = queries.get_involvement_to_follow_up(principal_of(request), involvement_id)
    remove = partial(actions.remove_involvement, involvement)
    apply_posted_form(
        request, forms.Form(request.POST), remove, _("The person involved has been removed.")
    )
    return redirect("incident_detail", incident_id=involvement.incident_id)


def my_follow_up(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    context = {
        "actions": list(queries.actions_of(principal)[:200]),
        "offers": list(queries.offers_to(principal)[:50]),
    }
    return render(request, "incidents/my_follow_up.html", context)


@require_POST
def follow_up_done(request: AuthedRequest, action_id: int) -> HttpResponse:
    principal = principal_of(request)
    action = queries.get_action(principal, action_id)
    with errors_flashed(request):
        actions.complete_action(action, by=principal)
        messages.success(request, _("The action is done."))
    if request.POST.get("back") == "incident":
        return redirect("incident_detail", incident_id=action.incident_id)
    return redirect("my_follow_up")
