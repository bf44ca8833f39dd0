"""Countries, named in the reader's language by Babel's CLDR data (languages: coordo.access.languages).

Choices are callables so that each page shows names in the active language without
hundreds of strings in our own catalogues.
"""

from __future__ import annotations

from enum import StrEnum

from coordo.access.languages import reader_locale

# Nationalities most often met, Belgium and neighbours first (ISO 3166-1 alpha-2).
COUNTRY_CODES = (
    "BE", "NL", "FR", "DE", "LU", "AF", "SY", "ER", "PS", "TR", "IQ", "GN", "CD", "BI",
    "SO", "CM", "MA", "DZ", "TN", "EG", "SD", "ET", "NG", "SN", "CI", "ML", "BF", "AO",
    "RW", "UA", "RU", "GE", "AM", "AL", "RO", "BG", "PL", "IR", "PK", "BD", "VE", "CO",
    "BR", "YE", "LB", "LY", "MR", "TG", "GH", "KE", "IN", "NP", "CN", "VN", "ES", "PT",
    "IT", "GR",
)  # fmt: skip

# The same codes as closed choices, for the API schema (each member's value is its code).
Nationality = StrEnum("Nationality", {code: code for code in COUNTRY_CODES})  # type: ignore[misc]


def country_choices() -> list[tuple[str, str]]:
    names = reader_locale().territories
    return sorted(((code, names.get(code, code)) for code in COUNTRY_CODES), key=lambda c: c[1])
