"""What a cell of an imported file may say, once for every import, and the report of a row."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Lower-cased, in the three languages Coordo ships, and what spreadsheets write for a tick box.
YES_WORDS = frozenset({"1", "x", "y", "yes", "true", "o", "oui", "vrai", "j", "ja", "waar"})
NO_WORDS = frozenset({"", "0", "n", "no", "false", "non", "faux", "nee", "onwaar"})

# Nine digits at most: an import never needs more, and the database's integers hold them all.
_WHOLE = re.compile(r"[+-]?\d{1,9}(?:[.,]0+)?")


def yes_no(text: str) -> bool | None:
    """True or False for a yes/no word (an empty cell is no); None when the cell says neither."""
    word = text.strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None


def whole_number(text: str) -> int | None:
    """The integer a cell holds ("12", "12.0" from a spreadsheet, "12,0" in a Belgian locale)."""
    text = text.strip()
    if not _WHOLE.fullmatch(text):
        return None
    return int(re.split(r"[.,]", text, maxsplit=1)[0])


@dataclass(frozen=True)
class RowError:
    """One problem of an imported file: its row as the spreadsheet numbers it, its column."""

    line: int
    field: str
    message: str
