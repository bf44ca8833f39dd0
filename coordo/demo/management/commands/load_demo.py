"""`manage.py load_demo`: builds the fictional demo organisation and prints the logins."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from coordo.access.policy import POLICY
from coordo.demo import builder


class Command(BaseCommand):
    help = "Create the fictional demo organisation (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        summary = builder.build()
        elapsed = time.monotonic() - started
        total, created = summary.total, summary.created
        self.stdout.write(
            f"Demo organisation ready in {elapsed:.1f} s: {total.users} users, "
            f"{total.persons} persons in {total.households} households "
            f"({created.users} users, {created.persons} persons and {created.households} "
            "households created by this run)."
        )
        self.stdout.write("\nDemo logins (http://127.0.0.1:8000):")
        for user in builder.USERS:
            mfa = " (2FA: see below)" if POLICY[user.role].mfa_required else ""
            self.stdout.write(f"  {user.role:<14} {user.email:<34} {user.password}{mfa}")
        self.stdout.write(
            "\nRoles marked 2FA need a code at login. Get the current one with\n"
            "  .venv/bin/coordo manage demo_totp EMAIL\n"
            "or add the user's key to an authenticator app (shown by the same command)."
        )
