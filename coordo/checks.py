"""`coordo check`: refuse to pass a deployment that is not safe to run.

It runs Django's deployment checks (`check --deploy`) and Coordo's own, on the database
too, and fails on any warning: each message names what is wrong and how to fix it.
Coordo's own checks join Django's registry with `@deploy_check` (tag "coordo", run only
for deployments), each returning a list of messages with an id "coordo.E…" or "coordo.W…"
and a hint. The database-role check lives in coordo/access/database_roles.py.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from django.core.checks import CheckMessage, Error, Tags, Warning, register

from coordo.cli import start_django

CheckFunction = Callable[..., list[CheckMessage]]


def deploy_check(*, database: bool = False) -> Callable[[CheckFunction], CheckFunction]:
    """Register a deployment check; `database=True` for one that queries the database."""
    tags = ("coordo", Tags.database) if database else ("coordo",)

    def decorator(check: CheckFunction) -> CheckFunction:
        def run(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
            return check(**kwargs)

        run.__name__ = check.__name__
        register(run, *tags, deploy=True)
        return check

    return decorator


@deploy_check()
def sqlite_serialises_writers(**kwargs: Any) -> list[CheckMessage]:
    """On SQLite, IMMEDIATE transactions keep a place from being given twice and the audit
    chain from forking."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    options: dict[str, Any] = database.get("OPTIONS", {})  # type: ignore[assignment]
    immediate = options.get("transaction_mode") == "IMMEDIATE"
    if database["ENGINE"] != "django.db.backends.sqlite3" or immediate:
        return []
    return [
        Error(
            "SQLite runs without IMMEDIATE transactions.",
            hint="Keep OPTIONS['transaction_mode'] = 'IMMEDIATE' of config/settings.py.",
            id="coordo.E002",
        )
    ]


@deploy_check(database=True)
def daily_jobs_scheduled(databases: list[str] | None = None, **kwargs: Any) -> list[CheckMessage]:
    from django.db import connection
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from coordo.schedule import run_daily_jobs

    if not databases or "default" not in databases:
        return []
    if DBTaskResult._meta.db_table not in connection.introspection.table_names():
        return [
            Error(
                "The database is not migrated.",
                hint="Run `coordo manage migrate` with the owner's connection (docs/production.md).",
                id="coordo.E003",
            )
        ]
    waiting = DBTaskResult.objects.filter(
        task_path=run_daily_jobs.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return []
    return [
        Warning(
            "The daily jobs (the audit chain heads to the log…) are not scheduled.",
            hint="Run `coordo manage schedule_daily` beside the task worker.",
            id="coordo.W001",
        )
    ]


def main(argv: list[str]) -> int:
    if argv:
        print("usage: coordo check   (no arguments; the COORDO_* settings are checked)")
        return 0 if argv[0] in {"-h", "--help"} else 2
    start_django()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=True, fail_level="WARNING", databases=["default"])
    except SystemCheckError as error:
        print(error, file=sys.stderr)
        print("coordo check: this deployment is not ready; fix the above.", file=sys.stderr)
        return 1
    print("coordo check: the deployment passes every check.")
    return 0
