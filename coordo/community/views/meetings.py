"""Assemblies and meetings, the decisions log, the house rules (team side and printable)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.policy import Perm
from coordo.community import queries
from coordo.community.actions import meetings as actions
from coordo.community.forms import (
    AgendaItemForm,
    DecisionForm,
    DecisionSearchForm,
    DecisionStatusForm,
    MeetingForm,
    RulesVersionForm,
)
from coordo.community.models import DecisionStatus
from coordo.web.posting import apply_posted_form, save_posted_form
from coordo.web.sites import current_site


@require_perm(Perm.COMMUNITY_VIEW)
def meeting_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.COMMUNITY_VIEW)
    context = {
        "site": site,
        "meetings": queries.meetings_visible_to(principal).filter(site=site),
        "can_edit": principal.can(Perm.MEETING_EDIT, site.pk),
    }
    return render(request, "community/meeting_list.html", context)


@require_perm(Perm.MEETING_EDIT)
def meeting_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.MEETING_EDIT)
    form = MeetingForm(request.POST or None, team=queries.hosts_of_site(principal, site))
    if request.method == "POST":

        def write(**values: Any) -> Any:
            return actions.create_meeting(site, by=principal, **values)

        if save_posted_form(request, form, write, _("The meeting is recorded.")):
            return redirect("community_meetings")
    return render(request, "community/form.html", {"form": form, "title": _("New meeting")})


@require_perm(Perm.COMMUNITY_VIEW)
def meeting_detail(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = queries.get_meeting(principal, meeting_id)
    replaceable = queries.decisions_log(principal, meeting.site).exclude(
        status=DecisionStatus.REPLACED
    )
    context = {
        "meeting": meeting,
        "decisions": meeting.decisions.all(),
        "can_edit": principal.can(Perm.MEETING_EDIT, meeting.site_id),
        "can_propose": principal.can(Perm.ACTIVITY_PROPOSE, meeting.site_id),
        "agenda_form": AgendaItemForm(),
        "decision_form": DecisionForm(replaceable=replaceable),
    }
    return render(request, "community/meeting_detail.html", context)


@require_perm(Perm.MEETING_EDIT)
def meeting_edit(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = queries.get_meeting(principal, meeting_id, Perm.MEETING_EDIT)
    form = MeetingForm(
        request.POST or None, instance=meeting, team=queries.hosts_of_site(principal, meeting.site)
    )
    if request.method == "POST":

        def write(**values: Any) -> Any:
            return actions.update_meeting(meeting, by=principal, **values)

        if save_posted_form(request, form, write, _("The changes have been saved.")):
            return redirect("community_meeting", meeting.pk)
    return render(request, "community/form.html", {"form": form, "title": str(meeting)})


@require_POST
@require_perm(Perm.ACTIVITY_PROPOSE)
def agenda_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    meeting = queries.get_meeting(principal_of(request), meeting_id, Perm.ACTIVITY_PROPOSE)

    def write(**values: Any) -> Any:
        return actions.propose_agenda_item(meeting, **values)

    apply_posted_form(request, AgendaItemForm(request.POST), write, _("The item is on the agenda."))
    return redirect("community_meeting", meeting.pk)


@require_POST
@require_perm(Perm.MEETING_EDIT)
def decision_add(request: AuthedRequest, meeting_id: int) -> HttpResponse:
    principal = principal_of(request)
    meeting = queries.get_meeting(principal, meeting_id, Perm.MEETING_EDIT)
    replaceable = queries.decisions_log(principal, meeting.site).exclude(
        status=DecisionStatus.REPLACED
    )
    form = DecisionForm(request.POST, replaceable=replaceable)

    def write(**values: Any) -> Any:
        return actions.record_decision(meeting, **values)

    apply_posted_form(request, form, write, _("The decision is recorded."))
    return redirect("community_meeting", meeting.pk)


@require_perm(Perm.COMMUNITY_VIEW)
def decision_log(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.COMMUNITY_VIEW)
    form = DecisionSearchForm(request.GET)
    search = form.cleaned_data if form.is_valid() else {}
    decisions = queries.decisions_log(
        principal, site, search=search.get("q", ""), status=search.get("status", "")
    )
    context = {
        "site": site,
        "form": form,
        "decisions": decisions,
        "can_edit": principal.can(Perm.MEETING_EDIT, site.pk),
        "status_form": DecisionStatusForm(),
    }
    return render(request, "community/decision_log.html", context)


@require_POST
@require_perm(Perm.MEETING_EDIT)
def decision_status(request: AuthedRequest, decision_id: int) -> HttpResponse:
    decision = queries.get_decision(principal_of(request), decision_id, Perm.MEETING_EDIT)

    def write(**values: Any) -> Any:
        return actions.set_decision_status(decision, **values)

    apply_posted_form(request, DecisionStatusForm(request.POST), write, _("The status is changed."))
    return redirect("community_decisions")


@require_perm(Perm.COMMUNITY_VIEW)
def house_rules(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.COMMUNITY_VIEW)
    context = {
        "site": site,
        "versions": queries.rules_versions(principal, site),
        "in_force": queries.rules_in_force(site, timezone.localdate()),
        "can_edit": principal.can(Perm.MEETING_EDIT, site.pk),
        "settings": queries.settings_of(site),
    }
    return render(request, "community/house_rules.html", context)


@require_perm(Perm.MEETING_EDIT)
def rules_version_add(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.MEETING_EDIT)
    current = queries.rules_in_force(site, timezone.localdate())
    initial = {"title": current.title, "text": current.text} if current else {}
    form = RulesVersionForm(
        request.POST or None, initial=initial, decisions=queries.decisions_log(principal, site)
    )
    if request.method == "POST":

        def write(**values: Any) -> Any:
            return actions.add_rules_version(site, by=principal, **values)

        if save_posted_form(request, form, write, _("The new version is recorded.")):
            return redirect("community_house_rules")
    title = _("New version of the house rules")
    return render(request, "community/form.html", {"form": form, "title": title})
