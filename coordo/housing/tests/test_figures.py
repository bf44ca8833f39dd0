from __future__ import annotations

import codecs
from datetime import date
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import load_workbook

from conftest import make_household, make_person, verified_client
from coordo.housing.actions import close_unit
from coordo.housing.figures import Row, compute
from coordo.housing.tests.factories import make_building, make_past_stay, make_unit, principal
from coordo.people.models import Sex

pytestmark = pytest.mark.django_db


def test_figures_of_a_quarter(site, coordinator):
    who = principal(coordinator)
    building = make_building(site)
    apartment = make_unit(building, "Appartement", capacity=3, family=True)
    studio = make_unit(building, "Studio", capacity=1)
    mother = make_person(site, "Awa", "Kone", sex=Sex.FEMALE, birth_year=1990)
    child = make_person(site, "Issa", "Kone", sex=Sex.MALE, birth_year=2019)
    make_past_stay(
        apartment,
        mother,
        date(2026, 6, 20),
        date(2026, 8, 11),
        by=who,
        household=make_household(site, mother, child),
        exit_reason="housing_found",
        destination="social_housing",
    )
    make_past_stay(
        studio,
        make_person(site, "Sara", "Ba", sex=Sex.FEMALE, birth_year=1960),
        date(2026, 9, 1),
        date(2026, 9, 21),
        by=who,
        exit_reason="own_choice",
        destination="family_friends",
    )
    close_unit(
        studio,
        start=date(2026, 9, 25),
        end=date(2026, 10, 5),
        reason="Travaux",
        by=who,
    )

    with translation.override("en"):
        figures = compute(site.pk, date(2026, 7, 1), date(2026, 10, 1))

    # Family: 2 persons × 41 nights in July–August; Sara: 20 nights in September.
    assert figures.nights_by_month == [Row("2026-07", 62), Row("2026-08", 20), Row("2026-09", 20)]
    assert figures.nights == 102
    assert figures.capacity_nights == 4 * 92 - 6  # the studio was closed 6 nights of September
    assert figures.occupancy_rate == 28.2
    assert (figures.average_length, figures.median_length) == (36.0, 36.0)
    assert figures.entries_exits == [
        (date(2026, 7, 1), 0, 0),
        (date(2026, 8, 1), 0, 1),
        (date(2026, 9, 1), 1, 1),
    ]
    assert figures.exits_by_destination == [
        Row("Family or friends", 1),
        Row("Social housing (SLSP, AIS, SISP)", 1),
    ]
    assert figures.persons_by_age == [Row("0-17", 1), Row("25-39", 1), Row("60+", 1)]
    assert figures.persons_by_sex == [Row("Female", 2), Row("Male", 1)]
    assert figures.households_by_type == [Row("Parent with children", 1), Row("Woman alone", 1)]


def test_the_figures_page_and_its_csv_and_xlsx_exports(site, coordinator):
    unit = make_unit(make_building(site), capacity=2)
    who = principal(coordinator)
    make_past_stay(
        unit, make_person(site), date(2026, 3, 1), date(2026, 3, 11), by=who, destination="street"
    )
    client = verified_client(coordinator)
    page = client.get("/housing/figures/?start=2026-03-01&end=2026-04-01").content.decode()
    assert '<p class="figure">10</p>' in page
    csv_bytes = client.get(
        "/housing/figures/export/?start=2026-03-01&end=2026-04-01&format=csv"
    ).content
    assert csv_bytes.startswith(codecs.BOM_UTF8)  # Excel's cue for UTF-8, with `;` between cells
    csv_text = csv_bytes.decode("utf-8-sig")
    assert csv_text.splitlines()[:3] == [
        "Figure;Label;Value",
        "Nights;Total;10",
        "Capacity;Bed-nights available;62",
    ]
    assert "Exits by destination;Street or squat;1" in csv_text
    xlsx = client.get("/housing/figures/export/?start=2026-03-01&end=2026-04-01&format=xlsx")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    assert [cell.value for cell in sheet[2]] == ["Nights", "Total", 10]
