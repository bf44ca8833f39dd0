"""Accent- and case-insensitive name matching that behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

import difflib
import unicodedata


def normalise(text: str) -> str:
    """'Éloïse  Van den Brœck' -> 'eloise van den broeck'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("æ", "ae"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def search_name(first_name: str, last_name: str) -> str:
    return normalise(f"{first_name} {last_name}")


def name_similarity(a: str, b: str) -> float:
    """How alike two normalised names are, in either word order (0 to 1)."""
    reordered = " ".join(reversed(b.split(" ", 1))) if " " in b else b
    return max(
        difflib.SequenceMatcher(None, a, b).ratio(),
        difflib.SequenceMatcher(None, a, reordered).ratio(),
    )
