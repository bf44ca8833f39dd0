"""DEBUG stays off unless asked for, and the error pages say something useful without it."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.test import Client
from django.urls import include, path
from django.utils import translation

from conftest import verified_client

SETTINGS = Path(__file__).resolve().parent.parent / "config" / "settings.py"


@login_not_required
def broken_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret-frame-value 77031494777")


urlpatterns = [path("broken/", broken_view), path("", include("config.urls"))]


def settings_with(monkeypatch: pytest.MonkeyPatch, **environ: str) -> dict[str, object]:
    for name in ("COORDO_DEBUG", "COORDO_ENV"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_debug_is_off_unless_explicitly_asked_for(monkeypatch, tmp_path):
    monkeypatch.setenv("COORDO_VAR_DIR", str(tmp_path))
    demo = settings_with(monkeypatch)
    assert demo["DEBUG"] is False
    assert {"127.0.0.1", "localhost"} <= set(demo["ALLOWED_HOSTS"])  # type: ignore[arg-type]
    assert settings_with(monkeypatch, COORDO_DEBUG="0")["DEBUG"] is False
    assert settings_with(monkeypatch, COORDO_DEBUG="1")["DEBUG"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "home"),
    [
        ("fr", "Page introuvable", "Retour au tableau de bord"),
        ("nl", "Niet gevonden", "Terug naar het dashboard"),
    ],
)
def test_a_missing_page_answers_the_translated_404_in_the_site_layout(
    social_worker, language, title, home
):
    for client in (
        verified_client(social_worker, language),
        Client(headers={"accept-language": language}),
    ):
        answer = client.get("/no-such-page/")
        body = answer.content.decode()
        assert answer.status_code == 404
        assert f'<html lang="{language}">' in body
        assert f"<h1>{title}</h1>" in body
        assert f'<a href="/">{home}</a>' in body
        assert 'class="topbar"' in body


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Une erreur est survenue"), ("nl", "Er is iets misgegaan")]
)
def test_an_error_answers_the_translated_500_without_a_stack_trace(language, title):
    answer = Client(raise_request_exception=False, headers={"accept-language": language}).get(
        "/broken/"
    )
    body = answer.content.decode()
    assert answer.status_code == 500
    assert f'<html lang="{language}">' in body
    assert f"<h1>{title}</h1>" in body
    assert 'class="topbar"' in body
    assert '<a href="/">' in body
    for leak in ("Traceback", "RuntimeError", "secret-frame-value", "77031494777", "SECRET_KEY"):
        assert leak not in body


def test_the_500_page_needs_neither_the_database_nor_a_request():
    # No django_db mark: any query here fails the test; no context, as Django renders it.
    with translation.override("nl"):
        body = render_to_string("500.html")
    assert "<h1>Er is iets misgegaan</h1>" in body
