"""The partner directory and conventions with their renewals (referral statistics: casework)."""

from __future__ import annotations

from functools import partial

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordo.access import audit
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.queries import organisation_of
from coordo.partners import actions, queries
from coordo.partners.forms import ContactForm, ConventionForm, PartnerForm
from coordo.partners.models import PartnerKind
from coordo.web.downloads import stored_file_attachment
from coordo.web.posting import apply_posted_form, form_page
from coordo.web.sites import current_site


@require_perm(Perm.PARTNER_VIEW)
def partner_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    partners = queries.partners_visible_to(principal).prefetch_related("services")
    kind = request.GET.get("kind", "")
    if kind in PartnerKind.values:
        partners = partners.filter(kind=kind)
    context = {
        "partners": partners,
        "kinds": PartnerKind.choices,
        "kind": kind,
        "can_edit": principal.can(Perm.PARTNER_EDIT),
        "can_stats": principal.can(Perm.REFERRAL_STATS),
    }
    return render(request, "partners/partner_list.html", context)


@require_perm(Perm.PARTNER_EDIT)
def partner_create(request: AuthedRequest) -> HttpResponse:
    return form_page(
        request,
        PartnerForm(request.POST or None),
        partial(actions.create_partner, organisation=organisation_of(principal_of(request))),
        done=_("The partner has been added to the directory."),
        then=lambda partner: redirect("partner_detail", partner_id=partner.pk),
        template="partners/partner_form.html",
    )


@require_perm(Perm.PARTNER_EDIT)
def partner_edit(request: AuthedRequest, partner_id: int) -> HttpResponse:
    principal = principal_of(request)
    partner = queries.get_partner(principal, partner_id)
    return form_page(
        request,
        PartnerForm(request.POST or None, instance=partner),
        partial(actions.update_partner, partner),
        done=_("The changes have been saved."),
        then=redirect("partner_detail", partner_id=partner.pk),
        template="partners/partner_form.html",
        context={"partner": partner},
    )


@require_perm(Perm.PARTNER_VIEW)
def partner_detail(request: AuthedRequest, partner_id: int) -> HttpResponse:
    principal = principal_of(request)
    partner = queries.get_partner(principal, partner_id)
    can_edit = principal.can(Perm.PARTNER_EDIT)
    context = {
        "partner": partner,
        "can_edit": can_edit,
        "contact_form": ContactForm() if can_edit else None,
        "conventions": queries.conventions_visible_to(principal).filter(partner=partner),
    }
    return render(request, "partners/partner_detail.html", context)


@require_POST
@require_perm(Perm.PARTNER_EDIT)
def partner_contact_add(request: AuthedRequest, partner_id: int) -> HttpResponse:
    principal = principal_of(request)
    partner = queries.get_partner(principal, partner_id)
    action = partial(actions.add_contact, partner)
    apply_posted_form(
        request, ContactForm(request.POST), action, _("The contact person has been added.")
    )
    return redirect("partner_detail", partner_id=partner.pk)


@require_perm(Perm.CONVENTION_VIEW)
def convention_list(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    context = {
        "renewals": queries.coming_up_for_renewal(principal),
        "conventions": queries.conventions_visible_to(principal),
        "can_edit": principal.can(Perm.CONVENTION_EDIT),
    }
    return render(request, "partners/convention_list.html", context)


@require_perm(Perm.CONVENTION_EDIT)
def convention_create(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = current_site(request, Perm.CONVENTION_EDIT)
    partners = queries.partners_visible_to(principal)
    return form_page(
        request,
        ConventionForm(request.POST or None, request.FILES or None, partners=partners),
        partial(actions.sign_convention, site=site),
        done=_("The convention has been recorded."),
        then=redirect("convention_list"),
        template="partners/convention_form.html",
    )


@require_perm(Perm.CONVENTION_VIEW)
def convention_document(request: AuthedRequest, convention_id: int) -> HttpResponse:
    principal = principal_of(request)
    convention = queries.get_convention(principal, convention_id)
    if not convention.document:
        raise Http404
    audit.record(AuditAction.VIEW, principal=principal, obj=convention)
    return stored_file_attachment(
        convention.document,
        stem=f"convention-{convention.pk}",
        content_type=convention.document_type,
    )
