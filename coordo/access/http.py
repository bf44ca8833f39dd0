"""View helpers shared by every app: the request's principal and permission gates."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from coordo.access.models import Site, User
from coordo.access.policy import Perm
from coordo.access.scoping import Principal, principal_for_user

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails


class AuthedRequest(HttpRequest):
    """A request past LoginRequiredMiddleware, with what Coordo's middleware adds."""

    user: User  # type: ignore[assignment]
    current_site: Site | None
    htmx: HtmxDetails
    request_id: str


def principal_of(request: HttpRequest) -> Principal:
    return principal_for_user(request.user)  # type: ignore[arg-type]  # logged in by now


def require_perm(
    perm: Perm,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """403 for a role that never holds `perm`; objects outside scope still answer 404."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            principal_of(request).require(perm)
            return view(request, *args, **kwargs)

        wrapped.required_perm = perm  # type: ignore[attr-defined]
        return wrapped

    return decorator


def add_action_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put an action's ValidationError next to the field it names (or on the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def flash_form_errors(request: HttpRequest, form: forms.BaseForm) -> None:
    """For forms posted from another page: each error, with its field's label, as a message."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        text = " ".join(str(error) for error in errors)
        messages.error(request, f"{label}: {text}" if label else text)


def current_site_id(request: AuthedRequest) -> int | None:
    return request.current_site.pk if request.current_site else None
