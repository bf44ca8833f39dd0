"""`coordo check` fails when the newest backup is too old, or backups cannot be written.

A backup is a file of COORDO_BACKUP_DIR named `coordo-…` (what `coordo backup` writes;
on SQLite, name your copies so too); a file still being written is hidden (`.coordo-…`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error

from coordo.checks import deploy_check

PREFIX = "coordo-"
GUIDE = "docs/production.md, 'Backups'"


def newest_backup(directory: Path) -> Path | None:
    backups = [path for path in directory.glob(f"{PREFIX}*") if path.is_file()]
    return max(backups, key=lambda path: path.stat().st_mtime, default=None)


@deploy_check()
def backups_recent(**kwargs: Any) -> list[CheckMessage]:
    if not settings.COORDO_BACKUP_DIR:
        return [_error("No backup directory is set.", "Set COORDO_BACKUP_DIR")]
    directory = Path(settings.COORDO_BACKUP_DIR)
    messages: list[CheckMessage] = []
    if not settings.COORDO_BACKUP_RECIPIENTS:
        messages.append(
            _error(
                "No backup recipient is set: `coordo backup` has no key to encrypt to.",
                "Set COORDO_BACKUP_RECIPIENT to the age public key of whoever may restore",
            )
        )
    newest = newest_backup(directory) if directory.is_dir() else None
    max_age = settings.COORDO_BACKUP_MAX_AGE_HOURS
    if newest is None:
        messages.append(_error(f"There is no backup in {directory}.", "Run `coordo backup`"))
    elif (age := (time.time() - newest.stat().st_mtime) / 3600) > max_age:
        messages.append(
            _error(
                f"The newest backup ({newest.name}) is {age:.0f} hours old, over {max_age}.",
                "Check deploy/systemd/coordo-backup.timer, or run `coordo backup`",
            )
        )
    return messages


def _error(message: str, fix: str) -> Error:
    return Error(message, hint=f"{fix} ({GUIDE}).", id="coordo.E010")
