"""Backups without a database: the encrypted archive, the keys, and the plain refusals."""

from __future__ import annotations

import stat
from pathlib import Path

import pyrage
import pytest

from coordo.operations import archive, keys
from coordo.operations.backup import back_up
from coordo.operations.backup import main as coordo_backup
from coordo.operations.postgres import BackupError

POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "coordo", "HOST": "127.0.0.1"}


@pytest.fixture
def identity() -> pyrage.x25519.Identity:
    return pyrage.x25519.Identity.generate()


def sealed(tmp_path: Path, identity: pyrage.x25519.Identity) -> Path:
    dump = tmp_path / "database.dump"
    dump.write_bytes(b"PGDMP fictional dump")
    files = tmp_path / "files"
    (files / "casework").mkdir(parents=True)
    (files / "casework" / "letter.pdf").write_bytes(b"%PDF fictional")
    target = tmp_path / "coordo-1.tar.age"
    manifest = {"created_at": "2026-11-23T02:00:00+00:00", "dump_sha256": archive.sha256(dump)}
    archive.write(target, [identity.to_public()], manifest=manifest, dump=dump, files=files)
    return target


def test_the_archive_opens_with_its_identity_only_and_gives_everything_back(tmp_path, identity):
    target = sealed(tmp_path, identity)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert b"fictional" not in target.read_bytes()  # encrypted, not merely packed
    into = tmp_path / "out"
    into.mkdir()
    manifest = archive.read(target, [identity], into)
    assert manifest["format"] == "coordo-backup/1"
    assert (into / "database.dump").read_bytes() == b"PGDMP fictional dump"
    assert (into / "files" / "casework" / "letter.pdf").read_bytes() == b"%PDF fictional"
    with pytest.raises(BackupError, match="does not open with this identity"):
        archive.read(target, [pyrage.x25519.Identity.generate()], tmp_path)


def _read_refused(target, identity, tmp_path, match):
    """Reading `target` into a fresh folder fails with an error matching `match`."""
    into = tmp_path / "out"
    into.mkdir()
    with pytest.raises(BackupError, match=match):
        archive.read(target, [identity], into)


def test_a_cut_short_archive_is_called_damaged(tmp_path, identity):
    target = sealed(tmp_path, identity)
    target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    _read_refused(target, identity, tmp_path, "damaged or cut short")


def test_a_dump_that_does_not_match_its_manifest_is_refused(tmp_path, identity):
    dump = tmp_path / "database.dump"
    dump.write_bytes(b"PGDMP")
    target = tmp_path / "coordo-2.tar.age"
    archive.write(
        target,
        [identity.to_public()],
        manifest={"dump_sha256": "0" * 64},
        dump=dump,
        files=tmp_path / "none",
    )
    _read_refused(target, identity, tmp_path, "does not match its manifest")


def test_a_new_key_is_private_and_its_identity_reads_back(tmp_path, capsys):
    path = tmp_path / "restore-key.txt"
    assert coordo_backup(["--new-key", str(path)]) == 0
    public = capsys.readouterr().out.splitlines()[-1]
    assert public.startswith("age1")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (identity,) = keys.identities(path)
    assert str(identity.to_public()) == public
    assert coordo_backup(["--new-key", str(path)]) == 1  # never overwrites a key
    assert "exists already" in capsys.readouterr().err


def test_an_identity_file_without_a_key_is_refused(tmp_path):
    path = tmp_path / "id.txt"
    path.write_text("# public key: age1…\n")
    with pytest.raises(BackupError, match="holds no age identity"):
        keys.identities(path)


def test_recipients_must_be_age_public_keys():
    with pytest.raises(BackupError, match="COORDO_BACKUP_RECIPIENT is not set"):
        keys.recipients([])
    with pytest.raises(BackupError, match="which is no age public key"):
        keys.recipients(["ssh-rsa AAAA"])


def test_sqlite_is_refused_with_what_to_do(tmp_path, identity):
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "var/coordo.sqlite3"}
    with pytest.raises(BackupError) as error:
        back_up(
            directory=tmp_path,
            recipients=[str(identity.to_public())],
            database=sqlite,
            files=tmp_path,
        )
    assert "this database is SQLite (var/coordo.sqlite3)" in str(error.value)
    assert "sqlite3's `.backup` command" in str(error.value)


def test_a_missing_pg_dump_is_named_with_its_package(tmp_path, identity, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH where no PostgreSQL tool lives
    with pytest.raises(BackupError, match=r"pg_dump is not installed .*postgresql-client"):
        back_up(
            directory=tmp_path,
            recipients=[str(identity.to_public())],
            database=POSTGRES,
            files=tmp_path,
        )
    assert list(tmp_path.iterdir()) == []  # nothing half-written
