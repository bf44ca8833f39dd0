"""Request-wide concerns: request id, two-factor enforcement, current site, no-store."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from coordo.access import queries
from coordo.access.client_ip import client_ip
from coordo.access.request_context import (
    RequestContext,
    new_request_id,
    reset_request_context,
    set_request_context,
)
from coordo.access.scoping import principal_for_user
from coordo.web import caching

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


# What a session that still owes its second factor may reach, besides public views.
HALF_LOGGED_IN_URL_NAMES = {
    queries.VERIFY: {queries.VERIFY, "logout", "set_language"},
    queries.SET_UP: {queries.SET_UP, "logout", "set_language"},
}


class MfaRequiredMiddleware:
    """A session that still owes its second factor is half logged in, on every route.

    Pages send it to the verification page (or, for a role that needs a device and has
    none, to the setup page). Public views, the API among them, see no login at all, so
    every API route answers 401 whatever its own authentication does; a new route cannot
    forget the rule.
    """

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
        owed = queries.second_factor_owed(user)  # type: ignore[arg-type]
        request.second_factor_owed = owed  # type: ignore[attr-defined]
        if owed is None or request.resolver_match.view_name in HALF_LOGGED_IN_URL_NAMES[owed]:
            return None
        if not getattr(view_func, "login_required", True):
            request.user = AnonymousUser()
            return None
        target = reverse(owed)
        if owed == queries.VERIFY and request.method == "GET" and request.path != "/":
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        return redirect(target)


class CurrentSiteMiddleware:
    """The site a multi-site worker is looking at, chosen with the site switcher."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.current_site = None  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            # One query for both the switcher's list (the header) and the current site.
            sites = list(queries.member_sites(principal_for_user(user)))  # type: ignore[arg-type]
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
    """Pages seen by a logged-in user, and every API answer, may hold personal data; an API
    answer a view marked public (coordo.web.caching) holds none, as its page does."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        api = request.path.startswith("/api/") and not caching.is_public(response)
        if request.user.is_authenticated or api:
            response["Cache-Control"] = "no-store"
        return response
