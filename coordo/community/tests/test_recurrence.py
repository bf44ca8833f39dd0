"""Occurrences keep their Brussels wall-clock time across the changes of time."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from coordo.community import actions, queries
from coordo.community.recurrence import BRUSSELS
from coordo.community.tests.factories import principal, propose

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def test_a_weekly_tuesday_stays_at_14h_across_the_last_sunday_of_march(site, coordinator):
    activity = propose(site, coordinator, starts_on=date(2026, 3, 3))
    found = queries.occurrences(activity, date(2026, 3, 23), date(2026, 4, 1))
    assert [o.starts.date() for o in found] == [date(2026, 3, 24), date(2026, 3, 31)]
    assert {(o.starts.hour, o.ends.hour) for o in found} == {(14, 16)}
    assert [o.starts.utcoffset() for o in found] == [HOUR, 2 * HOUR]  # CET, then CEST
    assert found[1].starts.tzinfo == BRUSSELS


def test_every_second_tuesday_across_the_last_sunday_of_october(site, coordinator):
    activity = propose(
        site,
        coordinator,
        starts_on=date(2026, 10, 13),
        recurrence="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
    )
    found = queries.occurrences(activity, date(2026, 10, 1), date(2026, 11, 30))
    assert [o.starts.date() for o in found] == [
        date(2026, 10, 13), date(2026, 10, 27), date(2026, 11, 10), date(2026, 11, 24),
    ]  # fmt: skip
    assert [o.starts.utcoffset() for o in found] == [2 * HOUR, HOUR, HOUR, HOUR]
    assert {o.starts.time() for o in found} == {time(14)}


def test_the_first_saturday_of_the_month_until_june(site, coordinator):
    activity = propose(
        site, coordinator, starts_on=date(2026, 3, 7),
        recurrence="FREQ=MONTHLY;BYDAY=1SA;UNTIL=20260630T220000Z",
    )  # fmt: skip
    found = queries.occurrences(activity, date(2026, 1, 1), date(2026, 12, 31))
    assert [o.starts.date() for o in found] == [
        date(2026, 3, 7), date(2026, 4, 4), date(2026, 5, 2), date(2026, 6, 6),
    ]  # fmt: skip


def test_a_one_off_activity_has_one_occurrence(site, coordinator):
    activity = propose(site, coordinator, starts_on=date(2026, 5, 16), recurrence="")
    found = queries.occurrences(activity, date(2026, 1, 1), date(2026, 12, 31))
    assert [o.starts.date() for o in found] == [date(2026, 5, 16)]


def test_a_cancelled_and_a_moved_occurrence(site, coordinator):
    activity = propose(site, coordinator, starts_on=date(2026, 3, 3))
    by = principal(coordinator)
    actions.cancel_occurrence(activity, original_date=date(2026, 3, 10), by=by)
    actions.move_occurrence(
        activity, original_date=date(2026, 3, 31), moved_to=date(2026, 4, 2),
        start_time=time(10), end_time=time(12), by=by,
    )  # fmt: skip
    found = queries.occurrences(activity, date(2026, 3, 3), date(2026, 4, 7))
    assert [(o.starts, o.cancelled, o.moved) for o in found] == [
        (date_at(2026, 3, 3, 14), False, False),
        (date_at(2026, 3, 10, 14), True, False),
        (date_at(2026, 3, 17, 14), False, False),
        (date_at(2026, 3, 24, 14), False, False),
        (date_at(2026, 4, 2, 10), False, True),
        (date_at(2026, 4, 7, 14), False, False),
    ]
    actions.restore_occurrence(activity, original_date=date(2026, 3, 10), by=by)
    assert not queries.occurrences(activity, date(2026, 3, 10), date(2026, 3, 10))[0].cancelled


def test_a_day_the_activity_does_not_take_place_is_refused(site, coordinator):
    activity = propose(site, coordinator, starts_on=date(2026, 3, 3))
    with pytest.raises(ValidationError) as refused:
        actions.cancel_occurrence(
            activity, original_date=date(2026, 3, 4), by=principal(coordinator)
        )
    assert list(refused.value.message_dict) == ["original_date"]


def test_the_programme_page_lists_the_coming_occurrences_in_summer_time(
    site, coordinator, client_for
):
    activity = propose(site, coordinator, starts_on=date(2026, 3, 3))
    actions.accept_activity(activity, by=principal(coordinator))
    with time_machine.travel("2026-03-27 12:00 +01:00", tick=False):
        answer = client_for(coordinator).get("/community/")
    coming = answer.context["coming"]
    assert [item.occurrence.starts for item in coming] == [
        date_at(2026, 3, 31, 14),
        date_at(2026, 4, 7, 14),
    ]


def date_at(year: int, month: int, day: int, hour: int):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime(year, month, day, hour, tzinfo=BRUSSELS)


def test_the_poster_of_the_month_is_an_a4_pdf_with_the_programme(site, coordinator, client_for):
    activity = propose(site, coordinator, starts_on=date(2026, 3, 3))
    actions.accept_activity(activity, by=principal(coordinator))
    with time_machine.travel("2026-03-27 12:00 +01:00", tick=False):
        answer = client_for(coordinator).get("/community/poster.pdf", {"period": "month"})
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    assert len(answer.content) > 1000
    assert b"/MediaBox [0 0 595.28 841.89]" in answer.content  # A4 portrait
