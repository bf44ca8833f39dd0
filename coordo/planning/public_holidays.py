"""Belgian public holidays, named in the reader's language, and the sites that close on them."""

from __future__ import annotations

from datetime import date

import holidays
from django.utils.translation import get_language

from coordo.planning.queries import closes_on_public_holidays

# The library's languages for Django's: its English is "en_US" (the names are the same).
LANGUAGES = {"fr": "fr", "nl": "nl", "en": "en_US"}


def public_holidays(first: date, last: date) -> dict[date, str]:
    """The Belgian public holidays from `first` to `last`, named in the active language."""
    language = LANGUAGES.get((get_language() or "en")[:2], "en_US")
    years = range(first.year, last.year + 1)
    calendar = holidays.country_holidays("BE", years=years, language=language)
    return {day: name for day, name in sorted(calendar.items()) if first <= day <= last}


def closed_days(site_id: int, first: date, last: date) -> set[date]:
    """The days from `first` to `last` the site plans no shift."""
    if not closes_on_public_holidays(site_id):
        return set()
    return set(public_holidays(first, last))
