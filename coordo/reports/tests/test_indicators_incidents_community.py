"""The incidents and community indicators against their hand-counted fixtures (conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from coordo.access.roles import SiteKind
from coordo.community import queries as community_queries
from coordo.housing.tests.factories import principal
from coordo.incidents.figures import compute
from coordo.reports import dashboards
from coordo.reports.content import SUPPRESSED, SectionPlan, build, tables
from coordo.reports.indicators import FIELD_CHECKS, Scope, Value, indicator, indicators
from coordo.reports.shipped import BY_KEY
from coordo.reports.tests.test_indicators import Q3, value

pytestmark = pytest.mark.django_db


def test_incidents_reported_by_type_severity_month_and_site(incidents_quarter):
    assert value("incidents.reported", incidents_quarter, "incident_type") == Value(
        4, (("Verbal abuse", 1), ("Threat", 2), ("Overdose", 1))
    )
    assert value("incidents.reported", incidents_quarter, "severity").rows == (
        ("1 — minor: nobody hurt, handled on the spot", 1),
        ("2 — serious: needs a follow-up", 2),
        ("4 — critical: a life at risk, emergency services", 1),
    )
    # The threat at 23:30 on 30 September is September's; the one at 00:30 on 1 October,
    # 30 September in UTC, is not the quarter's.
    assert value("incidents.reported", incidents_quarter, "month").rows == (
        ("2026-07", 2),
        ("2026-08", 1),
        ("2026-09", 1),
    )
    assert value("incidents.reported", incidents_quarter, "site").rows == (("Refuge Test", 4),)


def test_incidents_times_to_acknowledgement_follow_up_and_register(incidents_quarter):
    # 4, 2 and 30 minutes: the median 4, the 90th percentile (nearest rank, 3 of 3) 30.
    assert value("incidents.ack_median_minutes", incidents_quarter).total == 4.0
    assert value("incidents.ack_p90_minutes", incidents_quarter).total == 30.0
    # The threat's open action and the overdose's; October's is not the quarter's.
    assert value("incidents.open_actions", incidents_quarter).total == 2
    # The register (2 declarations in the fixture) is for its readers only: never in a report.
    assert not [item for item in indicators() if "declaration" in item.code]
    assert not indicator("incidents.open_actions").funder_visible


def test_the_incident_figures_page_and_the_catalogue_agree(incidents_quarter):
    figures = compute(incidents_quarter.pk, *Q3)
    assert value("incidents.reported", incidents_quarter).total == figures.total == 4
    assert dict(figures.by_type) == dict(
        value("incidents.reported", incidents_quarter, "incident_type").rows
    )
    assert (figures.ack_median_minutes, figures.ack_p90_minutes) == (4.0, 30.0)
    assert figures.open_actions == 3  # the page: every open action of the site, October's too


def test_community_attendance_by_category_month_and_activity(drop_in_quarter):
    assert value("community.attendance", drop_in_quarter, "category") == Value(
        27,
        (
            ("participants", 18),
            ("neighbours", 1),
            ("residents", 3),
            ("children", 2),
            ("partners' workers", 2),
            ("not counted in a category", 1),
        ),
    )
    assert value("community.attendance", drop_in_quarter, "month").rows == (
        ("2026-07", 22),
        ("2026-08", 5),
    )
    assert value("community.attendance", drop_in_quarter, "activity").rows == (
        ("Atelier couture", 22),
        ("Repair café", 5),
    )
    assert value("community.first_visits", drop_in_quarter, "month") == Value(
        4, (("2026-07", 3), ("2026-08", 1))
    )
    assert value("community.activities_held", drop_in_quarter, "activity") == Value(
        3, (("Atelier couture", 2), ("Repair café", 1))
    )


def test_community_governance(drop_in_quarter):
    assert value("community.meetings", drop_in_quarter, "meeting_kind") == Value(
        2, (("Participatory assembly", 1), ("Hosts' meeting", 1))
    )
    assert value("community.meetings", drop_in_quarter, "month").rows == (
        ("2026-07", 1),
        ("2026-08", 1),
    )
    assert value("community.meeting_attendance", drop_in_quarter, "meeting_kind") == Value(
        14, (("Participatory assembly", 14), ("Hosts' meeting", 0))
    )
    # The hosts' meeting counted nobody: 1 of the 2 meetings misses it.
    scope = Scope((drop_in_quarter.pk,), *Q3)
    assert FIELD_CHECKS["community.meeting_attendance"].count(scope) == (1, 2)
    assert value("community.decisions", drop_in_quarter, "status") == Value(
        3, (("To do", 1), ("Done", 1), ("Replaced by a later decision", 1))
    )
    assert value("community.decisions", drop_in_quarter, "meeting_kind").rows == (
        ("Participatory assembly", 2),
        ("Hosts' meeting", 1),
    )


def test_community_outreach(drop_in_quarter, coordinator):
    assert value("community.outreach_rounds", drop_in_quarter).total == 2
    assert value("community.outreach_contacts", drop_in_quarter, "month") == Value(
        5, (("2026-07", 4), ("2026-09", 1))
    )
    # The oriented woman and Nadia, whom the front desk registered.
    assert value("community.orientations", drop_in_quarter).total == 2
    assert value("community.oriented_requests", drop_in_quarter, "month") == Value(
        1, (("2026-07", 1), ("2026-09", 0))
    )
    # The outreach page counts the same, June's round besides.
    page = community_queries.outreach_figures(principal(coordinator), drop_in_quarter)
    assert [(m.contacts, m.oriented, m.requests) for m in page] == [(1, 0, 0), (4, 2, 1), (1, 0, 0)]


def _funder_rows(site, key: str) -> dict[str, list[object]]:  # type: ignore[no-untyped-def]
    plans = [
        SectionPlan(s.kind, str(s.title), s.indicators, s.breakdown) for s in BY_KEY[key].sections
    ]
    content = build(
        title="T", site_names=[site.name], scope=Scope((site.pk,), *Q3), sections=plans, funder=True
    )
    rows: dict[str, list[object]] = {}
    for section in tables(content):
        for row in section["rows"]:
            rows.setdefault(str(row["cells"][0]), row["cells"][2:])  # its first table's
    return rows


def test_funders_see_the_incidents_through_disclosure_control_and_not_the_follow_up(
    incidents_quarter,
):
    rows = _funder_rows(incidents_quarter, "shelter_quarterly")
    assert rows["Incidents reported"][0] == SUPPRESSED  # 4: under the threshold
    # The times rest on it and go with it; the follow-up and the register are not there.
    assert rows["Time to acknowledgement (median)"] == [SUPPRESSED]
    assert "Follow-up actions still open" not in rows
    assert "Declarations in the register of violence" not in rows


def test_funders_see_the_drop_ins_attendance_with_small_cells_suppressed(drop_in_quarter):
    rows = _funder_rows(drop_in_quarter, "drop_in_activity")
    assert rows["Attendance at the activities"][0] == 27
    assert rows["children"] == [SUPPRESSED]  # 2 children
    assert "Nadia" not in repr(rows)


def test_the_drop_in_dashboard_watches_attendance_activities_and_decisions(drop_in_quarter):
    # On 25 August: August so far against the whole of July.
    watched = dashboards.TILES[SiteKind.DROP_IN][:3]
    found = dashboards.tiles((drop_in_quarter.pk,), watched, date(2026, 8, 25))
    assert [(tile.code, tile.this_month, tile.last_month, tile.change) for tile in found] == [
        ("community.attendance", 5, 22, -77.3),
        ("community.activities_held", 1, 2, -50.0),
        ("community.decisions", 1, 2, -50.0),
    ]
    assert {tile.detail_url for tile in found} == {"community_figures"}  # a URL name
