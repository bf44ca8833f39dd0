"""A real task worker (`manage.py db_worker`) on the test database, to watch and to kill.

For tests marked `django_db(transaction=True)`: what they write is committed, so another
process sees it. On PostgreSQL the worker connects to the test database. SQLite's test
database lives in this process's memory, so `worker_database` copies it to a file and
points this process's connection there too until the block ends; the test database
itself is left as it was, and emptied by the test's teardown as usual.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection, connections

STARTUP_SECONDS = 180  # Django and OR-Tools start-up and the first solver step, on a busy machine
WORKER_ARGS = ["db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1"]


class Worker:
    """One `db_worker` process, started by this test and stopped by it."""

    def __init__(self, url: str, log: Path) -> None:
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(  # noqa: S603 (our interpreter, fixed argv)
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *WORKER_ARGS],
                env={**os.environ, "COORDO_DATABASE_URL": url},
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def kill(self) -> None:
        """SIGKILL: the worker dies at once, without running any handler."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


class WorkerDatabase:
    def __init__(self, url: str, directory: Path) -> None:
        self.url = url
        self.directory = directory
        self.workers: list[Worker] = []

    def start_worker(self) -> Worker:
        worker = Worker(self.url, self.directory / f"worker-{len(self.workers)}.log")
        self.workers.append(worker)
        return worker

    def wait_until(self, condition: Callable[[], bool], *, seconds: float) -> None:
        """Polls `condition` (it reads the database) until it holds; fails after `seconds`."""
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                logs = "\n".join(worker.output()[-3000:] for worker in self.workers)
                raise AssertionError(f"still not so after {seconds} s; worker output:\n{logs}")
            time.sleep(0.05)


@contextmanager
def worker_database(directory: Path) -> Iterator[WorkerDatabase]:
    """The test database as a worker process reaches it; every worker started is stopped."""
    if connection.vendor == "postgresql":
        database = WorkerDatabase(_postgres_url(connection.settings_dict), directory)
        try:
            yield database
        finally:
            _stop(database)
        return
    path = directory / "worker.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    in_memory = connections["default"]
    on_file = type(in_memory)({**in_memory.settings_dict, "NAME": str(path)}, "default")
    connections["default"] = on_file
    database = WorkerDatabase(f"sqlite:///{path}", directory)
    try:
        yield database
    finally:
        _stop(database)
        on_file.close()
        connections["default"] = in_memory


def _stop(database: WorkerDatabase) -> None:
    for worker in database.workers:
        worker.stop()


def _postgres_url(database: dict) -> str:
    user = quote(database["USER"] or "postgres")
    password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    host, port = database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{quote(database['NAME'])}"
