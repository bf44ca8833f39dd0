from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from conftest import verified_client
from coordo.casework.models import Appointment
from coordo.casework.queries import appointments_in_week
from coordo.casework.tests.conftest import principal

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def test_the_week_lists_appointments_day_by_day(case_file, social_worker, other_site_worker):
    def book(day: int, hour: int) -> Appointment:
        return Appointment.objects.create(
            organisation=case_file.organisation,
            case_file=case_file,
            purpose="CPAS",
            starts_at=datetime(2026, 11, day, hour, tzinfo=BRUSSELS),
            created_by=social_worker,
        )

    tuesday, sunday_night = book(24, 10), book(29, 23)
    book(30, 9)  # the next Monday
    days = appointments_in_week(principal(social_worker), case_file.site_id, date(2026, 11, 23))
    assert [(day.day, items) for day, items in days if items] == [
        (24, [tuesday]),
        (29, [sunday_night]),
    ]
    other = appointments_in_week(
        principal(other_site_worker), case_file.site_id, date(2026, 11, 23)
    )
    assert all(items == [] for _day, items in other)


def test_the_calendar_page_shows_the_week_of_the_date_given(case_file, social_worker):
    response = verified_client(social_worker).get("/appointments/?week=2026-11-25")
    assert response.context["start"] == date(2026, 11, 23)
