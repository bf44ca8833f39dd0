"""What the load balancer's probe checks: the database answers, every migration is
applied, a worker was seen recently. Each check gives only pass or fail: the probe is
public, so it names what failed and nothing else (no version, no error text, no count).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from coordo.operations.heartbeat import worker_seen

logger = logging.getLogger("coordo.operations")


def database_reachable() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


@cache
def migration_leaves() -> frozenset[tuple[str, str]]:
    """The newest migration of each app, on disk: read once, the code does not change
    under a running process."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


def migrations_applied() -> bool:
    """One query: migrations apply in order, so the leaves applied means all of them."""
    return migration_leaves() <= set(MigrationRecorder(connection).applied_migrations())


CHECKS: dict[str, Callable[[], bool]] = {
    "database": database_reachable,
    "migrations": migrations_applied,
    "worker": worker_seen,
}


def failing_checks() -> list[str]:
    """The names of the checks that fail. Without a database the others cannot be told:
    only "database" is named."""
    failing = []
    for name, check in CHECKS.items():
        try:
            passed = check()
        except DatabaseError as error:
            # The class only: a database's message can quote a value.
            logger.warning("health check %s: %s", name, type(error).__name__)
            passed = False
        if not passed:
            failing.append(name)
            if name == "database":
                break
    return failing
