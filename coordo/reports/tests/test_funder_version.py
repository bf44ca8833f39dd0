"""Funders' versions: aggregates only, small counts suppressed (primary and secondary), the
report's tables checked together; funders read their versions and nothing else."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from conftest import make_person, make_user, verified_client
from coordo.access.roles import Role
from coordo.casework.models import Request
from coordo.housing.tests.factories import principal
from coordo.reports import actions, queries
from coordo.reports.content import SUPPRESSED, SectionPlan, build, tables
from coordo.reports.indicators import Scope
from coordo.reports.models import GeneratedReport

pytestmark = pytest.mark.django_db
Q3 = (date(2026, 7, 1), date(2026, 10, 1))


@pytest.fixture
def desk(site):  # type: ignore[no-untyped-def]
    """Q3: 9 requests for a place, 2 legal questions; July 6, August 5."""
    person = make_person(site, "Zeynep", "Traceable")
    days = [date(2026, 7, d) for d in range(1, 7)] + [date(2026, 8, d) for d in range(1, 6)]
    for index, day in enumerate(days):
        Request.objects.create(
            organisation=site.organisation, site=site, person=person,
            kind="legal" if index < 2 else "accommodation",
            received_at=datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/Brussels")),
        )  # fmt: skip
    return site


def content_of(site, *plans, funder=True):  # type: ignore[no-untyped-def]
    return build(
        title="T",
        site_names=[site.name],
        scope=Scope((site.pk,), *Q3),
        sections=plans,
        funder=funder,
    )


def test_small_counts_and_their_complements_are_suppressed(desk):
    table = SectionPlan("table", "Requests", ("casework.requests",), "kind")
    exact = content_of(desk, table, funder=False)
    assert [row["cells"][2] for row in tables(exact)[1]["rows"]] == [11, 9, 2]
    funder = content_of(desk, table)
    rows = [row["cells"][2] for row in tables(funder)[0]["rows"]]
    assert rows[2] == SUPPRESSED  # 2 legal questions: primary
    assert SUPPRESSED in (rows[0], rows[1])  # and what would give them away: secondary
    assert funder["sections"][0]["kind"] == "table"  # no data-quality section for funders


def test_two_tables_of_one_report_cannot_be_subtracted(desk):
    # The total is in one table, the breakdown in another: checked together, as one report.
    totals = SectionPlan("table", "Total", ("casework.requests",))
    by_kind = SectionPlan("table", "By kind", ("casework.requests",), "kind")
    funder = content_of(desk, totals, by_kind)
    total = tables(funder)[0]["rows"][0]["cells"][2]
    parts = [row["cells"][2] for row in tables(funder)[1]["rows"]]
    assert total == parts[0]  # the same count is one cell, shown the same everywhere
    shown = [p for p in parts[1:] if p != SUPPRESSED]
    assert not (total != SUPPRESSED and len(shown) == 1), "the suppressed part = total - shown"


def test_no_count_between_one_and_four_and_no_person_in_a_funders_version(
    housing_quarter, front_desk
):
    plans = [
        SectionPlan(s.kind, s.title, tuple(s.indicators), s.breakdown)
        for s in _shipped("transitional_house_annual")
    ]
    funder = content_of(housing_quarter, *plans)
    for section in tables(funder):
        for row in section["rows"]:
            if row.get("count"):
                assert all(
                    v == SUPPRESSED or v is None or v == 0 or v >= 5 for v in row["cells"][2:3]
                ), row
    text = repr(funder)
    assert "Kone" not in text
    assert "Awa" not in text
    # 102 nights are shown, and the occupancy rate on them; an average length resting on
    # 2 exits is suppressed with them.
    rows = {
        row["cells"][0]: row["cells"][2:]
        for s in tables(funder)
        if s["kind"] == "table"
        for row in s["rows"]
        if not row["level"]
    }
    assert rows["Nights"] == [102]
    assert rows["Occupancy rate"] == [28.2]
    assert rows["Stays ended"] == [SUPPRESSED]
    assert rows["Average length of stay"] == [SUPPRESSED]


def _shipped(key):  # type: ignore[no-untyped-def]
    from coordo.reports.shipped import BY_KEY

    return BY_KEY[key].sections


def test_funders_read_the_funders_version_and_never_the_exact_one(
    site, coordinator, housing_quarter
):
    template = actions.copy_shipped_template("grant_pack", site=site, by=principal(coordinator))
    reports = {}
    for funder in (False, True):
        content = queries.template_content(template, *Q3, funder=funder)
        reports[funder] = GeneratedReport.objects.create(
            organisation=site.organisation, template=template, site=site, title="T", start=Q3[0],
            end=Q3[1], funder_version=funder, status="done", content=content,
        )  # fmt: skip
    funder_client = verified_client(make_user(site, Role.FUNDER))
    assert funder_client.get(reverse("report_detail", args=[reports[True].pk])).status_code == 200
    assert funder_client.get(reverse("report_detail", args=[reports[False].pk])).status_code == 404
    archive = funder_client.get(reverse("report_archive")).content.decode()
    assert reverse("report_detail", args=[reports[True].pk]) in archive
    assert reverse("report_detail", args=[reports[False].pk]) not in archive
    assert funder_client.get(reverse("report_template", args=[template.pk])).status_code == 403
