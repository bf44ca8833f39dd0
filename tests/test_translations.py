"""French and Dutch ship complete: every string in the code is in the catalogues, translated."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPLETE_LANGUAGES = ("fr", "nl")  # English is the source language: empty means "as written"


def catalogue(root: Path, language: str) -> polib.POFile:
    return polib.pofile(str(root / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    po = catalogue(ROOT / "locale", language)
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", COMPLETE_LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language):
    po = catalogue(ROOT / "locale", language)
    mo = polib.mofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in mo}
    source = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        or {int(k): v for k, v in entry.msgstr_plural.items()}
        for entry in po.translated_entries()
    }
    assert {key: compiled.get(key) for key in source} == source


@pytest.mark.skipif(
    shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)"
)
def test_no_string_in_the_code_is_missing_from_the_catalogues(tmp_path):
    scratch = tmp_path / "locale"
    shutil.copytree(ROOT / "locale", scratch)
    env = {**os.environ, "COORDO_LOCALE_DIR": str(scratch), "COORDO_VAR_DIR": str(tmp_path)}
    subprocess.run(
        [sys.executable, "manage.py", "update_messages"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    for language in COMPLETE_LANGUAGES:
        missing = [entry.msgid for entry in catalogue(scratch, language).untranslated_entries()]
        assert missing == [], f"run `make messages` and translate these into {language}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"), [("fr", "Se déconnecter"), ("nl", "Afmelden"), ("en", "Log out")]
)
def test_pages_speak_the_chosen_language(host, language, label):
    from conftest import verified_client

    assert label in verified_client(host, language=language).get("/").content.decode()
