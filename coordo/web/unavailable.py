"""The answer when the database is away: a plain "try again in a minute" page, never a trace.

A database restarted, failed over or briefly unreachable raises OperationalError (or
InterfaceError on a connection it dropped) wherever the request first touched it: the
session lookup, the user, the view. All of them end in Django's 500 handler, so that is
where one answer is chosen: 503 with Retry-After and the site's error look (no request
context: the context processors would query the database again), JSON for the API.
Nothing was saved: the request's transaction never committed. The next request opens a
new connection by itself (Django drops an unusable one at the end of each request).
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30
logger = logging.getLogger(__name__)


def database_away() -> bool:
    exception = sys.exc_info()[1]
    return isinstance(exception, (OperationalError, InterfaceError))


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: 503 "try again" when the database is away, else the 500 page."""
    if not database_away():
        return django_server_error(request)
    logger.warning("database unavailable: answered 503 to %s %s", request.method, request.path)
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": gettext("The service is unavailable for a moment. Try again in a minute.")},
            status=503,
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
