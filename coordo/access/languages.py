"""Languages, named in the reader's language by Babel's CLDR data: one vocabulary for every app.

It lives in access because people, partners, planning and the front desk all speak of languages,
and none of them should import another for it. Choices are callables so that each page shows
names in the active language without hundreds of strings in our own catalogues.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

# Languages met at Belgian front desks and arrival centres (ISO 639).
LANGUAGE_CODES = (
    "fr",
    "nl",
    "de",
    "en",
    "ar",
    "ti",
    "am",
    "so",
    "prs",
    "ps",
    "fa",
    "ku",
    "tr",
    "ru",
    "uk",
    "ro",
    "bg",
    "sq",
    "es",
    "pt",
    "ln",
    "sw",
    "ff",
    "wo",
    "ur",
    "bn",
    "hi",
    "ka",
    "hy",
    "el",
    "it",
    "pl",
    "om",
    "rw",
    "rn",
    "ha",
    "ne",
    "ta",
    "zh",
    "vi",
)

# The same codes as closed choices, for the API schema (each member's value is its code).
Language = StrEnum("Language", {code: code for code in LANGUAGE_CODES})  # type: ignore[misc]

# Codes CLDR names under another code: Dari is "fa_AF" there, not ISO 639-3 "prs".
_CLDR_CODE = {"prs": "fa_AF"}


def reader_locale() -> Locale:
    """The CLDR locale of the active language, French when it has none."""
    try:
        return Locale.parse(get_language() or "fr")
    except (UnknownLocaleError, ValueError):
        return Locale("fr")


def _language_name(names: Mapping[str, str], code: str) -> str:
    return names.get(code) or names.get(_CLDR_CODE.get(code, code), code)


def language_choices() -> list[tuple[str, str]]:
    names = reader_locale().languages
    return sorted(
        ((code, _language_name(names, code)) for code in LANGUAGE_CODES), key=lambda c: c[1]
    )


def language_name(code: str) -> str:
    return _language_name(reader_locale().languages, code)
