"""The indicator endpoints: exact for coordinators, aggregates through disclosure for funders."""

from __future__ import annotations

import pytest

from conftest import make_user, verified_client
from coordo.access.roles import Role

pytestmark = pytest.mark.django_db


def url(site, code="housing.nights", **query):  # type: ignore[no-untyped-def]
    return f"/api/reports/sites/{site.pk}/indicators/{code}", query


def test_the_catalogue_lists_every_indicator_for_coordinators(coordinator):
    answer = verified_client(coordinator).get("/api/reports/indicators").json()
    codes = [item["code"] for item in answer]
    assert "housing.nights" in codes
    assert "dispatch.waiting_days" in codes


def test_a_coordinator_reads_exact_values_over_any_dates(coordinator, housing_quarter):
    path, query = url(housing_quarter, start="2026-07-01", end="2026-10-01", breakdown="month")
    answer = verified_client(coordinator).get(path, query).json()
    assert (answer["total"], answer["aggregates_only"]) == (102, False)
    assert [(r["label"], r["value"]) for r in answer["rows"]] == [
        ("2026-07", 62),
        ("2026-08", 20),
        ("2026-09", 20),
    ]


def test_a_funder_reads_whole_ended_periods_with_small_counts_suppressed(
    site, housing_quarter, now_2027
):
    funder = verified_client(make_user(site, Role.FUNDER))
    path, query = url(housing_quarter, "housing.exits", start="2026-07-01", end="2026-10-01")
    answer = funder.get(path, query).json()
    assert (answer["total"], answer["suppressed"], answer["aggregates_only"]) == (None, True, True)
    refused = funder.get(*url(housing_quarter, start="2026-07-03", end="2026-10-01"))
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "start"]


def test_another_sites_indicators_are_not_found(coordinator, other_site):
    assert verified_client(coordinator).get(url(other_site)[0]).status_code == 404
