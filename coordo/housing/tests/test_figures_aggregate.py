"""Funders' and researchers' figures: whole periods, through disclosure control."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from conftest import make_person, make_user, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.roles import Role
from coordo.disclosure import SUPPRESSED as X
from coordo.disclosure import Period
from coordo.housing.figures import Row, protected_figures
from coordo.housing.tests.factories import make_building, make_past_stay, make_unit, principal
from coordo.people.models import Sex

pytestmark = pytest.mark.django_db
MARCH = "?start=2026-03-01&end=2026-04-01"
TODAY = date(2026, 12, 2)


def _stays(site, coordinator, exits, building="Maison Test"):  # type: ignore[no-untyped-def]
    """One person a stay, ten nights each in March, leaving for `exits` (sex, destination)."""
    who = principal(coordinator)
    dormitory = make_unit(make_building(site, building), "Dortoir", capacity=10, kind="dormitory")
    for index, (sex, destination) in enumerate(exits):
        person = make_person(site, f"Résidente{index}", "Kone", sex=sex, birth_year=1990)
        make_past_stay(
            dormitory, person, date(2026, 3, 1), date(2026, 3, 11), by=who, destination=destination
        )


SIX = [(Sex.FEMALE, "street")] * 4 + [(Sex.FEMALE, "family_friends"), (Sex.MALE, "street")]


def test_a_small_count_and_its_complement_are_suppressed_and_the_others_are_exact(
    site, coordinator
):
    _stays(site, coordinator, SIX)
    march = protected_figures(site.pk, Period.parse("2026-03"), today=TODAY)
    # January and February are empty (suppressed) and the quarter's 60 nights are out:
    # March's 60 would tell them, so it is suppressed, and the rate resting on it.
    assert (march.nights, march.capacity_nights, march.occupancy_rate) == (X, 310, X)
    assert (march.average_length, march.median_length) == (10.0, 10.0)
    assert march.nights_by_month == [Row("2026-03", X)]
    assert march.entries_exits == [(date(2026, 3, 1), 6, 6)]
    # 1 to family or friends: the 5 to the street would give it away (6 exits in all).
    assert {row.value for row in march.exits_by_destination} == {X}
    assert [row.label for row in march.exits_by_destination][-2:] == [
        "Transitional housing",
        "Unknown",
    ]
    assert march.persons_by_age == [
        Row("0-17", X),
        Row("18-24", X),
        Row("25-39", 6),
        Row("40-59", X),
        Row("60+", X),
        Row("unknown", X),
    ]
    assert march.persons_by_sex == [
        Row("Female", 5),
        Row("Male", X),
        Row("Other / non-binary", X),
        Row("Unknown", X),
    ]
    assert march.households_by_type[:3] == [
        Row("Woman alone", 5),
        Row("Man alone", X),
        Row("Person alone", X),
    ]
    quarter = protected_figures(site.pk, Period.parse("2026-Q1"), today=TODAY)
    assert (quarter.nights, quarter.occupancy_rate) == (60, 6.7)
    # A length rests on the exits of every month of the period, January's 0 among them.
    assert (quarter.average_length, quarter.median_length) == (X, X)
    assert quarter.exits_by_destination[0] == Row("Street or squat", 5)


def test_a_rate_and_lengths_resting_on_a_suppressed_count_are_suppressed(site, coordinator):
    _stays(site, coordinator, [(Sex.FEMALE, "street")])
    figures = protected_figures(site.pk, Period.parse("2026-03"), today=TODAY)
    assert (figures.nights, figures.capacity_nights, figures.occupancy_rate) == (X, 310, X)
    assert (figures.average_length, figures.median_length) == (X, X)
    assert figures.entries_exits == [(date(2026, 3, 1), X, X)]


def test_a_period_not_ended_is_refused(site):
    with pytest.raises(ValueError, match="2026-12 has not ended"):
        protected_figures(site.pk, Period.parse("2026-12"), today=TODAY)


def test_a_funder_reads_and_exports_the_suppressed_figures_and_no_person(site, coordinator):
    _stays(site, coordinator, SIX)
    funder = make_user(site, Role.FUNDER)
    client = verified_client(funder)
    url = f"/housing/sites/{site.pk}/figures/"
    assert f'<a href="{url}">Refuge Test</a>' in client.get("/").content.decode()
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        page = client.get(url, {"period": "2026-Q1"}).content.decode()
        csv_lines = client.get(url + "export/", {"period": "2026-Q1", "format": "csv"})
        xlsx = client.get(url + "export/", {"period": "2026-Q1", "format": "xlsx"})
        default = client.get(url).content.decode()  # the last month ended
    assert '<p class="figure">60</p>' in page
    assert "<tr><td>Family or friends</td><td>x</td></tr>" in page
    assert "x: suppressed to protect privacy." in page
    assert f'href="{url}export/?period=2026-Q1&amp;format=csv"' in page
    assert ("Kone" in page, "Résidente" in page) == (False, False)
    assert '<option value="2026-11" selected>November 2026</option>' in default
    lines = csv_lines.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("x: suppressed to protect privacy.")  # no `;` in it: unquoted
    assert "Exits by destination;Family or friends;x" in lines
    assert "Persons by sex;Female;5" in lines
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    values = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert (values["Persons by sex", "Male"], values["Nights", "Total"]) == ("x", 60)
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.EXPORT, object_type="housing.figures", actor_id=funder.pk
        ).count()
        == 2
    )


def test_the_coordinator_still_sees_full_figures(site, coordinator):
    _stays(site, coordinator, SIX)
    page = verified_client(coordinator).get("/housing/figures/" + MARCH).content.decode()
    assert "<tr><td>Family or friends</td><td>1</td></tr>" in page


def test_a_funder_of_another_site_gets_404_and_cannot_open_the_full_figures(
    site, other_site, coordinator
):
    _stays(site, coordinator, SIX)
    elsewhere = verified_client(make_user(other_site, Role.FUNDER))
    assert elsewhere.get(f"/housing/sites/{site.pk}/figures/").status_code == 404
    assert elsewhere.get(f"/housing/sites/{site.pk}/figures/export/").status_code == 404
    own = verified_client(make_user(site, Role.RESEARCHER))
    assert own.get("/housing/figures/").status_code == 403


def test_the_funders_export_costs_the_same_queries_for_one_stay_or_nineteen(site, coordinator):
    client = verified_client(make_user(site, Role.FUNDER))
    url = f"/housing/sites/{site.pk}/figures/export/?period=2026-Q1&format=csv"

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _stays(site, coordinator, [(Sex.FEMALE, "street")])
    count()  # the first request of a session also writes it (its idle expiry)
    few = count()
    for house in ("A", "B", "C"):
        _stays(site, coordinator, SIX, building=house)
    assert count() == few
