"""Every language shows day-first dates and 24-hour times, and speaks its own words."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import formats, translation

DAY = date(2026, 2, 12)
MOMENT = datetime(2026, 2, 12, 16, 5)  # noqa: DTZ001 - formatting only, no zone involved


@pytest.mark.parametrize(
    ("language", "short_date", "short_datetime"),
    [
        ("en", "12/02/2026", "12/02/2026 16:05"),
        ("fr", "12/02/2026", "12/02/2026 16:05"),
        ("nl", "12-2-2026", "12-2-2026 16:05"),
    ],
)
def test_dates_are_day_first_and_times_24_hour(language, short_date, short_datetime):
    with translation.override(language):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short_date
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == short_datetime
        assert formats.time_format(time(16, 5), "TIME_FORMAT") == "16:05"
        assert formats.date_format(DAY, "DATE_FORMAT").startswith("12 ")
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_an_english_form_reads_a_typed_date_day_first():
    from django import forms

    with translation.override("en"):
        assert forms.DateField().clean("12/02/2026") == DAY
