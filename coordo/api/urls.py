"""The HTTP API under /api/: OpenAPI 3 schema and docs for admins, tokens or session for calls."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI

from coordo.access.api_auth import SessionAuth, TokenAuth
from coordo.access.policy import Perm
from coordo.access.queries import second_factor_owed
from coordo.access.scoping import principal_for_user
from coordo.api.errors import add_error_answers
from coordo.casework.api import router as casework_router
from coordo.community.api import router as community_router
from coordo.dispatch.api import router as dispatch_router
from coordo.housing.api import router as housing_router
from coordo.incidents.api import router as incidents_router
from coordo.partners.api import router as partners_router
from coordo.people.api import router as people_router
from coordo.planning.api import router as planning_router
from coordo.reports.api import router as reports_router


def admins_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The schema and the docs describe the whole API: only logged-in admins read them."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            raise Http404
        principal = principal_for_user(user)  # type: ignore[arg-type]
        verified = second_factor_owed(user) is None  # type: ignore[arg-type]
        if not (principal.can(Perm.API_DOCS) and verified):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class CoordoAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return add_error_answers(super().get_openapi_schema(**kwargs))


api = CoordoAPI(
    title="Coordo API",
    version="1",
    description="Scoped by organisation, site and role, exactly like the pages. "
    "Authenticate with `Authorization: Bearer <token>` (tokens are issued by an "
    "organisation admin under Manage → API tokens).",
    auth=[TokenAuth(), SessionAuth()],
    docs_decorator=admins_only,
    urls_namespace="api",
)
for router in (
    people_router,
    housing_router,
    casework_router,
    partners_router,
    planning_router,
    dispatch_router,
    incidents_router,
    reports_router,
    community_router,
):
    api.add_router("/", router)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Field errors from actions, in the same shape as Ninja's own 422 answers.

    409 when every error is a conflict with the record's present state (code "conflict":
    the place was given to someone else meanwhile), which a retry may not fix.
    """
    if hasattr(exc, "error_dict"):
        detail = [
            {"loc": ["body", field], "msg": " ".join(messages), "type": "value_error"}
            for field, messages in exc.message_dict.items()
        ]
    else:
        detail = [{"loc": ["body"], "msg": " ".join(exc.messages), "type": "value_error"}]
    errors = (
        [error for errors in exc.error_dict.values() for error in errors]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    conflict = all(error.code == "conflict" for error in errors)
    return api.create_response(request, {"detail": detail}, status=409 if conflict else 422)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": gettext("Your role does not allow this.")}, status=403
    )


def api_urls() -> tuple[list[Any], str, str]:
    """Ninja's URL patterns, opted out of LoginRequiredMiddleware: the API checks credentials."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback.login_required = False  # type: ignore[union-attr]
    return patterns, app_name, namespace
