"""`coordo manage worker`: django-tasks-db's `db_worker`, which waits out a database outage.

`db_worker` stops on the first error of a database that went away (restarted, failed
over, a network cut). Under systemd it would be started again, but the run it was on
and every task queued meanwhile wait for that, and in a container or `make demo` nothing
restarts it. This one logs the outage, waits (1 s, doubling up to 30 s) and carries on
with the same options once the database answers: nothing is lost, since a task is only
claimed inside a transaction that committed. A signal still stops it at once.
"""

from __future__ import annotations

import logging
import time
from contextlib import suppress
from typing import Any

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

logger = logging.getLogger("coordo.operations.worker")
FIRST_WAIT, LONGEST_WAIT = 1.0, 30.0


def database_answers() -> bool:
    try:
        connections["default"].ensure_connection()
    except (OperationalError, InterfaceError):
        return False
    return True


class Command(DatabaseWorkerCommand):
    help = "Run the task worker; wait for the database when it goes away, then carry on."

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                logger.warning("database unavailable (%s): the worker waits for it", error)
                self.wait_for_database()

    def wait_for_database(self) -> None:
        wait, started = FIRST_WAIT, time.monotonic()
        while True:
            for connection in connections.all(initialized_only=True):
                # The broken connection goes: the next query opens a new one.
                with suppress(OperationalError, InterfaceError):
                    connection.close()
            time.sleep(wait)
            if database_answers():
                close_old_connections()
                logger.warning(
                    "database back after %.0f s: the worker carries on", time.monotonic() - started
                )
                return
            wait = min(wait * 2, LONGEST_WAIT)
