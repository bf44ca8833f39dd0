"""The front desk (register a request in under a minute, today's queue) and referrals."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, current_site_id, principal_of, require_perm
from coordo.access.ids import parse_id
from coordo.access.models import AuditAction, Site
from coordo.access.policy import Perm
from coordo.casework import actions, queries
from coordo.casework.forms import (
    FrontDeskForm,
    OutcomeForm,
    PostponeForm,
    ReferralForm,
    ReferralStatusForm,
)
from coordo.partners.queries import partners_visible_to
from coordo.people.models import Person
from coordo.people.queries import (
    get_person,
    persons_visible_to,
    possible_duplicates,
    search_persons,
)
from coordo.web.posting import apply_posted_form, errors_onto, form_page
from coordo.web.sites import current_site


def _queue_context(request: AuthedRequest, site: Site) -> dict[str, object]:
    principal = principal_of(request)
    audit.record(
        AuditAction.LIST, principal=principal, object_type="casework.request", site_id=site.pk
    )
    return {"queue": queries.todays_queue(principal, site.pk), "outcome_form": OutcomeForm()}


@require_perm(Perm.REQUEST_EDIT)
def front_desk(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.REQUEST_EDIT)
    if request.htmx and request.method == "GET":
        # Several tablets share the desk: the queue refreshes itself.
        return render(request, "casework/front_desk.html#queue", _queue_context(request, site))
    persons = persons_visible_to(principal).filter(site=site)
    form = FrontDeskForm(request.POST or None, persons=persons)
    duplicates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        request_fields = {
            key: data[key] for key in ("kind", "urgency", "language", "interpreter_needed")
        }
        if not data["person"]:
            duplicates = possible_duplicates(
                principal, data["first_name"], data["last_name"], data["birth_year"]
            )
        if not duplicates or data["confirm_not_duplicate"]:
            with errors_onto(form):
                if data["person"]:
                    desk_request = actions.register_request(
                        site=site,
                        person=data["person"],
                        by=principal,
                        **request_fields,
                    )
                else:
                    person_fields = {
                        "first_name": data["first_name"],
                        "last_name": data["last_name"],
                        "birth_year": data["birth_year"],
                        "sex": "F",
                        "languages": [data["language"]] if data["language"] else [],
                    }
                    desk_request = actions.register_walk_in(
                        site=site,
                        person_fields=person_fields,
                        by=principal,
                        **request_fields,
                    )
                messages.success(
                    request,
                    _("The request of %(name)s is in today's queue.")
                    % {"name": desk_request.person},
                )
                return redirect("front_desk")
    context = {"form": form, "duplicates": duplicates, **_queue_context(request, site)}
    return render(request, "casework/front_desk.html", context)


@require_POST
@require_perm(Perm.REQUEST_EDIT)
def front_desk_search(request: AuthedRequest) -> HttpResponse:
    """Live, under the form: who is already known here, as radio choices.

    Typing in the search box searches by name or birth year; typing a new first and last
    name runs the people app's duplicate check (accents, typos, word order). Posted, so
    the names typed stay out of addresses and access logs.
    """
    principal = principal_of(request)
    site = current_site(request, Perm.REQUEST_EDIT)
    query = request.POST.get("q", "").strip()[:100]
    first, last = (request.POST.get(key, "").strip()[:100] for key in ("first_name", "last_name"))
    found: list[Person] = []
    if first and last:
        year = request.POST.get("birth_year", "")
        found = [
            person
            for person in possible_duplicates(
                principal, first, last, int(year) if year.isdigit() else None
            )
            if person.site_id == site.pk
        ][:8]
    elif len(query) >= 2:
        found = list(search_persons(principal, query, site_id=site.pk)[:8])
    if query or (first and last):
        audit.record(
            AuditAction.SEARCH, principal=principal, object_type="people.person", site_id=site.pk
        )
    context = {"found": found, "query": query or first, "look_alike": bool(first and last)}
    return render(request, "casework/front_desk.html#search_results", context)


@require_POST
@require_perm(Perm.REQUEST_EDIT)
def request_outcome(request: AuthedRequest, request_id: int) -> HttpResponse:
    principal = principal_of(request)
    desk_request = queries.get_request(principal, request_id)
    action = partial(actions.record_outcome, desk_request)
    apply_posted_form(
        request, OutcomeForm(request.POST), action, _("The outcome has been recorded.")
    )
    return redirect("front_desk")


@require_perm(Perm.REFERRAL_EDIT)
def referral_create(request: AuthedRequest, person_id: int) -> HttpResponse:
    principal = principal_of(request)
    person = get_person(principal, person_id, Perm.REFERRAL_EDIT)
    site = current_site(request, Perm.REFERRAL_EDIT)
    desk_request = None
    if request_id := parse_id(request.GET.get("request", "")):
        desk_request = queries.get_request(principal, request_id)
        if desk_request is not None and desk_request.person_id != person.pk:
            desk_request = None
    return form_page(
        request,
        ReferralForm(request.POST or None, partners=partners_visible_to(principal)),
        partial(actions.refer_person, site=site, person=person, request=desk_request),
        done=_("The referral has been recorded."),
        then=redirect("front_desk" if desk_request else "referral_follow_up"),
        template="casework/referral_form.html",
        context={"person": person, "desk_request": desk_request},
        shown=lambda: audit.record(AuditAction.VIEW, principal=principal, obj=person),
    )


@require_perm(Perm.REFERRAL_EDIT)
def referral_follow_up(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    whole_site = request.GET.get("all") == "1" and principal.can(Perm.NOTE_RESTRICTED)
    referrals = queries.follow_up_list(principal, worker_id=None if whole_site else request.user.pk)
    if site_id := current_site_id(request):
        referrals = referrals.filter(site_id=site_id)
    audit.record(
        AuditAction.LIST,
        principal=principal,
        object_type="casework.referral",
        site_id=current_site_id(request),
    )
    context = {
        "referrals": referrals,
        "whole_site": whole_site,
        "can_see_site": principal.can(Perm.NOTE_RESTRICTED),
        "status_form": ReferralStatusForm(),
        "postpone_form": PostponeForm(),
        "today": timezone.localdate(),
    }
    return render(request, "casework/follow_up.html", context)


@require_POST
@require_perm(Perm.REFERRAL_EDIT)
def referral_status(request: AuthedRequest, referral_id: int) -> HttpResponse:
    referral = queries.get_referral(principal_of(request), referral_id)
    apply_posted_form(
        request,
        ReferralStatusForm(request.POST),
        partial(actions.update_referral_status, referral),
        # After the action: the message names the new status.
        lambda: _("The referral is now “%(status)s”.") % {"status": referral.get_status_display()},
    )
    return redirect("referral_follow_up")


@require_POST
@require_perm(Perm.REFERRAL_EDIT)
def referral_postpone(request: AuthedRequest, referral_id: int) -> HttpResponse:
    referral = queries.get_referral(principal_of(request), referral_id)
    apply_posted_form(
        request,
        PostponeForm(request.POST),
        partial(actions.postpone_follow_up, referral),
        _("You will be reminded on the new date."),
    )
    return redirect("referral_follow_up")
