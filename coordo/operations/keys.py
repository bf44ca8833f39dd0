"""age keys for backups: the server holds only public keys (recipients), never an identity.

An identity file is what `age-keygen` or `coordo backup --new-key` writes: comment lines
(`# public key: age1…`) and one or more `AGE-SECRET-KEY-1…` lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pyrage

from coordo.operations.archive import private
from coordo.operations.postgres import BackupError


def recipients(keys: Iterable[str]) -> list[pyrage.x25519.Recipient]:
    parsed = []
    for key in keys:
        try:
            parsed.append(pyrage.x25519.Recipient.from_str(key))
        except pyrage.RecipientError:
            raise BackupError(
                f"COORDO_BACKUP_RECIPIENT holds {key[:12]!r}…, which is no age public key (age1…)."
            ) from None
    if not parsed:
        raise BackupError(
            "COORDO_BACKUP_RECIPIENT is not set: give it the age public key of whoever may "
            "restore (`coordo backup --new-key FILE`, on their own machine, prints one)."
        )
    return parsed


def identities(path: Path) -> list[pyrage.x25519.Identity]:
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise BackupError(f"The identity file {path} cannot be read: {error.strerror}.") from None
    found = []
    for line in lines:
        if line.strip().startswith("AGE-SECRET-KEY-"):
            try:
                found.append(pyrage.x25519.Identity.from_str(line.strip()))
            except pyrage.IdentityError:
                raise BackupError(f"{path} holds a damaged AGE-SECRET-KEY line.") from None
    if not found:
        raise BackupError(f"{path} holds no age identity (an AGE-SECRET-KEY-1… line).")
    return found


def new_identity(path: Path) -> str:
    """Write a new identity to `path` (readable by its owner alone); return its public key."""
    identity = pyrage.x25519.Identity.generate()
    public = str(identity.to_public())
    created = datetime.now(UTC).isoformat(timespec="seconds")
    text = f"# created: {created}\n# public key: {public}\n{identity}\n"
    try:
        with open(path, "x", opener=private) as file:
            file.write(text)
    except FileExistsError:
        raise BackupError(f"{path} exists already: choose another name.") from None
    return public
