"""/health/: the load balancer's probe says ok, or 503 naming what fails, and nothing else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, override_settings
from django.utils import timezone

from coordo.operations.heartbeat import record_beat

pytestmark = pytest.mark.django_db


def probe(client: Client, host: str = "testserver") -> tuple[int, dict]:
    response = client.get("/health/", HTTP_HOST=host)
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie: nothing to remember
    return response.status_code, json.loads(response.content)


def test_all_well_answers_ok_and_only_that(client):
    record_beat()
    assert probe(client) == (200, {"status": "ok"})


def test_no_worker_ever_seen_is_named(client):
    assert probe(client) == (503, {"status": "failing", "failing": ["worker"]})


@override_settings(COORDO_WORKER_STALE_AFTER_SECONDS=300)
def test_a_worker_silent_for_longer_than_the_setting_is_named(client):
    record_beat(timezone.now() - timedelta(seconds=299))
    assert probe(client)[0] == 200
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        assert probe(client) == (503, {"status": "failing", "failing": ["worker"]})


def test_a_migration_not_applied_is_named(client):
    record_beat()
    MigrationRecorder.Migration.objects.filter(app="operations").delete()
    assert probe(client) == (503, {"status": "failing", "failing": ["migrations"]})


@contextmanager
def unreachable_database() -> Iterator[None]:
    """The default connection pointed where no database answers, for real."""
    reachable = connections["default"]
    elsewhere = (
        {"NAME": "/nonexistent/coordo/db.sqlite3"}
        if reachable.vendor == "sqlite"
        else {"PORT": "1"}
    )
    connections["default"] = type(reachable)({**reachable.settings_dict, **elsewhere}, "default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = reachable


def test_an_unreachable_database_is_named_alone(client, caplog):
    record_beat()
    with unreachable_database():
        assert probe(client) == (503, {"status": "failing", "failing": ["database"]})
    assert "health check database: OperationalError" in caplog.text


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["coordo.example.org"])
def test_the_probe_over_plain_http_is_not_redirected(client):
    record_beat()
    assert probe(client, "coordo.example.org") == (200, {"status": "ok"})
    assert client.get("/accounts/login/", HTTP_HOST="coordo.example.org").status_code == 301


def test_it_only_reads(client):
    assert client.post("/health/").status_code == 405
    assert client.head("/health/").status_code in {200, 503}
