"""`manage.py schedule_daily`: make sure the daily jobs (coordo/schedule.py) and the
worker's heartbeat (coordo/operations/heartbeat.py) are scheduled.

Idempotent: run it at every deployment, beside the worker; it enqueues nothing when a
run is already waiting.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from coordo.operations.heartbeat import ensure_beating
from coordo.schedule import ensure_scheduled


class Command(BaseCommand):
    help = "Schedule the daily jobs on the task worker, unless they already are."

    def handle(self, *args: Any, **options: Any) -> None:
        if ensure_scheduled():
            self.stdout.write("The daily jobs are scheduled: the worker runs them now, then daily.")
        else:
            self.stdout.write("The daily jobs were already scheduled.")
        if ensure_beating():
            self.stdout.write("The worker's heartbeat is started.")
