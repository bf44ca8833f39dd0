"""PostgreSQL roles: an owner that migrates, a runtime role that owns nothing.

The tables' owner can TRUNCATE the audit table, disable its trigger or drop it, and a
superuser can also set `session_replication_role = replica`, which silences triggers.
So the application connects as a runtime role that owns no table, schema or database,
is no superuser, cannot create roles, and on the audit table holds only SELECT and
INSERT; migrations run as the owner (docs/production.md, "Database roles").

`setup_statements()` is what `manage.py database_roles` runs (as a superuser);
`role_problems()` is what `coordo check` verifies on the connection the app uses.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.checks import CheckMessage, Error
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

from coordo.checks import deploy_check

AUDIT_TABLE = "access_auditevent"
APP_TABLE_GRANTS = "SELECT, INSERT, UPDATE, DELETE"
AUDIT_REFUSED = ("UPDATE", "DELETE", "TRUNCATE", "TRIGGER", "REFERENCES")
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")

# Ownership of every table, view, free-standing sequence and function of the schema passes
# to the owner (sequences of identity columns follow their table; extensions keep theirs).
_HAND_OVER = """
DO $$
DECLARE item record;
BEGIN
    FOR item IN SELECT c.oid::regclass AS name FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    LOOP EXECUTE format('ALTER TABLE %s OWNER TO {owner}', item.name); END LOOP;
    FOR item IN SELECT c.oid::regclass AS name FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'S'
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i', 'e'))
    LOOP EXECUTE format('ALTER SEQUENCE %s OWNER TO {owner}', item.name); END LOOP;
    FOR item IN SELECT p.oid::regprocedure AS name FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public'
          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP EXECUTE format('ALTER ROUTINE %s OWNER TO {owner}', item.name); END LOOP;
END $$
"""


def _create_role(name: str, attributes: str) -> str:
    return (
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') "
        f"THEN CREATE ROLE {name} {attributes}; END IF; END $$"
    )


def setup_statements(database: str, owner: str, app: str) -> list[str]:
    """The SQL that creates (or repairs) both roles and their grants; safe to run again."""
    for name in (owner, app):
        if not ROLE_NAME.fullmatch(name):
            raise ValueError(f"{name!r}: a role name is lower-case letters, digits and _")
    if owner == app:
        raise ValueError("the owner and the runtime role must be two roles")
    limited = "NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    db = '"' + database.replace('"', '""') + '"'
    return [
        _create_role(owner, f"LOGIN {limited}"),
        _create_role(app, f"LOGIN {limited}"),
        f"ALTER ROLE {app} {limited}",
        f"REVOKE {owner} FROM {app}",
        f"ALTER DATABASE {db} OWNER TO {owner}",
        f"ALTER SCHEMA public OWNER TO {owner}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        _HAND_OVER.format(owner=owner),
        f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {app}",
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT {APP_TABLE_GRANTS} ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT {APP_TABLE_GRANTS} ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
        # The audit trail: read and append, nothing else (the default grant above included more).
        f"REVOKE ALL ON {AUDIT_TABLE} FROM PUBLIC",
        f"REVOKE {', '.join(AUDIT_REFUSED)} ON {AUDIT_TABLE} FROM {app}",
        f"GRANT SELECT, INSERT ON {AUDIT_TABLE} TO {app}",
    ]


def role_problems(connection: BaseDatabaseWrapper) -> list[str]:
    """What lets the connected role erase the audit trail; empty when nothing does."""
    if connection.vendor != "postgresql":
        return []
    problems = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles "
            "WHERE rolname = current_user"
        )
        role, superuser, createrole, bypassrls = cursor.fetchone()
        if superuser:
            problems.append(f"the database role {role!r} is a superuser")
        if createrole:
            problems.append(f"the database role {role!r} may create roles (CREATEROLE)")
        if bypassrls:
            problems.append(f"the database role {role!r} bypasses row security (BYPASSRLS)")
        # Owned outright or through a role it belongs to: either way it may drop or alter.
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
            "AND pg_has_role(current_user, c.relowner, 'MEMBER') ORDER BY c.relname"
        )
        owned = [name for (name,) in cursor.fetchall()]
        if owned:
            shown = ", ".join(owned[:5]) + (f" and {len(owned) - 5} more" if len(owned) > 5 else "")
            problems.append(f"the database role {role!r} owns tables: {shown}")
        cursor.execute(
            "SELECT pg_has_role(current_user, d.datdba, 'MEMBER'), "
            "pg_has_role(current_user, n.nspowner, 'MEMBER') FROM pg_database d, pg_namespace n "
            "WHERE d.datname = current_database() AND n.nspname = 'public'"
        )
        owns_database, owns_schema = cursor.fetchone()
        if owns_database:
            problems.append(f"the database role {role!r} owns the database")
        if owns_schema:
            problems.append(f"the database role {role!r} owns the schema 'public'")
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [AUDIT_TABLE])
        if cursor.fetchone()[0]:
            cursor.execute(
                "SELECT " + ", ".join("has_table_privilege(%s, %s)" for _ in AUDIT_REFUSED),
                [value for privilege in AUDIT_REFUSED for value in (AUDIT_TABLE, privilege)],
            )
            held = [p for p, has in zip(AUDIT_REFUSED, cursor.fetchone(), strict=True) if has]
            if held:
                problems.append(f"the database role {role!r} may {', '.join(held)} the audit table")
        if connection.pg_version >= 150000:  # type: ignore[attr-defined]
            cursor.execute("SELECT has_parameter_privilege('session_replication_role', 'SET')")
            if cursor.fetchone()[0]:
                problems.append(f"the database role {role!r} may set session_replication_role")
    return problems


ROLES_HINT = (
    "Connect the application as a runtime role that owns nothing and run the migrations as "
    "the owner: docs/production.md, 'Database roles' (manage.py database_roles sets both up)."
)


@deploy_check(database=True)
def check_database_role(databases: list[str] | None = None, **kwargs: Any) -> list[CheckMessage]:
    if not databases or "default" not in databases:
        return []
    problems = role_problems(connections["default"])
    return [
        Error(f"{problem[0].upper()}{problem[1:]}.", hint=ROLES_HINT, id="coordo.E001")
        for problem in problems
    ]
