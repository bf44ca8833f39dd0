"""Issue 10's differencing attack, played as the funder against the exports of a year.

The world holds a steady core of residents (so many counts are 5 or more and published)
and stays placed by hand around it, so counts of 1 to 4 fall in many cells of many
months, among them the issue's household: a mother of 25-39 and her daughter under 18,
arrived on 3 November. The funder downloads the export of every whole period of the year
(12 months, 4 quarters, the year) the day after it ends, and all seventeen again once
the year is over; the test reads the 34 files back and, for each suppressed cell, solves
by linear programming over all of them for its least and greatest value. Every cell under 5, 0 included, must be suppressed, and every such
interval must reach both 0 and 5 (tests.attacker.RULE): the funder learns neither that
somebody is there nor that they are few.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Sequence
from datetime import date, datetime
from datetime import time as dt_time
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from conftest import make_household, make_person, make_user, verified_client
from coordo.access.roles import Role
from coordo.disclosure import whole_periods
from coordo.housing.actions import admit_household, end_stay
from coordo.housing.figures import AGE_BANDS, compute, number
from coordo.housing.models import Destination, HouseholdType
from coordo.housing.tests.factories import make_building, make_unit, principal
from coordo.people.models import Sex
from tests.attacker import CEILING, RULE, bounds, uncovered

pytestmark = pytest.mark.django_db
YEAR = 2025
PERIODS = whole_periods(YEAR)
BRUSSELS = ZoneInfo("Europe/Brussels")
CHOICES: dict[str, tuple[str, Sequence[tuple[object, object]]]] = {
    "Exits by destination": ("destination", Destination.choices),
    "Persons by age": ("age", [(label, label) for _l, _h, label in AGE_BANDS] + [("?", "unknown")]),
    "Persons by sex": ("sex", Sex.choices),
    "Households by type": ("household", HouseholdType.choices),
}


def _breakdowns() -> dict[str, tuple[str, list[str]]]:
    """Each breakdown's measure and every label it has, in the active language."""
    return {
        figure: (measure, [str(label) for _v, label in choices])
        for figure, (measure, choices) in CHOICES.items()
    }


MARGIN = {"destination": "exits", "age": "persons", "sex": "persons", "household": "households"}
F, M, U = Sex.FEMALE, Sex.MALE, Sex.UNKNOWN


def _world(site, coordinator) -> None:  # type: ignore[no-untyped-def]
    """A dormitory with a steady core (so many cells are 5 or more and published), and
    around it stays of one to four people, so small counts sit beside large ones."""
    who = principal(coordinator)
    building = make_building(site)
    dormitory = make_unit(building, "Dortoir", capacity=40, kind="dormitory")
    flats = [make_unit(building, f"Appartement {n}", capacity=4, family=True) for n in (1, 2)]

    def stay(unit, people, start, end=None, destination=""):  # type: ignore[no-untyped-def]
        persons = [
            make_person(site, f"P{index}", f"Test{start:%y%m%d}", sex=sex, birth_year=born)
            for index, (sex, born) in enumerate(people)
        ]
        household = make_household(site, *persons) if len(persons) > 1 else None
        admitted = admit_household(unit, head=persons[0], household=household, start=start, by=who)
        if end:
            end_stay(admitted, end=end, exit_reason="planned", destination=destination, by=who)

    # The core: twelve women of 25-39 all year; six of 40-59 until June, five of them
    # leaving for social housing and one for the street (a 1 beside a 5 in one row).
    for born in range(1986, 1998):
        stay(dormitory, [(F, born)], date(YEAR - 1, 11, 4))
    for index, born in enumerate(range(1966, 1972)):
        destination = "street" if index == 5 else "social_housing"
        stay(dormitory, [(F, born)], date(YEAR - 1, 12, 2), date(YEAR, 6, 10 + index), destination)
    # Six young women from March to September, all to transitional housing.
    for born in (2002, 2003, 2003, 2004, 2005, 2005):
        stay(dormitory, [(F, born)], date(YEAR, 3, 3), date(YEAR, 9, 20), "transitional")
    # Around them, counts of 1 to 4.
    women = [(F, 1990), (F, 1991), (F, 1992), (F, 1970), (F, 1971), (F, 2001)]
    ends = [
        (date(YEAR, 2, 10), "family_friends"),
        (date(YEAR, 2, 20), "family_friends"),
        (date(YEAR, 3, 5), "social_housing"),
        (date(YEAR, 3, 25), "social_housing"),
        (date(YEAR, 4, 1), "street"),
        (date(YEAR, 4, 20), "private_rental"),
    ]
    for woman, (end, destination) in zip(women, ends, strict=True):
        stay(dormitory, [woman], date(YEAR, 1, 6), end, destination)
    stay(dormitory, [(M, 1980)], date(YEAR, 2, 3), date(YEAR, 3, 28), "street")
    stay(dormitory, [(M, 1960)], date(YEAR, 2, 3), date(YEAR, 9, 15), "shelter")
    stay(
        flats[0],
        [(F, 1988), (M, 2012), (M, 2018)],
        date(YEAR, 3, 10),
        date(YEAR, 6, 20),
        "social_housing",
    )
    stay(dormitory, [(F, 1999)], date(YEAR, 5, 5), date(YEAR, 8, 31), "transitional")
    stay(dormitory, [(U, None)], date(YEAR, 7, 1), date(YEAR, 7, 15), "unknown")
    for end, destination in [(date(YEAR, 12, 15), "private_rental")] * 2 + [
        (date(YEAR, 12, 20), "return")
    ]:
        stay(dormitory, [(F, 1975)], date(YEAR, 10, 1), end, destination)
    stay(flats[1], [(F, 1998), (F, 2019)], date(YEAR, 11, 3))  # the household


def _rows(content: str) -> list[list[str]]:
    """The rows of an aggregate export below its legend and its header."""
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    return rows[rows.index(["Figure", "Label", "Value"]) + 1 :]


def _key(period: str, figure: str, label: str) -> tuple[str, ...] | None:
    if figure in ("Nights", "Entries", "Exits"):
        return (figure.lower(), period if label == "Total" else label)
    if figure in CHOICES:
        return (CHOICES[figure][0], label, period)
    return None  # capacity, rate, lengths: checked apart


def _truth(site_id: int) -> dict[tuple[str, ...], int]:
    """What the coordinator sees exact, over the same periods (a category absent is 0)."""
    truth: dict[tuple[str, ...], int] = {}
    for period in PERIODS:
        figures = compute(site_id, period.start, period.end)
        truth["nights", period.code] = int(number(figures.nights))
        for (month, entries, exits), row in zip(
            figures.entries_exits, figures.nights_by_month, strict=True
        ):
            truth |= {
                ("nights", row.label): int(number(row.value)),
                ("entries", f"{month:%Y-%m}"): int(number(entries)),
                ("exits", f"{month:%Y-%m}"): int(number(exits)),
            }
        for figure, rows in (
            ("Exits by destination", figures.exits_by_destination),
            ("Persons by age", figures.persons_by_age),
            ("Persons by sex", figures.persons_by_sex),
            ("Households by type", figures.households_by_type),
        ):
            measure, labels = _breakdowns()[figure]
            found = {row.label: int(number(row.value)) for row in rows}
            truth |= {(measure, label, period.code): found.get(label, 0) for label in labels}
    return truth


def _relations() -> list[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]]:
    """What anyone knows of these figures: breakdowns add up to their margin (persons by
    age and by sex to the same persons); flows add up over time; people and households
    are counted once in a period and once in each part of it they were in."""
    relations: list[tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]] = []
    quarters, year = PERIODS[12:16], PERIODS[16]
    wholes = [(quarter, quarter.months) for quarter in quarters] + [(year, quarters)]
    for period in PERIODS:
        for measure, labels in _breakdowns().values():
            cells = tuple((measure, label, period.code) for label in labels)
            relations.append(("sum", (MARGIN[measure], period.code), cells))
    for whole, parts in wholes:
        for measure in ("nights", "entries", "exits", "persons", "households"):
            kind = "distinct" if measure in ("persons", "households") else "sum"
            relations.append((kind, (measure, whole.code), tuple((measure, p.code) for p in parts)))
        for measure, labels in _breakdowns().values():
            kind = "sum" if measure == "destination" else "distinct"
            for label in labels:
                relations.append(
                    (
                        kind,
                        (measure, label, whole.code),
                        tuple((measure, label, p.code) for p in parts),
                    )
                )
    return relations


def _download(client, url: str, period: str, shown: dict, derived: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    """One export as the funder gets it, its cells kept with those of every export before."""
    response = client.get(url, {"period": period, "format": "csv"})
    assert response.status_code == 200, period
    for figure, label, value in _rows(response.content.decode("utf-8-sig")):
        key = _key(period, figure, label)
        if key is None:
            derived[period, f"{figure}: {label}"] = value
        elif value.isdigit() or key not in shown:  # a number once out stays known
            assert shown.get(key, value) in (value, "x"), f"{key} has two values"
            shown[key] = value
    for measure, labels in _breakdowns().values():  # a row left out would say 0
        for label in labels:
            shown.setdefault((measure, label, period), "0")


def test_no_suppressed_cell_of_a_year_of_exports_can_be_recovered(site, coordinator, capsys):
    """The funder downloads each period the day after it ends, then the whole year again
    a year later; the attacker holds every file at once."""
    _world(site, coordinator)
    client = verified_client(make_user(site, Role.FUNDER))
    url = f"/housing/sites/{site.pk}/figures/export/"
    client.get(url, {"period": str(YEAR)})  # a warm server: the first request loads Django
    shown: dict[tuple[str, ...], str] = {}
    derived: dict[tuple[str, str], str] = {}
    started = time.perf_counter()
    for month in PERIODS[:12]:
        with time_machine.travel(datetime.combine(month.end, dt_time(9), BRUSSELS), tick=False):
            for period in PERIODS:
                if period.end == month.end:
                    _download(client, url, period.code, shown, derived)
    early = dict(shown)
    for period in PERIODS:
        _download(client, url, period.code, shown, derived)
    exported = time.perf_counter() - started

    truth = _truth(site.pk)
    published = {key: int(value) for key, value in shown.items() if value.isdigit()}
    hidden = [key for key in shown if key not in published]
    small = {key for key, value in truth.items() if value < RULE}
    started = time.perf_counter()
    found = bounds(published, _relations(), [key for key in hidden if key in small])
    solved = time.perf_counter() - started
    assert set(truth) == set(shown)
    assert ({key: truth[key] for key in small if key in published}, uncovered(found)) == ({}, {})
    assert {key for key, value in early.items() if value.isdigit()} <= published.keys()

    # Rates and lengths resting on a suppressed count are suppressed too.
    for period in PERIODS:
        nights = shown["nights", period.code]
        rate = derived[period.code, "Occupancy rate (%): Total"]
        assert (rate == "x") == (nights == "x"), period.code
        exits = [shown["exits", month.code] for month in period.months]
        average = derived[period.code, "Length of stay (nights): Average"]
        assert (average == "x") == ("x" in exits), period.code

    xlsx = client.get(url, {"period": str(YEAR), "format": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    in_sheet = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)][2:]
    csv_year = client.get(url, {"period": str(YEAR), "format": "csv"}).content.decode("utf-8-sig")
    assert in_sheet == _rows(csv_year)

    primary = [key for key in hidden if key in small]
    lows, highs = [low for low, _high in found.values()], [high for _low, high in found.values()]
    unbounded = sum(high > CEILING / 2 for high in highs)
    with capsys.disabled():
        print(
            f"\nattack: {2 * len(PERIODS)} exports of {len(PERIODS)} tables, {len(shown)} cells, "
            f"{len(published)} published, {len(hidden)} suppressed ({len(primary)} primary, "
            f"{len(hidden) - len(primary)} secondary); over the {len(found)} primary cells "
            f"LP min ≤ {max(lows):.1f}, LP max ≥ {min(highs):.1f} ({unbounded} unbounded); "
            f"exports {exported:.2f} s, {2 * len(found)} LPs {solved:.2f} s"
        )


@pytest.mark.parametrize("role", [Role.FUNDER, Role.RESEARCHER])
def test_free_dates_are_refused_to_aggregate_readers_naming_the_field(site, role):
    client = verified_client(make_user(site, role))
    url = f"/housing/sites/{site.pk}/figures/"
    sliding = {"start": f"{YEAR}-01-01", "end": f"{YEAR}-11-04"}  # the attack
    export = client.get(url + "export/", sliding | {"format": "csv"})
    assert (export.status_code, export.content.decode()) == (
        400,
        "end: Aggregates cover whole months, quarters or years only: choose one in “Period”.",
    )
    page = client.get(url, {"start": f"{YEAR}-11-03", "end": f"{YEAR}-12-01"})
    assert page.status_code == 400
    assert "Aggregates cover whole months, quarters or years only" in page.content.decode()
    assert "Export CSV" not in page.content.decode()
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        unfinished = client.get(url + "export/", {"start": "2026-12-01", "end": "2027-01-01"})
    assert unfinished.content.decode() == (
        "end: This period has not ended yet: its figures would still change."
    )
    unknown = client.get(url + "export/", {"period": "2099-01"})
    assert unknown.status_code == 400
    assert unknown.content.decode().startswith("period: Select a valid choice.")
    whole = client.get(url + "export/", {"period": f"{YEAR}-Q4", "format": "csv"})
    assert whole.status_code == 200
    assert whole.content.decode("utf-8-sig").splitlines()[0].startswith("x: suppressed to protect")
