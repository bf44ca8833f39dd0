"""`coordo restore FILE --identity KEYFILE`: a backup into an empty database, and its
uploaded files into an empty MEDIA_ROOT. It refuses a database or a MEDIA_ROOT that
holds anything: a restore never mixes with, or overwrites, what is there.

The database is COORDO_DATABASE_URL's: connect as the owner role (docs/production.md).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coordo.cli import start_django
from coordo.operations import archive, keys, postgres
from coordo.operations.postgres import BackupError, Database


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    files: int
    seconds: float


def restore(source: Path, *, identity: Path, database: Database, files: Path) -> Restored:
    started = time.monotonic()
    postgres.require_postgres(database, "restore")
    postgres.tool("pg_restore")
    opened_with = keys.identities(identity)
    if count := postgres.objects_in(database):
        raise BackupError(
            f"The database {database['NAME']} is not empty ({count} tables, views or "
            "sequences): restore only into a new one, e.g. `createdb -O coordo_owner "
            "coordo_restored`, with COORDO_DATABASE_URL pointing at it."
        )
    if files.is_dir() and any(files.iterdir()):
        raise BackupError(f"{files} (the uploaded files) is not empty: move it away first.")
    files.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the files' place, so that moving them there is a rename.
    with tempfile.TemporaryDirectory(dir=files.parent, prefix=".coordo-restore-") as work:
        manifest = archive.read(source, opened_with, Path(work))
        postgres.restore(database, Path(work) / archive.DUMP)
        unpacked = Path(work) / archive.FILES
        count = sum(1 for path in unpacked.rglob("*") if path.is_file())
        if unpacked.is_dir():
            if files.exists():
                files.rmdir()
            os.replace(unpacked, files)
    return Restored(manifest, count, time.monotonic() - started)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="coordo restore", description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path, help="a coordo-….tar.age backup")
    parser.add_argument("--identity", type=Path, required=True, help="the age identity file")
    return parser


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    start_django()
    from django.conf import settings

    try:
        restored = restore(
            args.file,
            identity=args.identity,
            database=settings.DATABASES["default"],
            files=Path(settings.MEDIA_ROOT),
        )
    except BackupError as error:
        print(f"coordo restore: {error}", file=sys.stderr)
        return 1
    print(
        f"coordo restore: the backup of {restored.manifest['created_at']} is restored "
        f"(uploaded files: {restored.files}) in {restored.seconds:.1f} s. Next: `coordo manage "
        "database_roles` as a superuser, `coordo audit verify`, then start the services."
    )
    return 0
