"""PostgreSQL's own tools for `coordo backup` and `coordo restore`: pg_dump, pg_restore.

They connect as Django does, from the settings' DATABASES entry; the password goes in
their environment (PGPASSWORD), never on a command line others can read in `ps`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

Database = dict[str, Any]  # a DATABASES entry
CLIENT_TOOLS = "apt-get install postgresql-client (the server's major version or newer)"
# What `coordo restore` counts in the target: anything there means it is not empty.
OBJECTS = """
SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%%'
  AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
"""


class BackupError(Exception):
    """A plain message for the operator: what is wrong, and what to do."""


def require_postgres(database: Database, command: str) -> None:
    if database["ENGINE"] == "django.db.backends.postgresql":
        return
    raise BackupError(
        f"`coordo {command}` works on PostgreSQL, and this database is SQLite ({database['NAME']}). "
        "On SQLite, stop the web server and the worker and copy the file with sqlite3's "
        "`.backup` command, then encrypt the copy with age into COORDO_BACKUP_DIR "
        "(docs/production.md, 'Backups'); or move to PostgreSQL."
    )


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed or not on PATH: {CLIENT_TOOLS}.")
    return path


def environment(database: Database) -> dict[str, str]:
    env = {
        **os.environ,
        "PGHOST": str(database.get("HOST") or "127.0.0.1"),
        "PGPORT": str(database.get("PORT") or 5432),
        "PGUSER": str(database.get("USER") or "postgres"),
        "PGDATABASE": str(database["NAME"]),
    }
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    return env


def _run(argv: list[str], database: Database) -> None:
    done = subprocess.run(  # noqa: S603 (PostgreSQL's tool, fixed options)
        argv, env=environment(database), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {done.stderr.strip()[-2000:]}")


def dump(database: Database, target: Path) -> None:
    """The whole database, schema and rows, in pg_dump's compressed custom format."""
    _run([tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}"], database)


def restore(database: Database, source: Path) -> None:
    """Into the database, in one transaction: an error leaves it as empty as it was.

    Owners and grants are not restored: the objects belong to whoever restores (the
    owner role), and `coordo manage database_roles` gives the runtime role its rights.
    """
    _run(
        [
            tool("pg_restore"),
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "--no-password",
            f"--dbname={database['NAME']}",
            str(source),
        ],
        database,
    )


def objects_in(database: Database) -> int:
    """How many tables, views and sequences the database already holds."""
    with psycopg.connect(_conninfo(database)) as connection:
        row = connection.execute(OBJECTS).fetchone()
    return int(row[0]) if row else 0


def server_version(database: Database) -> str:
    with psycopg.connect(_conninfo(database)) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else ""


def _conninfo(database: Database) -> str:
    env = environment(database)
    parts = {"host": env["PGHOST"], "port": env["PGPORT"], "user": env["PGUSER"]}
    parts["dbname"] = env["PGDATABASE"]
    if "PGPASSWORD" in env:
        parts["password"] = env["PGPASSWORD"]
    return make_conninfo(**parts)
