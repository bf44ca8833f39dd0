"""Languages and countries, named in the reader's language by Babel's CLDR data.

Choices are callables so that each page shows names in the active language without
hundreds of strings in our own catalogues.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language

# Languages met at Belgian front desks and arrival centres (ISO 639).
LANGUAGE_CODES = (
    "fr", "nl", "de", "en", "ar", "ti", "am", "so", "prs", "ps", "fa", "ku", "tr", "ru",
    "uk", "ro", "bg", "sq", "es", "pt", "ln", "sw", "ff", "wo", "ur", "bn", "hi", "ka",
    "hy", "el", "it", "pl", "om", "rw", "rn", "ha", "ne", "ta", "zh", "vi",
)  # fmt: skip

# Nationalities most often met, Belgium and neighbours first (ISO 3166-1 alpha-2).
COUNTRY_CODES = (
    "BE", "NL", "FR", "DE", "LU", "AF", "SY", "ER", "PS", "TR", "IQ", "GN", "CD", "BI",
    "SO", "CM", "MA", "DZ", "TN", "EG", "SD", "ET", "NG", "SN", "CI", "ML", "BF", "AO",
    "RW", "UA", "RU", "GE", "AM", "AL", "RO", "BG", "PL", "IR", "PK", "BD", "VE", "CO",
    "BR", "YE", "LB", "LY", "MR", "TG", "GH", "KE", "IN", "NP", "CN", "VN", "ES", "PT",
    "IT", "GR",
)  # fmt: skip

# The same codes as closed choices, for the API schema (each member's value is its code).
Language = StrEnum("Language", {code: code for code in LANGUAGE_CODES})  # type: ignore[misc]
Nationality = StrEnum("Nationality", {code: code for code in COUNTRY_CODES})  # type: ignore[misc]


# Codes CLDR names under another code: Dari is "fa_AF" there, not ISO 639-3 "prs".
_CLDR_CODE = {"prs": "fa_AF"}


def _locale() -> Locale:
    try:
        return Locale.parse(get_language() or "fr")
    except (UnknownLocaleError, ValueError):
        return Locale("fr")


def _language_name(names: Mapping[str, str], code: str) -> str:
    return names.get(code) or names.get(_CLDR_CODE.get(code, code), code)


def language_choices() -> list[tuple[str, str]]:
    names = _locale().languages
    return sorted(
        ((code, _language_name(names, code)) for code in LANGUAGE_CODES), key=lambda c: c[1]
    )


def country_choices() -> list[tuple[str, str]]:
    names = _locale().territories
    return sorted(((code, names.get(code, code)) for code in COUNTRY_CODES), key=lambda c: c[1])


def language_name(code: str) -> str:
    return _language_name(_locale().languages, code)
