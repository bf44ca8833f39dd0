"""`manage.py update_messages`: refresh the FR/NL/EN catalogues from the code, then compile them.

Wraps makemessages with the project's exclusions, and compiles with polib so that
serving translations never needs GNU gettext's msgfmt.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.core.management.commands import makemessages

LANGUAGES = ("fr", "nl", "en")
IGNORED = [
    ".venv/*",
    ".tools/*",
    "var/*",
    "benchmarks/*",
    "tests/*",
    "*/tests/*",
    "*/solver/*",
    "*/optimiser/*",
]


def catalogue(language: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


class IntoLocalePaths(makemessages.Command):
    """makemessages files each string under the nearest `locale` folder it walks past, so
    the repository's own `locale/` wins even when COORDO_LOCALE_DIR names another (the
    translations test's scratch copy, which must leave the real catalogues alone). Coordo
    keeps one project catalogue: every string goes to LOCALE_PATHS[0]."""

    def find_files(self, root: str) -> list[Any]:
        target = os.path.abspath(settings.LOCALE_PATHS[0])
        found = super().find_files(root)
        for translatable in found:
            translatable.locale_dir = target
        return found


class Command(BaseCommand):
    help = "Extract translatable strings into locale/ and compile the .mo files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--compile-only", action="store_true")

    def handle(self, *args: Any, compile_only: bool = False, **options: Any) -> None:
        if not compile_only:
            call_command(
                IntoLocalePaths(),
                locale=list(LANGUAGES),
                ignore_patterns=IGNORED,
                no_obsolete=True,
                no_location=True,
                verbosity=0,
            )
        for language in LANGUAGES:
            po = polib.pofile(str(catalogue(language)))
            po.save_as_mofile(str(catalogue(language).with_suffix(".mo")))
            missing = len(po.untranslated_entries()) + len(po.fuzzy_entries())
            self.stdout.write(f"{language}: {po.percent_translated()}% translated, {missing} to do")
