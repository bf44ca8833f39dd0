"""A backup archive: one tar (the manifest, the database dump, the uploaded files), age-
encrypted. The tar streams through a pipe into age and back, so the plaintext archive
never lands on disk; only the dump does, in a private working directory, while it is made.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import pyrage

from coordo.operations.postgres import BackupError

FORMAT = "coordo-backup/1"
MANIFEST, DUMP, FILES = "manifest.json", "database.dump", "files"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write(
    target: Path, recipients: list[Any], *, manifest: dict[str, Any], dump: Path, files: Path
) -> None:
    """The encrypted archive to `target` (created, readable by its owner alone)."""

    def produce(pipe: BinaryIO) -> None:
        with tarfile.open(fileobj=pipe, mode="w|") as tar:
            body = json.dumps({"format": FORMAT, **manifest}, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode = len(body), 0o600
            tar.addfile(info, io.BytesIO(body))
            tar.add(dump, DUMP)
            if files.is_dir():
                tar.add(files, FILES)

    with piped(produce) as source, open(target, "xb", opener=private) as out:
        pyrage.encrypt_io(source, out, recipients)


def read(source: Path, identities: list[Any], into: Path) -> dict[str, Any]:
    """Decrypt and unpack `source` into the directory `into`; returns its manifest."""
    if not source.is_file():
        raise BackupError(f"{source} is not a file.")

    def produce(pipe: BinaryIO) -> None:
        with source.open("rb") as encrypted:
            pyrage.decrypt_io(encrypted, pipe, identities)

    try:
        with piped(produce) as plain, tarfile.open(fileobj=plain, mode="r|") as tar:
            for member in tar:
                if member.name not in (MANIFEST, DUMP, FILES) and not member.name.startswith(
                    f"{FILES}/"
                ):
                    raise BackupError(f"{source} holds {member.name!r}: it is no Coordo backup.")
                tar.extract(member, into, filter="data")  # no path outside `into`, no devices
    except pyrage.DecryptError:
        raise BackupError(
            f"{source} does not open with this identity: it was encrypted to another key."
        ) from None
    except (tarfile.TarError, OSError) as error:
        # age authenticates each chunk: a changed or cut file fails as it is read.
        raise BackupError(
            f"{source} is damaged or cut short: it does not unpack ({error})."
        ) from None
    manifest: dict[str, Any] = json.loads((into / MANIFEST).read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is a {manifest.get('format')!r} archive, not {FORMAT}.")
    if sha256(into / DUMP) != manifest["dump_sha256"]:
        raise BackupError(f"{source}'s database dump does not match its manifest: damaged.")
    return manifest


@contextmanager
def piped(produce: Callable[[BinaryIO], None]) -> Iterator[BinaryIO]:
    """`produce(writer)` in a thread, its output readable here; its error raised here.

    An error of the producer wins over the reader's: the reader only saw a pipe cut short.
    """
    read_fd, write_fd = os.pipe()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with os.fdopen(write_fd, "wb") as writer:
                produce(writer)
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        with os.fdopen(read_fd, "rb") as reader:
            yield reader
            while reader.read(1 << 16):  # let the producer write its last bytes
                pass
    except BaseException:
        thread.join()
        if errors and not isinstance(errors[0], BrokenPipeError):
            raise errors[0] from None
        raise
    thread.join()
    if errors:
        raise errors[0]


def private(name: str, flags: int) -> int:
    """An `open` opener: the file is created readable and writable by its owner alone."""
    return os.open(name, flags, 0o600)
