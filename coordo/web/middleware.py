"""Request-wide guards of the web layer: no NUL character gets in, no browser feature is lent.

PostgreSQL cannot store or even compare a NUL character (a DataError, a 500), and a form
field is only one of the ways in: a view reading `request.GET` itself, a path converter,
a cookie. So one middleware, ahead of everything that touches the database, refuses a NUL
in the address or in any field's name or value, naming the field, and drops a cookie
holding one (it was never set by Coordo; the session cookie is looked up in the database).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.messages import ERROR
from django.contrib.messages.storage.base import Message
from django.core.validators import ProhibitNullCharactersValidator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

Handler = Callable[[HttpRequest], HttpResponse]
NUL = "\x00"
# The API's own message for it (coordo/api/input.py), Django's, translated by Django.
NUL_MESSAGE = ProhibitNullCharactersValidator.message
# No page asks for these; a script injected despite the CSP gets none of them either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def nul_fields(data: MultiValueDict) -> list[str]:
    """The names of the fields whose name or any value (or uploaded file's name) holds a NUL."""
    return [
        key
        for key, values in data.lists()
        if NUL in key or any(NUL in str(getattr(value, "name", value)) for value in values)
    ]


def _refusals(request: HttpRequest) -> list[tuple[str, str]]:
    """(where, field) for each field at fault; `where` as the API says it: query or form."""
    found = [("query", key) for key in nul_fields(request.GET)]
    if request.method == "POST":
        found += [("form", key) for key in nul_fields(request.POST) + nul_fields(request.FILES)]
    return found


class RefuseNulMiddleware:
    """A NUL in the address or a field answers 400 (the API: 422, its error shape)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name in [name for name, value in request.COOKIES.items() if NUL in name + value]:
            del request.COOKIES[name]
        refusals = _refusals(request)
        if NUL not in request.path_info and not refusals:
            return self.get_response(request)
        # LocaleMiddleware comes later: nothing before it may need the session or the user.
        with translation.override(translation.get_language_from_request(request)):
            if request.path_info.startswith("/api/"):
                return _api_refusal(refusals)
            return _page_refusal(request, [field for _, field in refusals])


def _shown(field: str) -> str:
    return field.replace(NUL, "\N{SYMBOL FOR NULL}")


def _api_refusal(refusals: list[tuple[str, str]]) -> HttpResponse:
    detail = [
        {"loc": [where, _shown(field)], "msg": str(NUL_MESSAGE), "type": "string_nul"}
        for where, field in refusals
    ] or [{"loc": ["path"], "msg": str(NUL_MESSAGE), "type": "string_nul"}]
    return JsonResponse({"detail": detail}, status=422)


def _page_refusal(request: HttpRequest, fields: list[str]) -> HttpResponse:
    reasons = [
        gettext("The field «%(field)s» contains a NUL character.") % {"field": _shown(field)}
        for field in fields
    ] or [gettext("The address contains a NUL character.")]
    if "HX-Request" not in request.headers:
        return HttpResponse(render_to_string("nul_refused.html", {"reasons": reasons}), status=400)
    # htmx: the part of the page it updates (search results, a form) stays as it is, and the
    # reasons go where the page shows its messages; swapping them in instead lost the target.
    shown = {"messages": [Message(ERROR, reason) for reason in reasons], "swap_oob": True}
    response = HttpResponse(render_to_string("base.html#messages", shown), status=400)
    response["HX-Reswap"] = "none"
    return response


class PermissionsPolicyMiddleware:
    """Every answer denies the browser features no page of Coordo uses."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
