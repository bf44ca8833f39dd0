"""`coordo backup`: the database (pg_dump, custom format) and the uploaded files, in one
archive encrypted to the COORDO_BACKUP_RECIPIENT public keys, into COORDO_BACKUP_DIR.

    coordo backup                  write coordo-YYYYMMDDTHHMMSSZ.tar.age
    coordo backup --new-key FILE   write a new age identity to FILE, print its public key
                                   (on the machine of whoever may restore, not the server)

The server cannot read its own old backups: only the identity opens them. The archive is
written under a hidden name and renamed when whole, so a cut-short one never counts as
the newest backup (coordo/operations/backup_age.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coordo.cli import start_django
from coordo.operations import archive, keys, postgres
from coordo.operations.backup_age import PREFIX
from coordo.operations.postgres import BackupError, Database


@dataclass(frozen=True)
class Written:
    path: Path
    seconds: float


def back_up(
    *,
    directory: Path,
    recipients: list[str],
    database: Database,
    files: Path,
    now: datetime | None = None,
) -> Written:
    started = time.monotonic()
    postgres.require_postgres(database, "backup")
    postgres.tool("pg_dump")
    encrypt_to = keys.recipients(recipients)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    name = f"{PREFIX}{stamp:%Y%m%dT%H%M%SZ}.tar.age"
    if (directory / name).exists():
        raise BackupError(f"{directory / name} exists already: wait a second and run again.")
    # Hidden, beside the target: the dump stays private and the final rename is atomic.
    with tempfile.TemporaryDirectory(dir=directory, prefix=".coordo-") as work:
        dump = Path(work) / archive.DUMP
        postgres.dump(database, dump)
        manifest = {
            "created_at": stamp.isoformat(timespec="seconds"),
            "database": database["NAME"],
            "server_version": postgres.server_version(database),
            "dump_sha256": archive.sha256(dump),
        }
        partial = Path(work) / name
        archive.write(partial, encrypt_to, manifest=manifest, dump=dump, files=files)
        os.replace(partial, directory / name)
    return Written(directory / name, time.monotonic() - started)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coordo backup", description=__doc__.split("\n")[0])
    parser.add_argument("--new-key", metavar="FILE", type=Path, help="write a new age identity")
    return parser


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        if args.new_key:
            public = keys.new_identity(args.new_key)
            print(f"Identity written to {args.new_key}; keep it off the server, with a copy.")
            print(f"Its public key, for COORDO_BACKUP_RECIPIENT:\n{public}")
            return 0
        start_django()
        from django.conf import settings

        if not settings.COORDO_BACKUP_DIR:
            raise BackupError("COORDO_BACKUP_DIR is not set: say where backups go.")
        written = back_up(
            directory=Path(settings.COORDO_BACKUP_DIR),
            recipients=settings.COORDO_BACKUP_RECIPIENTS,
            database=settings.DATABASES["default"],
            files=Path(settings.MEDIA_ROOT),
        )
    except BackupError as error:
        print(f"coordo backup: {error}", file=sys.stderr)
        return 1
    size = written.path.stat().st_size
    print(f"coordo backup: {written.path} ({size / 1e6:.1f} MB) in {written.seconds:.1f} s.")
    return 0
