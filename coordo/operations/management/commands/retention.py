"""`coordo manage retention [--dry-run]`: apply the retention rules, or show what they would do.

Counts per organisation and rule, never a name. Without `--dry-run` it deletes or
anonymises, audited (coordo/operations/retention.py), and records the report the
admin's page shows.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coordo import retention
from coordo.operations import retention as run


class Command(BaseCommand):
    help = "Apply the retention rules (delete or anonymise what has expired), or --dry-run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        dry = options["dry_run"]
        counts = run.dry_run() if dry else run.apply()
        run.record(counts, applied=not dry)
        verb = "would" if dry else "did"
        for rule in retention.rules():
            total = sum(rules.get(rule.key, 0) for rules in counts.values())
            if rule.action == retention.Action.KEPT:
                self.stdout.write(f"{rule.key}: kept ({rule.model})")
            else:
                self.stdout.write(f"{rule.key}: {verb} {rule.action} {total} ({rule.model})")
