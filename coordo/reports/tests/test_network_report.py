"""The annual report of a network: its queries do not grow with its sites, its figures add up.

Each housing read is one query grouped by site over every site of the report, and gives an
indicator's total with its breakdowns; a report reads each once per period (see
coordo/reports/indicators/housing.py). Counted by hand for the transitional house's annual
template (coordo/reports/shipped.py) over Q3 2026, previous period Q2 2026:

- this period, 8 housing reads: persons (age, sex, birth years: 1), households (1), nights by
  month (1), capacity (units and closures: 2), stays ended (by month and destination, their
  nights: 1), the median length (1), stays begun (1);
- 4 casework queries: requests, referrals, days to answer, referrals by partner;
- the previous period, for the comparison: persons, households, nights, capacity (2), stays
  ended: 6; no median, since no stay ended in Q2 (the family arrived on 20 June);
- the data-quality checks read the same persons, stays ended and households: no query.

8 + 4 + 6 = 18, for one site and for three.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import make_person, make_site, make_user
from coordo.access.roles import Role
from coordo.housing.actions import admit_household, end_stay
from coordo.housing.figures import compute
from coordo.housing.tests.factories import make_building, make_unit, principal
from coordo.reports.content import SectionPlan, build, tables
from coordo.reports.indicators import Scope, Value, computed_together, indicator
from coordo.reports.shipped import BY_KEY
from coordo.reports.tests.conftest import make_housing_quarter

pytestmark = pytest.mark.django_db
Q3 = (date(2026, 7, 1), date(2026, 10, 1))
QUERIES = 18


def annual_report(site_ids: tuple[int, ...]) -> dict:  # type: ignore[type-arg]
    plans = [
        SectionPlan(s.kind, str(s.title), tuple(s.indicators), s.breakdown, str(s.text))
        for s in BY_KEY["transitional_house_annual"].sections
    ]
    return build(title="T", site_names=[], scope=Scope(site_ids, *Q3), sections=plans)


@pytest.fixture
def three_sites(housing_quarter, organisation):  # type: ignore[no-untyped-def]
    """The housing quarter (conftest.py) at Refuge Test and at two more sites."""
    others = [make_site(organisation, name) for name in ("Maison Deux", "Maison Trois")]
    for other in others:
        make_housing_quarter(other, make_user(other, Role.COORDINATOR))
    return (housing_quarter.pk, *(other.pk for other in others))


def key_figures(report: dict) -> dict[str, object]:  # type: ignore[type-arg]
    key = next(s for s in tables(report) if s["kind"] == "table")
    return {row["cells"][0]: row["cells"][2] for row in key["rows"] if not row["level"]}


def test_a_network_report_costs_the_queries_of_a_one_site_report(
    three_sites, django_assert_num_queries
):
    with django_assert_num_queries(QUERIES):
        one = annual_report(three_sites[:1])
    with django_assert_num_queries(QUERIES):
        network = annual_report(three_sites)
    # Each site: 102 nights of 362 bed-nights (28.2 %), 3 persons, 2 households, 1 stay
    # begun and 2 ended (52 and 20 nights).
    assert key_figures(one) == {
        "Persons hosted": 3,
        "Households hosted": 2,
        "Nights": 102,
        "Occupancy rate": 28.2,
        "Average length of stay": 36.0,
        "Median length of stay": 36.0,
        "Stays begun": 1,
        "Stays ended": 2,
        "Bed-nights available": 362,
    }
    assert key_figures(network) == {
        "Persons hosted": 9,
        "Households hosted": 6,
        "Nights": 306,
        "Occupancy rate": 28.2,
        "Average length of stay": 36.0,
        "Median length of stay": 36.0,
        "Stays begun": 3,
        "Stays ended": 6,
        "Bed-nights available": 1086,
    }
    # Birth year, sex, household type, destination: Sara's birth year and her exit's
    # destination are unknown at each site.
    quality = tables(network)[0]["rows"]
    assert [row["cells"][1:3] for row in quality] == [[3, 9], [0, 9], [0, 6], [3, 6]]


def test_the_network_figures_are_the_sites_added_up(three_sites):
    scope = Scope(three_sites, *Q3)
    with computed_together():
        assert indicator("housing.nights").value(scope, "month") == Value(
            306, (("2026-07", 186), ("2026-08", 60), ("2026-09", 60))
        )
        assert indicator("housing.exits").value(scope, "destination") == Value(
            6, (("Social housing (SLSP, AIS, SISP)", 3), ("Unknown", 3))
        )
        assert indicator("housing.persons").value(scope, "age") == Value(
            9, (("0-17", 3), ("25-39", 3), ("unknown", 3))
        )
        assert indicator("housing.households").value(scope, "household").rows == (
            ("Woman alone", 3),
            ("Parent with children", 3),
        )


def test_the_median_of_a_network_is_over_all_its_stays_ended(three_sites, housing_quarter):
    # One more stay at the first site, of 100 nights: lengths 20, 20, 20, 52, 52, 52, 100.
    who = principal(make_user(housing_quarter, Role.COORDINATOR))
    unit = make_unit(make_building(housing_quarter, "Annexe"), "Chambre", capacity=1)
    head = make_person(housing_quarter, "Lina", "Haddad")
    stay = admit_household(unit, head=head, start=date(2026, 6, 1), by=who)
    end_stay(
        stay, end=date(2026, 9, 9), exit_reason="own_choice", destination="family_friends", by=who
    )
    scope = Scope(three_sites, *Q3)
    assert indicator("housing.length_median").value(scope).total == 52.0
    assert indicator("housing.length_average").value(scope).total == round(316 / 7, 1)  # 45.1


def test_the_figures_page_reads_what_the_catalogue_reads(housing_quarter):
    figures = compute(housing_quarter.pk, *Q3)
    scope = Scope((housing_quarter.pk,), *Q3)

    def value(code: str, breakdown: str | None = None) -> Value:
        return indicator(code).value(scope, breakdown)

    assert value("housing.nights", "month").rows == tuple(
        (row.label, row.value) for row in figures.nights_by_month
    )
    assert (value("housing.length_average").total, value("housing.length_median").total) == (
        figures.average_length,
        figures.median_length,
    )
    months = [f"{month:%Y-%m}" for month, _entries, _exits in figures.entries_exits]
    assert value("housing.entries", "month").rows == tuple(
        zip(months, [entries for _m, entries, _x in figures.entries_exits], strict=True)
    )
    assert value("housing.exits", "month").rows == tuple(
        zip(months, [exits for _m, _e, exits in figures.entries_exits], strict=True)
    )
    # The same counts; the page puts the largest first, the catalogue the choices' order.
    for code, breakdown, rows in [
        ("housing.exits", "destination", figures.exits_by_destination),
        ("housing.persons", "age", figures.persons_by_age),
        ("housing.persons", "sex", figures.persons_by_sex),
        ("housing.households", "household", figures.households_by_type),
    ]:
        assert sorted(value(code, breakdown).rows) == sorted((row.label, row.value) for row in rows)
