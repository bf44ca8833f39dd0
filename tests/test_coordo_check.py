"""`coordo check`: Django's deployment checks plus Coordo's own; non-zero on any problem.

On PostgreSQL the database-role check joins them (coordo/access/tests/test_database_roles.py).
"""

from __future__ import annotations

import copy

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from coordo.checks import main as coordo_check
from coordo.checks import sqlite_serialises_writers
from coordo.cli import main as coordo
from tests.production import production_deployment

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="on PostgreSQL the suite's superuser fails E001"
)


def test_the_coordo_command_has_check_and_audit(capsys):
    assert coordo(["--help"]) == 0
    commands = capsys.readouterr().out
    assert "  check " in commands
    assert "  audit " in commands


@pytest.mark.django_db
def test_a_development_setup_does_not_pass(capsys):
    assert coordo_check([]) == 1
    errors = capsys.readouterr().err
    assert "(security.W009) Your SECRET_KEY has less than 50 characters" in errors
    assert (
        "(coordo.W001) The daily jobs (the audit chain heads to the log…) are not scheduled."
        in (errors)
    )
    assert "HINT: Run `coordo manage schedule_daily` beside the task worker." in errors
    # Coordo's own, one for each thing a development set-up lacks.
    for check_id in ("E004", "E007", "E008", "E009", "E010"):
        assert f"(coordo.{check_id})" in errors


@sqlite_only
@pytest.mark.django_db
def test_a_production_setup_with_its_daily_jobs_passes(capsys, monkeypatch, tmp_path):
    # The browser tests set it for Playwright's event loop; a deployment never has it.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    with production_deployment(tmp_path):
        assert coordo_check([]) == 0
    assert capsys.readouterr().out.endswith("coordo check: the deployment passes every check.\n")


@sqlite_only
@pytest.mark.django_db
def test_one_problem_in_production_fails_the_whole_check(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    with production_deployment(tmp_path, COORDO_BACKUP_DIR=str(tmp_path / "none")):
        assert coordo_check([]) == 1
    assert "(coordo.E010) There is no backup in" in capsys.readouterr().err


def test_sqlite_without_immediate_transactions_is_refused():
    databases = copy.deepcopy(settings.DATABASES)
    databases["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": "x.sqlite3"}
    with override_settings(DATABASES=databases):
        (error,) = sqlite_serialises_writers()
    assert (error.id, error.msg) == ("coordo.E002", "SQLite runs without IMMEDIATE transactions.")
