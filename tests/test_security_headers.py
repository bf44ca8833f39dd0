from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyrage
import pytest
from django.test import Client

from conftest import verified_client
from coordo.web.middleware import PERMISSIONS_POLICY
from tests.production import STRONG_KEY

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_pages_carry_a_nonce_based_csp_and_strict_headers(person, social_worker):
    response = verified_client(social_worker).get(f"/people/{person.pk}/")
    csp = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce is not None
    assert f'nonce="{nonce.group(1)}"' in response.content.decode()
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_pages_and_api_answers_with_personal_data_are_not_stored_by_caches(person, social_worker):
    client = verified_client(social_worker)
    assert client.get("/api/people").headers["Cache-Control"] == "no-store"
    assert client.get("/people/").headers["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_static_files_are_served_by_the_app_itself():
    response = Client().get("/static/vendor/htmx/htmx-2.0.11.min.js")
    assert response.status_code == 200


@pytest.mark.django_db
def test_every_answer_denies_the_browser_features_no_page_uses(social_worker):
    answers = [
        Client().get("/accounts/login/"),
        Client().get("/static/vendor/htmx/htmx-2.0.11.min.js"),
        verified_client(social_worker).get("/people/"),
        Client(raise_request_exception=False).get("/planning/calendar/abc%00def.ics"),
    ]
    for answer in answers:
        assert answer["Permissions-Policy"] == PERMISSIONS_POLICY
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in PERMISSIONS_POLICY


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host(person, social_worker):
    body = verified_client(social_worker).get(f"/people/{person.pk}/").content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', body)


def test_check_deploy_passes_with_production_settings(tmp_path):
    # The browser tests allow sync ORM calls beside Playwright's loop; production never does.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "coordo-20261123T021500Z.tar.age").write_bytes(b"age")
    env |= {
        "COORDO_ENV": "production",
        "COORDO_SECRET_KEY": STRONG_KEY,
        "COORDO_ALLOWED_HOSTS": "coordo.example.org",
        "COORDO_VAR_DIR": str(tmp_path),
        "COORDO_BEHIND_TLS_PROXY": "1",
        "COORDO_EMAIL_HOST": "smtp.example.org",
        "COORDO_FROM_EMAIL": "coordo@example.org",
        "COORDO_BACKUP_DIR": str(backups),
        "COORDO_BACKUP_RECIPIENT": str(pyrage.x25519.Identity.generate().to_public()),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    # The browser tests allow sync ORM calls beside Playwright's loop; production never does.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "COORDO_ENV": "production",
        "COORDO_SECRET_KEY": "",
        "COORDO_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "COORDO_SECRET_KEY" in result.stderr
