"""The audit rows form one hash chain per organisation; `coordo audit verify` names a break.

Tampering is played with raw SQL, as someone with the database file or the owner's
role would: on PostgreSQL the append-only trigger is set aside first (the test runs as
the superuser; the runtime role cannot, see test_database_roles.py).
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from coordo.access import audit, audit_chain
from coordo.access.audit_cli import main as audit_main
from coordo.access.models import AppendOnlyError, AuditAction, AuditEvent, Organisation

pytestmark = pytest.mark.django_db
TRIGGER = "access_auditevent_no_update_delete"


@contextmanager
def tampering() -> Iterator[Any]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE access_auditevent DISABLE TRIGGER {TRIGGER}")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE access_auditevent ENABLE TRIGGER {TRIGGER}")


@pytest.fixture
def trail(organisation: Organisation, other_organisation: Organisation) -> list[AuditEvent]:
    """Five rows of one organisation, with rows of another and of none in between."""
    rows = []
    for index in range(5):
        rows.append(
            audit.record(
                AuditAction.VIEW,
                object_type="people.person",
                object_id=index,
                organisation_id=organisation.pk,
            )
        )
        audit.record(AuditAction.LIST, organisation_id=other_organisation.pk)
        audit.record(AuditAction.LOGIN_FAILED)
    return rows


def verify(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = audit_main(["verify", *argv])
    return status, capsys.readouterr().out


def test_each_row_links_to_the_previous_row_of_its_organisation(trail):
    stored = AuditEvent.objects.filter(pk__in=[row.pk for row in trail]).order_by("id")
    prev_hashes = [row.prev_hash for row in stored]
    assert prev_hashes == ["", *[row.row_hash for row in trail[:-1]]]
    assert all(len(row.row_hash) == 64 for row in trail)


def test_an_untouched_trail_verifies(trail, capsys):
    status, out = verify(capsys)
    assert status == 0
    assert out.splitlines() == [
        f"maison-test: 5 rows, chain intact; head row {trail[-1].pk} {trail[-1].row_hash}",
        f"autre-collectif: 5 rows, chain intact; head row {trail[-1].pk + 1} "
        f"{AuditEvent.objects.get(pk=trail[-1].pk + 1).row_hash}",
        f"-: 5 rows, chain intact; head row {trail[-1].pk + 2} "
        f"{AuditEvent.objects.get(pk=trail[-1].pk + 2).row_hash}",
    ]


def _verify_after(
    capsys: pytest.CaptureFixture[str], sql: str, params: list[object]
) -> tuple[int, str]:
    """Tamper with the trail as its owner could, then verify the chain."""
    with tampering() as cursor:
        cursor.execute(sql, params)
    return verify(capsys, "--organisation", "maison-test")


def test_a_removed_row_is_named(trail, capsys):
    status, out = _verify_after(
        capsys, "DELETE FROM access_auditevent WHERE id = %s", [trail[2].pk]
    )
    assert status == 1
    assert out == (
        f"maison-test: BROKEN at row {trail[3].pk} (after 2 good rows): it does not follow "
        f"row {trail[1].pk}: a row between them was removed or rewritten\n"
    )


def test_a_removed_first_row_is_named(trail, capsys):
    status, out = _verify_after(
        capsys, "DELETE FROM access_auditevent WHERE id = %s", [trail[0].pk]
    )
    assert (status, out) == (
        1,
        (
            f"maison-test: BROKEN at row {trail[1].pk} (after 0 good rows): "
            "a row before it, at the start of the chain, was removed\n"
        ),
    )


def test_a_changed_field_is_named(trail, capsys):
    status, out = _verify_after(
        capsys, "UPDATE access_auditevent SET object_id = '99' WHERE id = %s", [trail[3].pk]
    )
    assert (status, out) == (
        1,
        (
            f"maison-test: BROKEN at row {trail[3].pk} (after 3 good rows): its content was changed\n"
        ),
    )


def test_a_changed_row_with_its_hash_recomputed_breaks_the_next_link(trail, capsys):
    forged = AuditEvent.objects.get(pk=trail[1].pk)
    forged.object_id = "99"
    with tampering() as cursor:
        cursor.execute(
            "UPDATE access_auditevent SET object_id = '99', row_hash = %s WHERE id = %s",
            [audit_chain.row_hash(forged, forged.prev_hash), forged.pk],
        )
    status, out = verify(capsys, "--organisation", "maison-test")
    assert status == 1
    assert out.startswith(f"maison-test: BROKEN at row {trail[2].pk} (after 2 good rows): ")


def test_two_swapped_rows_are_named(trail, capsys):
    first, second = trail[1].pk, trail[2].pk
    with tampering() as cursor:
        for old, new in ((first, -1), (second, first), (-1, second)):
            cursor.execute("UPDATE access_auditevent SET id = %s WHERE id = %s", [new, old])
    status, out = verify(capsys, "--organisation", "maison-test")
    assert (status, out) == (
        1,
        (
            f"maison-test: BROKEN at row {first} (after 1 good rows): "
            f"reordered: it follows row {second}, which now comes after it\n"
        ),
    )


def test_a_cut_tail_shows_against_the_head_in_the_log(trail, capsys, caplog):
    caplog.set_level(logging.INFO, logger="coordo.audit")
    audit_chain.log_chain_heads()
    logged = f"organisation=maison-test row={trail[-1].pk} hash={trail[-1].row_hash}"
    assert f"audit chain head: {logged}" in caplog.text
    head = f"{trail[-1].pk}:{trail[-1].row_hash}"
    assert verify(capsys, "--organisation", "maison-test", "--head", head)[0] == 0
    with tampering() as cursor:
        cursor.execute("DELETE FROM access_auditevent WHERE id >= %s", [trail[3].pk])
    status, out = verify(capsys, "--organisation", "maison-test", "--head", head)
    assert (status, out.splitlines()[-1]) == (
        1,
        f"maison-test: MISSING the logged head, row {trail[-1].pk}: rows were removed",
    )


def test_rows_are_appended_one_by_one():
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(action=AuditAction.LOGIN)])


def test_the_migration_seals_the_rows_written_before_the_chain(trail, capsys):
    with tampering() as cursor:
        cursor.execute("UPDATE access_auditevent SET prev_hash = '', row_hash = ''")
    assert verify(capsys)[0] == 1
    migration = importlib.import_module("coordo.access.migrations.0005_audit_chain_fill")
    state = MigrationLoader(connection).project_state(("access", "0004_audit_hash_chain"))
    with connection.cursor() as cursor:
        editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        migration.forwards(state.apps, editor)
    assert verify(capsys)[0] == 0
    assert AuditEvent.objects.get(pk=trail[-1].pk).row_hash == trail[-1].row_hash


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_writers_do_not_fork_the_chain(organisation):
    writers, rows_each = 8, 5
    barrier = threading.Barrier(writers)

    def write() -> None:
        try:
            barrier.wait()
            for index in range(rows_each):
                audit.record(AuditAction.VIEW, object_id=index, organisation_id=organisation.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = audit_chain.verify_chain(organisation.pk)
    assert (report.intact, report.rows) == (True, writers * rows_each)
