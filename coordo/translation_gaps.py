"""Where a page speaks English when it should not: the catalogue's gaps and English in HTML.

Used by the localisation tests: a page rendered in Dutch must hold none of the
catalogue's English msgids (a string computed before the language was chosen, a
template text typed twice, a choice shown by its label in the source language), and no
visible text in plain English that was never wrapped for translation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings
from django.db.models import Choices
from django.utils import translation

# Elements whose content no one reads as text.
_HIDDEN = frozenset({"script", "style", "template", "noscript"})
# Elements that have no end tag.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Attributes a person sees or hears (a tooltip, a placeholder, a screen reader's name).
_READ_ATTRIBUTES = frozenset({"title", "placeholder", "aria-label", "alt"})
# Python and Django placeholders inside a msgid: "%(count)s", "%s", "%d", "{name}".
_PLACEHOLDER = re.compile(r"(%\([^)]+\)[sdif]|%[sdif]|\{[a-z_]*\})")
# What a placeholder stands for in a page: a number, or any text.
_NUMBER = r"[\d\s.,]+?"
_ANY = r".+?"
# Words that English uses and Dutch and French do not: a sentence holding two is English.
_ENGLISH_WORDS = frozenset({
    "the", "and", "with", "your", "you", "this", "that", "are", "has", "have", "from",
    "which", "will", "been", "were", "there", "their", "should", "would", "could", "must",
    "into", "than", "these", "those", "them", "please",
})  # fmt: skip
_WORD = re.compile(r"[a-z]+")
# Pages join short texts with a middle dot or a dash: "Social worker · Refuge Test".
_SEPARATOR = re.compile(r"\s+[·–—|]\s+|^[·–—]\s+|\s+[·–—]$")
# A list of codes is joined with commas or slashes: "ar, prs", "ar / ti".
_LIST = re.compile(r",\s*|\s+/\s+")


def catalogue(language: str) -> polib.POFile:
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path))


def untranslated_entries(language: str) -> list[str]:
    """The msgids the catalogue leaves untranslated or fuzzy: a page would show them in English."""
    po = catalogue(language)
    return sorted(entry.msgid for entry in [*po.untranslated_entries(), *po.fuzzy_entries()])


@dataclass(frozen=True)
class EnglishTexts:
    """The source-language texts of a catalogue, ready to be looked for in a page."""

    plain: frozenset[str]  # msgids without placeholders, looked up whole
    patterns: tuple[tuple[str, re.Pattern[str]], ...]  # msgid with placeholders -> pattern

    def find(self, text: str) -> str | None:
        """The msgid `text` is, or one of its parts between "·" is ("Dashboard · Coordo")."""
        for part in (text, *_SEPARATOR.split(text)):
            bare = part.rstrip(":.… ").strip()
            if bare in self.plain:
                return bare
            for msgid, pattern in self.patterns:
                if pattern.fullmatch(part):
                    return msgid
        return None


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _counts(placeholder: str) -> bool:
    """A number: "%d", "%(count)s", blocktranslate's "%(counter)s"."""
    return placeholder[-1] in "di" or "count" in placeholder


@cache
def english_texts(language: str) -> EnglishTexts:
    """The catalogue's msgids that must not show in a page in `language`.

    Left out: a msgid written alike in both languages ("Code", "Status"), one that
    is some other entry's translation (English "Type" may be Dutch for something
    else), and one with fewer than three letters outside its placeholders.
    """
    po = catalogue(language)
    translations = {_normalise(entry.msgstr) for entry in po if entry.msgstr}
    translations |= {
        _normalise(form) for entry in po for form in entry.msgstr_plural.values() if form
    }
    plain: set[str] = set()
    patterns: list[tuple[str, re.Pattern[str]]] = []
    # Untranslated entries too: Django shows their msgid, in English.
    for entry in po:
        if entry.obsolete:
            continue
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            text = _normalise(msgid)
            parts = _PLACEHOLDER.split(text)  # literal, placeholder, literal, ...
            literals = parts[::2]
            if sum(char.isalpha() for part in literals for char in part) < 3:
                continue
            if text in translations:
                continue
            if len(parts) == 1:
                plain.add(text)
            else:
                regex = "".join(
                    (_NUMBER if _counts(part) else _ANY) if index % 2 else re.escape(part)
                    for index, part in enumerate(parts)
                )
                patterns.append((text, re.compile(regex + r"\s*[:.…]?")))
    return EnglishTexts(frozenset(plain), tuple(patterns))


class _VisibleText(HTMLParser):
    """Collects what a person reads, skipping scripts and what is marked translate="no"."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # open elements, and whether each is skipped

    def _skipping(self) -> bool:
        return bool(self._open) and self._open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        skipped = self._skipping() or tag in _HIDDEN or ("translate", "no") in attrs
        if not skipped:
            self.texts.extend(
                _normalise(value) for name, value in attrs if name in _READ_ATTRIBUTES and value
            )
        if tag not in _VOID:
            self._open.append((tag, skipped))

    def handle_endtag(self, tag: str) -> None:
        # Pop to the matching element: an element left open inside it closes with it.
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        text = _normalise(data)
        if text and not self._skipping():
            self.texts.append(text)


def visible_texts(html: str) -> list[str]:
    """Each text node and each read attribute of the page, whitespace collapsed."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser.texts


def english_leaks(html: str, language: str) -> list[str]:
    """The page's texts that are English: a catalogue msgid, or a sentence in plain English."""
    known = english_texts(language)
    leaks = []
    for text in visible_texts(html):
        msgid = known.find(text)
        if msgid is not None:
            leaks.append(f"{text!r} (msgid {msgid!r})")
        elif len(_ENGLISH_WORDS.intersection(_WORD.findall(text.lower()))) >= 2:
            leaks.append(f"{text!r} (not wrapped for translation)")
    return leaks


def _locale_dirs() -> list[Path]:
    """Where Django looks for catalogues: its own, each installed app's, then ours."""
    dirs = [Path(django.__file__).parent / "conf" / "locale"]
    dirs += [Path(config.path) / "locale" for config in apps.get_app_configs()]
    return [*dirs, *map(Path, settings.LOCALE_PATHS)]


def _compiled(language: str) -> list[polib.MOEntry]:
    entries: list[polib.MOEntry] = []
    for directory in _locale_dirs():
        path = directory / language / "LC_MESSAGES" / "django.mo"
        if path.exists():
            entries.extend(polib.mofile(str(path)))
    return entries


def _translated(language: str) -> set[str]:
    return {entry.msgid for entry in _compiled(language) if entry.msgstr or entry.msgstr_plural}


@cache
def _words(language: str) -> frozenset[str]:
    """Every translation the catalogues hold: Dutch "wo" is Wednesday, not Wolof's code."""
    entries = _compiled(language)
    return frozenset(
        {entry.msgstr for entry in entries}
        | {form for entry in entries for form in entry.msgstr_plural.values()}
    )


def default_language_fallbacks(language: str) -> list[str]:
    """Messages `language` lacks that Django then shows in the default language (French).

    Django's Dutch catalogue trails its French one: a message it lacks falls back
    to settings.LANGUAGE_CODE, so a Dutch page said "- Choisir une option -".
    """
    if language == settings.LANGUAGE_CODE or language.startswith("en"):
        return []  # as Django: English is the source, it falls back to nothing
    return sorted(_translated(settings.LANGUAGE_CODE) - _translated(language))


_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def iso_dates(html: str) -> list[str]:
    """The page's texts that show a date year first: every language reads dates day first."""
    return [text for text in visible_texts(html) if _ISO_DATE.search(text)]


def _choice_classes() -> list[type[Choices]]:
    found, queue = [], list(Choices.__subclasses__())
    while queue:
        cls = queue.pop()
        queue.extend(cls.__subclasses__())
        if cls.__members__:
            found.append(cls)
    return found


def _codes(language: str) -> dict[str, str]:
    """Every choice's stored code -> its label in `language`, where the two differ."""
    pairs: list[tuple[object, object]] = [
        (member.value, member.label) for cls in _choice_classes() for member in cls
    ]
    for model in apps.get_models():
        for field in model._meta.get_fields():
            pairs.extend(getattr(field, "flatchoices", None) or ())
    with translation.override(language):
        labelled = {str(code): str(label) for code, label in pairs if isinstance(code, str)}
    return {code: label for code, label in labelled.items() if code.isascii() and code != label}


def raw_codes(html: str, language: str, more: Mapping[str, str] | None = None) -> list[str]:
    """The page's texts that show a choice's code ("social_worker", "prs"), not its label.

    `more`: codes chosen from lists that are not model choices (languages, countries).
    """
    codes = _codes(language) | {
        code: label for code, label in (more or {}).items() if code != label
    }
    codes = {code: label for code, label in codes.items() if code not in _words(language)}
    found = []
    for text in visible_texts(html):
        parts = {text, *_SEPARATOR.split(text)}
        items = _LIST.split(text)
        if all(item in codes for item in items):  # "ar, prs": a list of codes
            parts.update(items)
        found += [f"{part!r} (label {codes[part]!r})" for part in parts if part in codes]
    return sorted(found)
