"""Request-wide concerns: request id, two-factor enforcement, current site, no-store."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from coordo.access.client_ip import client_ip
from coordo.access.policy import mfa_required_for
from coordo.access.queries import member_sites
from coordo.access.request_context import (
    RequestContext,
    new_request_id,
    reset_request_context,
    set_request_context,
)
from coordo.access.scoping import principal_for_user

Handler = Callable[[HttpRequest], HttpResponse]
SESSION_SITE_KEY = "coordo_current_site"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,32}$")


class RequestContextMiddleware:
    """Gives every request an id (kept from X-Request-ID when well-formed) and its client IP."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_request_context(RequestContext(request_id, client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            reset_request_context(token)
        response["X-Request-ID"] = request_id
        return response


# Pages a user who still owes the second factor may reach.
MFA_EXEMPT_URL_NAMES = {"mfa_setup", "mfa_verify", "logout", "set_language"}


class MfaRequiredMiddleware:
    """Roles that handle case files must set up TOTP at first login and verify every session."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, *args: object
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or request.resolver_match is None:
            return None
        if request.resolver_match.url_name in MFA_EXEMPT_URL_NAMES:
            return None
        if request.path.startswith("/api/"):
            return None  # the API checks its own credentials
        principal = principal_for_user(user)  # type: ignore[arg-type]
        if not mfa_required_for(principal.roles) or user.is_verified():  # type: ignore[union-attr]
            return None
        from django_otp.plugins.otp_totp.models import TOTPDevice

        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        return redirect(reverse("mfa_verify" if has_device else "mfa_setup"))


class CurrentSiteMiddleware:
    """The site a multi-site worker is looking at, chosen with the site switcher."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.current_site = None  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            # One query for both the switcher's list (the header) and the current site.
            sites = list(member_sites(principal_for_user(user)))  # type: ignore[arg-type]
            request.member_sites = sites  # type: ignore[attr-defined]
            by_id = {site.pk: site for site in sites}
            chosen = request.session.get(SESSION_SITE_KEY)
            site_id = chosen if chosen in by_id else min(by_id, default=None)
            if site_id is not None:
                request.current_site = by_id[site_id]  # type: ignore[attr-defined]
        return self.get_response(request)


# A live session is saved (and its idle expiry pushed back) at most this often, not on
# every request: the idle timeout stays exact to within this many seconds.
SESSION_TOUCH_KEY = "coordo_touched"
SESSION_TOUCH_SECONDS = 60


class SlidingSessionMiddleware:
    """Sliding idle expiry without a session write on every request."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # An empty session (anonymous, or just logged out) is never created by a touch.
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(SESSION_TOUCH_KEY, 0) >= SESSION_TOUCH_SECONDS:
                session[SESSION_TOUCH_KEY] = now
        return response


class NoStoreMiddleware:
    """Pages seen by a logged-in user, and every API answer, may hold personal data."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or request.path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
        return response
