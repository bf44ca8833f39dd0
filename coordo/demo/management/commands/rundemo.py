"""`manage.py rundemo`: the web server and the task worker together; Ctrl-C stops both.

The daily jobs (coordo/schedule.py) and the worker's heartbeat are scheduled as the worker
starts, once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coordo.operations.heartbeat import ensure_beating
from coordo.schedule import ensure_scheduled


class Command(BaseCommand):
    help = "Serve Coordo on ADDRPORT and run the background task worker beside it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        manage = [sys.executable, "manage.py"]
        ensure_scheduled()
        ensure_beating()
        # The links in e-mails (an alert's) point at this server unless told otherwise.
        env = {"COORDO_BASE_URL": f"http://{addrport}", **os.environ}
        children = [
            subprocess.Popen([*manage, "worker", "--interval", "1"], env=env),  # noqa: S603 (fixed argv)
            subprocess.Popen([*manage, "runserver", addrport, "--noreload"], env=env),  # noqa: S603 (fixed argv)
        ]
        self.stdout.write(
            f"Coordo runs on http://{addrport}/ with its task worker. Ctrl-C stops both."
        )
        try:
            # If either dies, stop the other: a server without its worker would hang tasks.
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
