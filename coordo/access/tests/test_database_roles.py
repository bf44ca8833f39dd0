"""On PostgreSQL the runtime role cannot erase the audit trail, and `coordo check` says so.

The roles are created inside the test's transaction (PostgreSQL's catalogs are
transactional, roles included) and vanish with its rollback; the suite itself keeps
connecting as the superuser. Each role's name carries the test database's, so that
parallel workers never share one. (`SET ROLE` acts as the runtime role for privileges;
what the session's own login could still do, like `SET ROLE` back, is not tested here.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from coordo.access import audit
from coordo.access.database_roles import role_problems
from coordo.access.models import AuditAction, AuditEvent
from coordo.checks import main as coordo_check
from coordo.people.models import Person
from tests.production import production_deployment

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles"),
    pytest.mark.django_db,
]
TRIGGER = "access_auditevent_no_update_delete"


def names() -> tuple[str, str]:
    base = re.sub(r"[^a-z0-9_]", "_", connection.settings_dict["NAME"].lower())[:40]
    return f"{base}_owner", f"{base}_app"


@pytest.fixture
def runtime_role(person: Person) -> Iterator[str]:
    """The two roles set up as the guide says, and the connection acting as the runtime one."""
    owner, app = names()
    with connection.cursor() as cursor:
        # Tables whose rows wait on deferred checks cannot change hands in that transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("database_roles", owner=owner, app=app)
    with connection.cursor() as cursor:
        cursor.execute(f"SET ROLE {app}")
    yield app
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


def refused(statement: str) -> str:
    """The error PostgreSQL answers `statement` with (the savepoint undoes nothing else)."""
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as c:
        c.execute(statement)
    return str(error.value)


@pytest.mark.parametrize(
    ("statement", "answer"),
    [
        ("TRUNCATE access_auditevent", "permission denied for table access_auditevent"),
        (
            "SET session_replication_role = replica",
            'permission denied to set parameter "session_replication_role"',
        ),
        (
            f"ALTER TABLE access_auditevent DISABLE TRIGGER {TRIGGER}",
            "must be owner of table access_auditevent",
        ),
        (
            "ALTER TABLE access_auditevent DISABLE TRIGGER ALL",
            "must be owner of table access_auditevent",
        ),
        ("DELETE FROM access_auditevent", "permission denied for table access_auditevent"),
        (
            "UPDATE access_auditevent SET action = 'view'",
            "permission denied for table access_auditevent",
        ),
        ("DROP TABLE access_auditevent", "must be owner of table access_auditevent"),
        ("ALTER TABLE access_auditevent RENAME TO old_trail", "must be owner of table"),
        ("CREATE TABLE scratch (id int)", "permission denied for schema public"),
    ],
)
def test_the_runtime_role_cannot_erase_the_audit_trail(runtime_role, statement, answer):
    audit.record(AuditAction.LOGIN)
    assert answer in refused(statement)
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN).count() == 1


def test_the_runtime_role_does_the_applications_work(runtime_role, person):
    row = audit.record(AuditAction.VIEW, obj=person)  # inserts and reads the chain's head
    assert AuditEvent.objects.get(pk=row.pk).prev_hash == row.prev_hash
    Person.objects.filter(pk=person.pk).update(phone="+32 470 00 00 00")
    created = Person.objects.create(
        organisation=person.organisation, site=person.site, first_name="Ama", last_name="Owusu"
    )
    created.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone() == (runtime_role,)


def test_coordo_check_fails_as_the_superuser_owner_and_names_the_fix(capsys, tmp_path):
    problems = role_problems(connection)
    assert problems == [
        "the database role 'postgres' is a superuser",
        "the database role 'postgres' may create roles (CREATEROLE)",
        "the database role 'postgres' bypasses row security (BYPASSRLS)",
        problems[3],  # the tables it owns: every one of them
        "the database role 'postgres' owns the database",
        "the database role 'postgres' owns the schema 'public'",
        "the database role 'postgres' may UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES "
        "the audit table",
        "the database role 'postgres' may set session_replication_role",
    ]
    assert problems[3].startswith("the database role 'postgres' owns tables: access_")
    with production_deployment(tmp_path):
        assert coordo_check([]) == 1
    errors = capsys.readouterr().err
    assert "(coordo.E001) The database role 'postgres' is a superuser." in errors
    assert "docs/production.md, 'Database roles'" in errors


def test_coordo_check_passes_as_the_runtime_role(runtime_role, capsys, monkeypatch, tmp_path):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is not part of the deployment checked.
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    assert role_problems(connection) == []
    with production_deployment(tmp_path):
        assert coordo_check([]) == 0
    assert capsys.readouterr().out.endswith("coordo check: the deployment passes every check.\n")
