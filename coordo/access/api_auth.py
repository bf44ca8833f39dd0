"""API credentials: a bearer token (integrations) or the browser session (admins, the UI)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer

from coordo.access.models import ApiToken, hash_token
from coordo.access.policy import Perm
from coordo.access.queries import second_factor_owed
from coordo.access.scoping import Principal, principal_for_token, principal_for_user

LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        now = timezone.now()
        # Revoked, expired or of a deactivated organisation: the key no longer opens anything.
        api_token = ApiToken.objects.filter(
            key_hash=hash_token(token),
            revoked_at__isnull=True,
            expires_at__gt=now,
            organisation__is_active=True,
        ).first()
        if api_token is None:
            return None
        # Writing on every call would turn each read into a write; minutes are enough.
        if api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        principal = principal_for_token(api_token)
        request.principal = principal  # type: ignore[attr-defined]
        return principal


class SessionAuth(APIKeyCookie):
    """The logged-in user, with CSRF on writes and the second factor when their role needs it."""

    param_name = "sessionid"

    def _get_key(self, request: HttpRequest) -> str | None:
        # A call that sent a token, or no session, is judged as a token call: its answer is
        # 401, not "CSRF check failed", which only a browser session can fail.
        if "authorization" in request.headers or not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: Any) -> Principal | None:
        user = request.user
        if not user.is_authenticated:
            return None
        # MfaRequiredMiddleware already shows the API no login; this holds without it too.
        if second_factor_owed(user) is not None:  # type: ignore[arg-type]
            return None
        principal = principal_for_user(user)  # type: ignore[arg-type]
        request.principal = principal  # type: ignore[attr-defined]
        return principal


def api_principal(request: HttpRequest, perm: Perm | None = None) -> Principal:
    """Who this API call acts as (its token, or the logged-in user); 403 without `perm`."""
    principal: Principal = request.auth  # type: ignore[attr-defined]
    if perm is not None:
        principal.require(perm)
    return principal


def named_worker(request: HttpRequest) -> Principal:
    """The caller, when a named worker is behind it: 403 for a token, for what only a
    person may do (an integration acts as its token, which names nobody)."""
    principal = api_principal(request)
    principal.named_worker_id()
    return principal
