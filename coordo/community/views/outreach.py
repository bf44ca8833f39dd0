"""Outreach rounds, their contacts and orientations; the day centre's daily counts."""

from __future__ import annotations

from typing import Any

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
from coordo.community import queries
from coordo.community.actions import outreach as actions
from coordo.community.forms import ContactForm, DayCentreForm, RoundForm
from coordo.web.posting import apply_posted_form, errors_flashed, save_posted_form
from coordo.web.sites import current_site


@require_perm(Perm.OUTREACH_RECORD)
def round_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.OUTREACH_RECORD)
    context = {
        "site": site,
        "rounds": queries.rounds_visible_to(principal).filter(site=site)[:100],
        "figures": queries.outreach_figures(principal, site),
    }
    return render(request, "community/round_list.html", context)


@require_perm(Perm.OUTREACH_RECORD)
def round_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.OUTREACH_RECORD)
    form = RoundForm(
        request.POST or None,
        team=queries.hosts_of_site(principal, site),
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST":
        done: dict[str, Any] = {}

        def write(**values: Any) -> Any:
            done["round"] = actions.create_round(site, by=principal, **values)
            return done["round"]

        if save_posted_form(request, form, write, _("The round is recorded.")):
            return redirect("community_round", done["round"].pk)
    return render(request, "community/form.html", {"form": form, "title": _("New outreach round")})


def _contact_form(request: AuthedRequest, site: Any, data: Any = None) -> ContactForm:
    principal = principal_of(request)
    may_name = principal.can(Perm.PERSON_VIEW, site.pk)
    persons = queries.persons_to_link(principal, site) if may_name else None
    return ContactForm(data, persons=persons)


@require_perm(Perm.OUTREACH_RECORD)
def round_detail(request: AuthedRequest, round_id: int) -> HttpResponse:
    principal = principal_of(request)
    outreach = queries.get_round(principal, round_id)
    may_name = principal.can(Perm.PERSON_VIEW, outreach.site_id)
    contacts = list(queries.contacts_of(outreach))
    # Who may name sees the persons named here and, in the form, the site's persons to name:
    # one list row, even when no contact names anyone (all anonymous, or unlinked).
    if may_name:
        audit.record(
            AuditAction.LIST,
            principal=principal,
            object_type="community.outreachcontact",
            site_id=outreach.site_id,
        )
    context = {
        "round": outreach,
        "contacts": contacts,
        "may_name": may_name,
        "may_orient": principal.can(Perm.REQUEST_EDIT, outreach.site_id),
        "form": _contact_form(request, outreach.site),
    }
    return render(request, "community/round_detail.html", context)


@require_POST
@require_perm(Perm.OUTREACH_RECORD)
def contact_add(request: AuthedRequest, round_id: int) -> HttpResponse:
    outreach = queries.get_round(principal_of(request), round_id)
    form = _contact_form(request, outreach.site, request.POST)

    def write(**values: Any) -> Any:
        return actions.record_contact(outreach, **values)

    apply_posted_form(request, form, write, _("The contact is recorded."))
    return redirect("community_round", outreach.pk)


@require_POST
@require_perm(Perm.REQUEST_EDIT)
def contact_orient(request: AuthedRequest, contact_id: int) -> HttpResponse:
    principal = principal_of(request)
    contact = queries.get_contact(principal, contact_id)
    with errors_flashed(request):
        actions.orient_to_front_desk(contact, by=principal)
        messages.success(request, _("A front-desk request is open for her."))
    return redirect("community_round", contact.round_id)


@require_perm(Perm.OUTREACH_RECORD)
def day_centre(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.OUTREACH_RECORD)
    form = DayCentreForm(request.POST or None, initial={"day": timezone.localdate()})
    if request.method == "POST":

        def write(**values: Any) -> Any:
            return actions.record_day_centre_count(site, by=principal, **values)

        if save_posted_form(request, form, write, _("The day is recorded.")):
            return redirect("community_day_centre")
    days = queries.day_centre_days(principal, site)[:31]
    return render(request, "community/day_centre.html", {"form": form, "site": site, "days": days})
