"""The restore drill, on PostgreSQL: the demo backed up, restored into a new database.

Every table has as many rows, the audit trail ends on the same rows and each chain on the
same head, whole, and the append-only trigger still refuses an UPDATE. Prints the backup
and restore times (`pytest -s`). The extra database is named after the test database
(`coordo_NAME_drill`) and dropped at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pyrage
import pytest
from django.db import DatabaseError, connection, connections
from psycopg import sql
from psycopg.conninfo import make_conninfo

from coordo.access import audit, audit_chain
from coordo.access.models import AuditAction
from coordo.demo import builder
from coordo.operations.backup import back_up
from coordo.operations.postgres import BackupError, environment
from coordo.operations.restore import restore
from coordo.people.models import Person

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore"),
    pytest.mark.django_db(transaction=True),
]
LAST_ROWS = 50
AUDITED = 200


def admin_connection(database: dict[str, Any]) -> psycopg.Connection:
    env = environment({**database, "NAME": "postgres"})
    return psycopg.connect(
        make_conninfo(
            host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname="postgres"
        ),
        autocommit=True,
    )


@pytest.fixture
def new_database() -> Iterator[dict[str, Any]]:
    source = connection.settings_dict
    name = f"{source['NAME'].removeprefix('test_')}_drill"
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with admin_connection(source) as admin:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**source, "NAME": name}
    with admin_connection(source) as admin:
        admin.execute(drop)


@contextmanager
def connected_to(database: dict[str, Any]) -> Iterator[None]:
    """Django's default connection on another database for a while (the restored one)."""
    ours = connections["default"]
    connections["default"] = type(ours)(database, "default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = ours


def table_counts() -> dict[str, int]:
    counts = {}
    with connections["default"].cursor() as cursor:
        for table in connections["default"].introspection.table_names():
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def last_audit_rows() -> list[tuple]:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT * FROM access_auditevent ORDER BY id DESC LIMIT %s", [LAST_ROWS])
        return cursor.fetchall()


def chains() -> dict[int | None, audit_chain.ChainReport]:
    return {chain: audit_chain.verify_chain(chain) for chain in audit_chain.chain_ids()}


def key_pair(tmp_path: Path) -> tuple[str, Path]:
    identity = pyrage.x25519.Identity.generate()
    path = tmp_path / "restore-key.txt"
    path.write_text(f"# the drill's key\n{identity}\n")
    return str(identity.to_public()), path


def test_the_demo_restores_whole_into_a_new_database(tmp_path, new_database, capsys):
    builder.build()
    for person in Person.objects.order_by("pk")[:AUDITED]:  # a morning at the front desk
        audit.record(AuditAction.VIEW, obj=person)
    audit.record(AuditAction.LOGIN_FAILED)  # the chain of no organisation
    files = tmp_path / "private-files"
    (files / "casework").mkdir(parents=True)
    (files / "casework" / "letter.pdf").write_bytes(b"%PDF a fictional letter")
    recipient, identity = key_pair(tmp_path)
    before = {"counts": table_counts(), "audit": last_audit_rows(), "chains": chains()}
    assert before["counts"]["people_person"] > 300
    assert len(before["audit"]) == LAST_ROWS

    written = back_up(
        directory=tmp_path / "backups",
        recipients=[recipient],
        database=connection.settings_dict,
        files=files,
    )
    restored_files = tmp_path / "restored-files"
    restored = restore(written.path, identity=identity, database=new_database, files=restored_files)

    with connected_to(new_database):
        assert table_counts() == before["counts"]
        assert last_audit_rows() == before["audit"]
        after = chains()
        assert after == before["chains"]
        assert all(report.intact for report in after.values())
        refused = pytest.raises(DatabaseError, match=r"append-only \(UPDATE refused\)")
        with refused, connections["default"].cursor() as cursor:
            cursor.execute("UPDATE access_auditevent SET action = 'view'")
    assert (restored_files / "casework" / "letter.pdf").read_bytes() == b"%PDF a fictional letter"
    with pytest.raises(BackupError, match="is not empty"):
        restore(written.path, identity=identity, database=new_database, files=tmp_path / "x")
    rows = sum(before["counts"].values())
    with capsys.disabled():
        print(
            f"\nrestore drill: {rows} rows in {len(before['counts'])} tables, archive "
            f"{written.path.stat().st_size / 1e6:.2f} MB; backup {written.seconds:.2f} s, "
            f"restore {restored.seconds:.2f} s"
        )


def test_a_restore_refuses_uploaded_files_already_there_and_touches_nothing(tmp_path, new_database):
    _, identity = key_pair(tmp_path)
    files = tmp_path / "private-files"
    files.mkdir()
    (files / "kept.pdf").write_bytes(b"someone's")
    with pytest.raises(BackupError, match="private-files \\(the uploaded files\\) is not empty"):
        restore(tmp_path / "any.tar.age", identity=identity, database=new_database, files=files)
    assert [path.name for path in files.iterdir()] == ["kept.pdf"]
