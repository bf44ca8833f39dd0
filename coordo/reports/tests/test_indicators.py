"""Every indicator of the catalogue against a hand-counted fixture (see conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from coordo.housing.figures import compute
from coordo.reports.indicators import FIELD_CHECKS, Scope, Value, indicator, indicators

pytestmark = pytest.mark.django_db

Q3 = (date(2026, 7, 1), date(2026, 10, 1))


def value(code: str, site, breakdown: str | None = None, period=Q3) -> Value:  # type: ignore[no-untyped-def]
    return indicator(code).value(Scope((site.pk,), *period), breakdown)


def test_the_catalogue_has_one_module_per_domain_and_stable_codes():
    codes = [i.code for i in indicators()]
    assert len(codes) == len(set(codes))
    domains = {"housing", "casework", "planning", "dispatch", "incidents", "community"}
    assert {i.domain for i in indicators()} == domains
    assert all(i.unit_label and str(i.label) for i in indicators())


def test_housing_nights_capacity_and_occupancy(housing_quarter):
    # Family: 2 persons × 41 nights in July–August; Sara: 20 nights in September.
    assert value("housing.nights", housing_quarter, "month") == Value(
        102, (("2026-07", 62), ("2026-08", 20), ("2026-09", 20))
    )
    assert value("housing.capacity_nights", housing_quarter).total == 4 * 92 - 6
    assert value("housing.occupancy_rate", housing_quarter).total == 28.2


def test_housing_stays_begun_and_ended(housing_quarter):
    assert value("housing.entries", housing_quarter, "month") == Value(
        1, (("2026-07", 0), ("2026-08", 0), ("2026-09", 1))
    )
    assert value("housing.exits", housing_quarter, "month").total == 2
    assert value("housing.exits", housing_quarter, "destination").rows == (
        ("Social housing (SLSP, AIS, SISP)", 1), ("Unknown", 1),
    )  # fmt: skip
    # 52 and 20 nights.
    assert value("housing.length_average", housing_quarter).total == 36.0
    assert value("housing.length_median", housing_quarter).total == 36.0


def test_housing_persons_and_households(housing_quarter):
    assert value("housing.persons", housing_quarter, "age") == Value(
        3, (("0-17", 1), ("25-39", 1), ("unknown", 1))
    )
    assert value("housing.persons", housing_quarter, "sex").rows == (("Female", 2), ("Male", 1))
    assert value("housing.households", housing_quarter, "household") == Value(
        2, (("Woman alone", 1), ("Parent with children", 1))
    )


def test_the_housing_figures_page_and_the_catalogue_agree(housing_quarter):
    figures = compute(housing_quarter.pk, *Q3)
    assert value("housing.nights", housing_quarter).total == figures.nights
    assert value("housing.capacity_nights", housing_quarter).total == figures.capacity_nights
    assert value("housing.occupancy_rate", housing_quarter).total == figures.occupancy_rate


def test_housing_data_quality(housing_quarter):
    scope = Scope((housing_quarter.pk,), *Q3)
    assert FIELD_CHECKS["housing.birth_year"].count(scope) == (1, 3)  # Sara's is unknown
    assert FIELD_CHECKS["housing.sex"].count(scope) == (0, 3)
    assert FIELD_CHECKS["housing.destination"].count(scope) == (1, 2)  # Sara's exit
    assert FIELD_CHECKS["housing.household_type"].count(scope) == (0, 2)


def test_casework_requests(front_desk):
    assert value("casework.requests", front_desk, "kind") == Value(
        3, (("A place to stay", 2), ("Legal question", 1))
    )
    assert value("casework.requests", front_desk, "outcome").rows == (
        ("Not recorded yet", 1), ("Referred", 2),
    )  # fmt: skip


def test_casework_referrals_and_answer_times(front_desk):
    assert value("casework.referrals", front_desk, "status") == Value(
        3, (("Sent", 1), ("Accepted", 1), ("Done", 1))
    )
    assert value("casework.referrals", front_desk, "partner").rows == (
        ("CPAS", 1),
        ("Planning Familial", 2),
    )
    assert value("casework.referral_answer_days", front_desk).total == 3.0


SEPTEMBER = (date(2026, 9, 1), date(2026, 10, 1))


def test_planning_hours_and_shifts(drop_in_month):
    assert value("planning.hours", drop_in_month, "worker_kind", SEPTEMBER) == Value(
        11.0, (("Staff", 4.0), ("Volunteer", 7.0))
    )
    assert value("planning.volunteer_hours", drop_in_month, period=SEPTEMBER).total == 7.0
    assert value("planning.shifts", drop_in_month, "worker_kind", SEPTEMBER) == Value(
        3, (("Staff", 1), ("Volunteer", 2))
    )


Q4 = (date(2026, 10, 1), date(2027, 1, 1))


def test_dispatch_arrivals(arrival_centre):
    assert value("dispatch.arrivals", arrival_centre, "month", Q4) == Value(
        3, (("2026-10", 2), ("2026-11", 1))
    )
    assert value("dispatch.arrivals", arrival_centre, "status", Q4).rows == (
        ("Waiting for a place", 1), ("Placed", 2),
    )  # fmt: skip


def test_dispatch_decisions_overrides_and_waiting(arrival_centre):
    assert value("dispatch.decisions", arrival_centre, "outcome", Q4) == Value(
        2, (("Accepted", 1), ("Overridden", 1))
    )
    assert value("dispatch.overrides", arrival_centre, "reason", Q4) == Value(
        1, (("School continuity", 1),)
    )
    assert value("dispatch.waiting_days", arrival_centre, period=Q4).total == 5.0


def test_a_breakdown_the_indicator_does_not_offer_is_refused(housing_quarter):
    with pytest.raises(ValueError, match="no breakdown"):
        value("housing.nights", housing_quarter, "sex")


def test_the_previous_period_of_whole_months_is_as_many_months_before():
    assert Scope((1,), *Q3).previous() == Scope((1,), date(2026, 4, 1), date(2026, 7, 1))
    assert Scope((1,), date(2026, 1, 1), date(2027, 1, 1)).previous().start == date(2025, 1, 1)
