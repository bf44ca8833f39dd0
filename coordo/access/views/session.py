"""Session pages: dashboard, site switcher, two-factor, one's password, audit trail."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.models import Device

from coordo.access import actions, audit, queries
from coordo.access.dashboard import cards_for
from coordo.access.forms import (
    AuditFilterForm,
    OtpCodeForm,
    PasswordChangeForm,
    ReplaceDeviceForm,
)
from coordo.access.http import AuthedRequest, principal_of, require_perm
from coordo.access.middleware import SESSION_SITE_KEY
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.roles import Role
from coordo.web.posting import errors_onto

AUDIT_PAGE_SIZE = 50


def dashboard(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    site = request.current_site
    context = {
        "sites": queries.member_sites(principal),
        # Each role by its name in the reader's language, never its code ("social_worker").
        "roles_here": sorted(str(Role(role).label) for role in principal.roles_at(site.pk))
        if site
        else [],
        "can_people": principal.can(Perm.PERSON_VIEW),
        "can_audit": principal.can(Perm.AUDIT_VIEW),
        "can_manage": principal.can(Perm.ORG_MANAGE),
        "cards": cards_for(request, principal),
    }
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
    return redirect(_safe_next(request, request.POST.get("next", "")))


def _safe_next(request: HttpRequest, next_url: str) -> str:
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return "/"
    return next_url


def _verified(request: AuthedRequest, device: Device) -> None:
    """The second factor succeeded: mark the session, and give it a new key."""
    otp_login(request, device)
    request.session.cycle_key()


def mfa_setup(request: AuthedRequest) -> HttpResponse:
    """First setup, or (from a verified session, with the password again) a replacement.

    A session that owes verification never reaches here (MfaRequiredMiddleware); the
    action refuses it all the same."""
    if queries.second_factor_owed(request.user) == queries.VERIFY:
        return redirect(queries.VERIFY)
    principal = principal_of(request)
    replacing = queries.has_second_factor(request.user)
    device = actions.pending_totp_device(request.user)
    form = (ReplaceDeviceForm if replacing else OtpCodeForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            codes = actions.confirm_totp_device(
                device,
                code=form.cleaned_data["code"],
                password=form.cleaned_data.get("password", ""),
                by=principal,
                keep_session=request.session.session_key,
            )
            _verified(request, device)
            if replacing:
                messages.success(request, _("Your new authenticator app is set up."))
            else:
                messages.success(request, _("Two-factor authentication is set up."))
            return render(request, "access/mfa_recovery_codes.html", {"codes": codes})
    qr_svg = segno.make(device.config_url, error="m").svg_data_uri(scale=5)
    secret = b32encode(device.bin_key).decode().rstrip("=")
    context = {"form": form, "qr": qr_svg, "secret": secret, "replacing": replacing}
    return render(request, "access/mfa_setup.html", context)


def mfa_verify(request: AuthedRequest) -> HttpResponse:
    """The authenticator's code or a recovery code; the only page a half-logged session sees."""
    if queries.second_factor_owed(request.user) != queries.VERIFY:
        return redirect(_safe_next(request, request.GET.get("next", "")))
    principal = principal_of(request)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_is_allowed()[0] and device.verify_token(code):
                _verified(request, device)
                audit.record(
                    AuditAction.MFA_VERIFIED,
                    principal=principal,
                    object_type="access.user",
                    object_id=request.user.pk,
                )
                return redirect(_safe_next(request, request.GET.get("next", "")))
        audit.record(
            AuditAction.MFA_FAILED,
            principal=principal,
            object_type="access.user",
            object_id=request.user.pk,
        )
        form.add_error("code", _("This code is not valid."))
    return render(request, "access/mfa_verify.html", {"form": form})


def password_change(request: AuthedRequest) -> HttpResponse:
    """The user's own password (with the current one) and the way to a new authenticator."""
    user = request.user
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_onto(form):
            actions.change_password(
                user,
                current_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
                by=principal_of(request),
                keep_session=request.session.session_key,
            )
            update_session_auth_hash(request, user)  # keeps this session, under a new key
            messages.success(request, _("Your password is changed; your other sessions ended."))
            return redirect("password_change")
    context = {"form": form, "has_second_factor": queries.has_second_factor(user)}
    return render(request, "access/password_change.html", context)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirm(PasswordResetConfirmView):
    """The link a forced reset e-mails: Django checks it and hides it from the Referer;
    the action sets the password. Someone logged in is sent away from it."""

    template_name = "access/password_reset_confirm.html"
    success_url = reverse_lazy("login")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            messages.info(request, _("Log out before you use a password link."))
            return redirect("dashboard")
        return super().dispatch(request, *args, **kwargs)

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None  # a deactivated account

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        assert self.user is not None  # a valid link names its user
        token = self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, "")
        actions.complete_password_reset(
            self.user, token=token, new_password=form.cleaned_data["new_password1"]
        )
        messages.success(self.request, _("Your new password is set. Log in with it."))
        return redirect(self.success_url)


@require_perm(Perm.AUDIT_VIEW)
def audit_trail(request: AuthedRequest) -> HttpResponse:
    principal = principal_of(request)
    events = queries.audit_events_visible_to(principal)
    sites = queries.sites_of(principal).filter(pk__in=principal.sites_where(Perm.AUDIT_VIEW))
    form = AuditFilterForm(request.GET or None, sites=sites, actors=queries.users_of(principal))
    refused = form.is_bound and not form.is_valid()
    if form.is_valid():
        events = queries.filter_audit_events(events, form.cleaned_data)
    elif refused:  # the errors, never the whole trail as if it were what was asked
        events = events.none()
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "access/audit_trail.html#events" if request.htmx else "access/audit_trail.html"
    rows = queries.audit_rows(principal, page.object_list)
    context = {"form": form, "page": page, "rows": rows}
    return render(request, template, context, status=400 if refused else 200)
