"""Person and household pages: search, register (with duplicate warning), view, edit, consent."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import (
    AuthedRequest,
    current_site_id,
    principal_of,
    require_perm,
)
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.people import actions, queries
from coordo.people.forms import (
    ConsentForm,
    HouseholdForm,
    HouseholdMemberForm,
    PersonForm,
    PersonSearchForm,
)
from coordo.people.models import ConsentRecord, Person
from coordo.web.posting import apply_posted_form, errors_flashed, errors_onto, form_page
from coordo.web.sites import current_site

PAGE_SIZE = 25


@require_perm(Perm.PERSON_VIEW)
def person_list(request: AuthedRequest) -> HttpResponse:
    """Everyone here, or those a search finds: posted, so typed names stay out of addresses
    (and so out of access logs, browser history and Referer headers)."""
    if "q" in request.GET:
        return redirect("person_list")  # an old bookmark searches nothing
    principal = principal_of(request)
    data = request.POST if request.method == "POST" else None
    form = PersonSearchForm(data)
    query = form.cleaned_data["q"] if data is not None and form.is_valid() else ""
    persons = queries.search_persons(principal, query, site_id=current_site_id(request))
    page = Paginator(persons, PAGE_SIZE).get_page((data or request.GET).get("page"))
    # The search words are personal data: the trail keeps the act, not the words.
    audit.record(
        AuditAction.SEARCH if query else AuditAction.LIST,
        principal=principal,
        object_type="people.person",
        site_id=current_site_id(request),
    )
    template = "people/person_list.html#results" if request.htmx else "people/person_list.html"
    return render(request, template, {"form": form, "page": page, "query": query})


def _record_warning_shown(request: AuthedRequest, site_id: int) -> None:
    # A warning lists persons: the trail keeps that they were shown, not the words typed.
    principal = principal_of(request)
    audit.record(
        AuditAction.SEARCH, principal=principal, object_type="people.person", site_id=site_id
    )


@require_perm(Perm.PERSON_EDIT)
def person_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.PERSON_EDIT)
    form = PersonForm(request.POST or None)
    duplicates: list[Person] = []
    twins: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = queries.possible_duplicates(
            principal,
            data["first_name"],
            data["last_name"],
            data.get("birth_year") or (data["birth_date"].year if data.get("birth_date") else None),
        )
        twins = queries.persons_with_national_number(principal, data.get("national_number", ""))
        duplicates = [person for person in duplicates if person not in twins]
        if not (duplicates or twins) or data.get("confirm_not_duplicate"):
            fields = {k: v for k, v in data.items() if k != "confirm_not_duplicate"}
            with errors_onto(form):
                person = actions.register_person(site=site, by=principal, **fields)
                messages.success(request, _("%(name)s has been registered.") % {"name": person})
                return redirect("person_detail", person_id=person.pk)
        else:
            _record_warning_shown(request, site.pk)
    context = {"form": form, "duplicates": duplicates, "twins": twins}
    return render(request, "people/person_form.html", context)


@require_perm(Perm.PERSON_VIEW)
def person_detail(request: AuthedRequest, person_id: int) -> HttpResponse:
    principal = principal_of(request)
    person = queries.get_person(principal, person_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=person)
    membership = person.memberships.select_related("household").first()
    context = {
        "person": person,
        "household": membership.household if membership else None,
        "show_confidential": principal.can(Perm.PERSON_VIEW_CONFIDENTIAL, person.site_id),
        "can_edit": principal.can(Perm.PERSON_EDIT, person.site_id),
        "can_consent": principal.can(Perm.CONSENT_EDIT, person.site_id),
        "can_hold": principal.can(Perm.LEGAL_HOLD, person.site_id),
        # As the stay history itself checks: stays are for the team that places people.
        "can_see_stays": principal.can(Perm.STAY_VIEW),
        "consents": queries.consents_in_force(person),
        "consent_history": person.consents.select_related("recorded_by")[:20],
        "consent_form": ConsentForm(),
    }
    return render(request, "people/person_detail.html", context)


@require_perm(Perm.PERSON_EDIT)
def person_edit(request: AuthedRequest, person_id: int) -> HttpResponse:
    principal = principal_of(request)
    person = queries.get_person(principal, person_id, Perm.PERSON_EDIT)
    show_confidential = principal.can(Perm.PERSON_VIEW_CONFIDENTIAL, person.site_id)
    confirming = "confirm_not_duplicate" in request.POST
    form = PersonForm(
        request.POST or None,
        instance=person,
        show_confidential=show_confidential,
        offer_confirmation=confirming,
    )
    twins: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        twins = queries.persons_with_national_number(
            principal, data.get("national_number", ""), excluding=person.pk
        )
        if twins and not data.get("confirm_not_duplicate"):
            form.offer_confirmation()
            _record_warning_shown(request, person.site_id)
        else:
            with errors_onto(form):
                actions.update_person(person, by=principal, **data)
                messages.success(request, _("The changes have been saved."))
                return redirect("person_detail", person_id=person.pk)
    audit.record(AuditAction.VIEW, principal=principal, obj=person)
    context = {"form": form, "person": person, "twins": twins}
    return render(request, "people/person_form.html", context)


@require_POST
@require_perm(Perm.CONSENT_EDIT)
def person_consent_add(request: AuthedRequest, person_id: int) -> HttpResponse:
    principal = principal_of(request)
    person = queries.get_person(principal, person_id, Perm.CONSENT_EDIT)
    done: dict[str, ConsentRecord] = {}

    def write(**values: Any) -> None:
        done["record"] = actions.record_consent(person, **values)

    if apply_posted_form(
        request, ConsentForm(request.POST), write, _("The consent has been recorded.")
    ):
        for said in done["record"].undone:  # what a withdrawal undid (people/signals.py)
            messages.info(request, said)
    return redirect("person_detail", person_id=person.pk)


@require_POST
@require_perm(Perm.LEGAL_HOLD)
def person_legal_hold(request: AuthedRequest, person_id: int) -> HttpResponse:
    """Place (with a reason) or lift the legal hold that stops the retention purge."""
    principal = principal_of(request)
    person = queries.get_person(principal, person_id, Perm.LEGAL_HOLD)
    if request.POST.get("lift"):
        actions.lift_legal_hold(person, by=principal)
        messages.success(request, _("The legal hold is lifted."))
    else:
        with errors_flashed(request):
            actions.set_legal_hold(
                person, reason=request.POST.get("reason", "")[:200], by=principal
            )
            messages.success(request, _("The legal hold is placed."))
    return redirect("person_detail", person_id=person.pk)


@require_perm(Perm.PERSON_VIEW)
def household_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    households = queries.households_visible_to(principal).filter(site=request.current_site)
    page = Paginator(households, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(
        AuditAction.LIST,
        principal=principal,
        object_type="people.household",
        site_id=current_site_id(request),
    )
    return render(request, "people/household_list.html", {"page": page})


@require_perm(Perm.PERSON_EDIT)
def household_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.PERSON_EDIT)
    persons = queries.persons_visible_to(principal).filter(site=site, memberships__isnull=True)
    return form_page(
        request,
        HouseholdForm(request.POST or None, persons=persons),
        partial(actions.create_household, site=site),
        done=_("The household has been created."),
        then=lambda household: redirect("household_detail", household_id=household.pk),
        template="people/household_form.html",
        # The form lists the site's persons without a household to choose from.
        shown=lambda: audit.record(
            AuditAction.LIST, principal=principal, object_type="people.person", site_id=site.pk
        ),
    )


@require_perm(Perm.PERSON_VIEW)
def household_detail(request: AuthedRequest, household_id: int) -> HttpResponse:
    principal = principal_of(request)
    household = queries.get_household(principal, household_id)
    audit.record(AuditAction.VIEW, principal=principal, obj=household)
    can_edit = principal.can(Perm.PERSON_EDIT, household.site_id)
    form = None
    if can_edit:
        persons = queries.persons_visible_to(principal).filter(
            site_id=household.site_id, memberships__isnull=True
        )
        form = HouseholdMemberForm(persons=persons)
        # The form lists the site's persons without a household to add.
        audit.record(
            AuditAction.LIST,
            principal=principal,
            object_type="people.person",
            site_id=household.site_id,
        )
    return render(
        request,
        "people/household_detail.html",
        {"household": household, "can_edit": can_edit, "member_form": form},
    )


@require_POST
@require_perm(Perm.PERSON_EDIT)
def household_member_add(request: AuthedRequest, household_id: int) -> HttpResponse:
    principal = principal_of(request)
    household = queries.get_household(principal, household_id)
    principal.require(Perm.PERSON_EDIT, household.site_id)
    persons = queries.persons_visible_to(principal).filter(site_id=household.site_id)
    form = HouseholdMemberForm(request.POST, persons=persons)
    action = partial(actions.add_household_member, household)
    apply_posted_form(request, form, action, _("The member has been added."))
    return redirect("household_detail", household_id=household.pk)
