"""The `coordo` command line: one entry point, one module per command group.

Each group lives beside the code it drives and exposes ``main(argv) -> int``;
groups are imported lazily so that `coordo roster` never loads Django.
"""

from __future__ import annotations

import importlib
import os
import sys

COMMAND_GROUPS = {
    "roster": ("coordo.planning.solver.cli", "shift planning solver (coordo.roster/1)"),
    "dispatch": ("coordo.dispatch.optimiser.cli", "daily dispatch optimiser (coordo.dispatch/1)"),
    "manage": ("coordo.manage_cli", "run a Django management command (migrate, runserver…)"),
    "check": ("coordo.checks", "check that this deployment is safe to run (fails otherwise)"),
    "audit": ("coordo.access.audit_cli", "verify the audit trail's hash chains (audit verify)"),
    "health": ("coordo.operations.health_cli", "the load balancer's health checks (0: healthy)"),
    "backup": (
        "coordo.operations.backup",
        "write an encrypted backup: database and uploaded files",
    ),
    "restore": ("coordo.operations.restore", "restore a backup into an empty database"),
}


def start_django() -> None:
    """For a group that reads the settings or the database: Django, set up when the
    command runs and not when its module is imported."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def usage() -> str:
    lines = ["usage: coordo COMMAND [ARGS…]", "", "commands:"]
    lines += [f"  {name:<10} {help_text}" for name, (_, help_text) in COMMAND_GROUPS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in {"-h", "--help"}:
        print(usage())
        return 0 if argv else 2
    group = COMMAND_GROUPS.get(argv[0])
    if group is None:
        print(f"coordo: unknown command {argv[0]!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(group[0])
    return int(module.main(argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
