"""While the database is away, pages answer a plain 503 "try again", the API a JSON 503.

The real outage (the server stopped for 30 s under gunicorn) is benchmarks/load/fault.py;
this proves the answer itself, raised where a request meets the database.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from config.urls import handler500  # what the project's URLconf answers with

SECRET = "connection to server at 10.0.0.7 failed: secret-frame-value 5150"


@login_not_required
def database_gone(request: HttpRequest) -> HttpResponse:
    raise OperationalError(SECRET)


@login_not_required
def connection_dropped(request: HttpRequest) -> HttpResponse:
    raise InterfaceError(SECRET)


@login_not_required
def other_error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(SECRET)


urlpatterns = [
    path("db-gone/", database_gone),
    path("db-dropped/", connection_dropped),
    path("api/db-gone/", database_gone),
    path("other/", other_error),
]
pytestmark = pytest.mark.urls(__name__)


def answer(url: str, language: str = "en") -> tuple[int, str, HttpResponse]:
    client = Client(raise_request_exception=False, headers={"accept-language": language})
    response = client.get(url)
    return response.status_code, response.content.decode(), response


@pytest.mark.parametrize("url", ["/db-gone/", "/db-dropped/"])
def test_a_page_answers_try_again_without_a_trace(url):
    status, body, response = answer(url)
    assert status == 503
    assert response["Retry-After"] == "30"
    assert "<h1>Unavailable for a moment</h1>" in body
    assert "was not saved" in body
    assert 'class="topbar"' in body
    for leak in ("Traceback", "OperationalError", "InterfaceError", "10.0.0.7", "5150"):
        assert leak not in body


@pytest.mark.parametrize(
    ("language", "title"),
    [("fr", "Indisponible pour un moment"), ("nl", "Even niet beschikbaar")],
)
def test_the_page_is_translated(language, title):
    status, body, _response = answer("/db-gone/", language)
    assert status == 503
    assert f"<h1>{title}</h1>" in body


def test_the_api_answers_json():
    status, body, response = answer("/api/db-gone/")
    assert status == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The service is unavailable for a moment. Try again in a minute."
    }
    assert "10.0.0.7" not in body


def test_any_other_error_is_still_the_plain_500():
    status, body, _response = answer("/other/")
    assert status == 500
    assert "<h1>Something went wrong</h1>" in body
    assert "secret-frame-value" not in body


def test_the_project_urlconf_names_this_handler():
    assert handler500 == "coordo.web.unavailable.server_error"
