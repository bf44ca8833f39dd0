"""Funders' and researchers' figures: the same computation, every count under 5 suppressed."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from conftest import make_person, make_user, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.roles import Role
from coordo.housing.actions import admit_household, end_stay
from coordo.housing.figures import SUPPRESSED, WITHHELD, Row, aggregates_only, compute
from coordo.housing.tests.factories import make_building, make_unit, principal
from coordo.people.models import Sex

pytestmark = pytest.mark.django_db
MARCH = "?start=2026-03-01&end=2026-04-01"


def _stays(site, coordinator, exits):  # type: ignore[no-untyped-def]
    """One person a stay, ten nights each in March, leaving for `exits` (sex, destination)."""
    who = principal(coordinator)
    dormitory = make_unit(make_building(site), "Dortoir", capacity=10, kind="dormitory")
    for index, (sex, destination) in enumerate(exits):
        person = make_person(site, f"Résidente{index}", "Kone", sex=sex, birth_year=1990)
        stay = admit_household(
            dormitory, head=person, start=date(2026, 3, 1), by=coordinator, principal=who
        )
        end_stay(
            stay, end=date(2026, 3, 11), exit_reason="planned", destination=destination,
            by=coordinator, principal=who,
        )  # fmt: skip


SIX = [(Sex.FEMALE, "street")] * 4 + [(Sex.FEMALE, "family_friends"), (Sex.MALE, "street")]


def test_every_count_under_5_is_suppressed_and_the_others_are_exact(site, coordinator):
    _stays(site, coordinator, SIX)
    figures = aggregates_only(compute(site.pk, date(2026, 3, 1), date(2026, 4, 1)))
    assert (figures.nights, figures.capacity_nights, figures.occupancy_rate) == (60, 310, 19.4)
    assert (figures.average_length, figures.median_length) == (10.0, 10.0)
    assert figures.nights_by_month == [Row("2026-03", 60)]
    assert figures.entries_exits == [(date(2026, 3, 1), 6, 6)]
    assert figures.exits_by_destination == [
        Row("Street or squat", 5), Row("Family or friends", SUPPRESSED),
    ]  # fmt: skip
    assert figures.persons_by_sex == [Row("Female", 5), Row("Male", SUPPRESSED)]
    assert figures.persons_by_age == [Row("25-39", 6)]
    assert figures.households_by_type == [Row("Man alone", SUPPRESSED), Row("Woman alone", 5)]


def test_a_rate_and_lengths_resting_on_few_people_are_withheld(site, coordinator):
    _stays(site, coordinator, [(Sex.FEMALE, "street")])
    figures = aggregates_only(compute(site.pk, date(2026, 3, 1), date(2026, 4, 1)))
    assert (figures.nights, figures.occupancy_rate) == (10, 3.2)
    assert (figures.average_length, figures.median_length) == (WITHHELD, WITHHELD)
    assert figures.entries_exits == [(date(2026, 3, 1), SUPPRESSED, SUPPRESSED)]
    few = aggregates_only(compute(site.pk, date(2026, 3, 10), date(2026, 3, 11)))
    assert (few.nights, few.occupancy_rate) == (SUPPRESSED, WITHHELD)


def test_a_funder_reads_and_exports_the_suppressed_figures_and_no_person(site, coordinator):
    _stays(site, coordinator, SIX)
    funder = make_user(site, Role.FUNDER)
    client = verified_client(funder)
    url = f"/housing/sites/{site.pk}/figures/"
    assert f'<a href="{url}">Refuge Test</a>' in client.get("/").content.decode()
    page = client.get(url + MARCH).content.decode()
    assert '<p class="figure">60</p>' in page
    assert "<tr><td>Family or friends</td><td>&lt; 5</td></tr>" in page
    assert ("Kone" in page, "Résidente" in page) == (False, False)
    csv_lines = client.get(url + "export/" + MARCH + "&format=csv").content.decode().splitlines()
    assert "Exits by destination,Family or friends,<5" in csv_lines
    assert "Persons by sex,Female,5" in csv_lines
    xlsx = client.get(url + "export/" + MARCH + "&format=xlsx")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    values = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert (values["Persons by sex", "Male"], values["Nights", "Total"]) == ("<5", 60)
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
