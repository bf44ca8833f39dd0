"""Session pages: dashboard, site switcher, two-factor setup and verification, audit trail."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login

from coordo.access import actions, audit, queries
from coordo.access.dashboard import cards_for
from coordo.access.forms import AuditFilterForm, OtpCodeForm
from coordo.access.http import AuthedRequest, add_action_errors, principal_of, require_perm
from coordo.access.middleware import SESSION_SITE_KEY
from coordo.access.models import AuditAction
from coordo.access.policy import Perm

AUDIT_PAGE_SIZE = 50


@login_not_required
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def dashboard(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = request.current_site
    context = {
        "sites": queries.member_sites(principal),
        "roles_here": sorted(principal.roles_at(site.pk)) if site else [],
        "can_people": principal.can(Perm.PERSON_VIEW),
        "can_audit": principal.can(Perm.AUDIT_VIEW),
        "can_manage": principal.can(Perm.ORG_MANAGE),
        "cards": cards_for(request, principal),
    }
    if site and principal.can(Perm.PERSON_VIEW, site.pk):
        from coordo.people.queries import households_visible_to, persons_visible_to

        context["person_count"] = persons_visible_to(principal).filter(site=site).count()
        context["household_count"] = households_visible_to(principal).filter(site=site).count()
    return render(request, "access/dashboard.html", context)


@require_POST
def switch_site(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site_id = request.POST.get("site", "")
    allowed = {grant.site_id for grant in principal.grants}
    if site_id.isdigit() and int(site_id) in allowed:
        request.session[SESSION_SITE_KEY] = int(site_id)
        messages.success(request, _("You are now working at another site."))
    else:
        messages.error(request, _("Site: you do not work at this site."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    return redirect(next_url)


def mfa_setup(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    device = actions.pending_totp_device(request.user)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = actions.confirm_totp_device(
                device,
                code=form.cleaned_data["code"],
                by=request.user,
                principal=principal,
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is set up."))
            return render(request, "access/mfa_recovery_codes.html", {"codes": codes})
    qr_svg = segno.make(device.config_url, error="m").svg_data_uri(scale=5)

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "access/mfa_setup.html", {"form": form, "qr": qr_svg, "secret": secret})


def mfa_verify(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(code):
                otp_login(request, device)
                audit.record(
                    AuditAction.MFA_VERIFIED, principal=principal,
                    object_type="access.user", object_id=request.user.pk,
                )  # fmt: skip
                next_url = request.GET.get("next", "")
                if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                    next_url = "/"
                return redirect(next_url)
        audit.record(
            AuditAction.MFA_FAILED, principal=principal,
            object_type="access.user", object_id=request.user.pk,
        )  # fmt: skip
        form.add_error("code", _("This code is not valid."))
    return render(request, "access/mfa_verify.html", {"form": form})


@require_perm(Perm.AUDIT_VIEW)
def audit_trail(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    events = queries.audit_events_visible_to(principal)
    sites = queries.sites_of(principal).filter(pk__in=principal.sites_where(Perm.AUDIT_VIEW))
    form = AuditFilterForm(request.GET or None, sites=sites, actors=queries.users_of(principal))
    if form.is_valid():
        events = queries.filter_audit_events(events, form.cleaned_data)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "access/audit_trail.html#events" if request.htmx else "access/audit_trail.html"
    return render(request, template, {"form": form, "page": page})
