from __future__ import annotations

from datetime import date

import pytest
import time_machine

from conftest import verified_client
from coordo.community import actions, figures, queries
from coordo.community.tests.factories import principal, published
from coordo.disclosure import SUPPRESSED

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(site, coordinator):
    activity = published(site, coordinator)
    by = principal(coordinator)
    for day, total, children in (
        (date(2026, 3, 3), 10, 2),
        (date(2026, 3, 10), 12, 0),
        (date(2026, 4, 7), 8, 6),
    ):
        actions.record_attendance(
            activity, occurrence_date=day, total=total, participants=total - children,
            children=children, by=by,
        )  # fmt: skip
    return activity


def test_figures_per_activity_and_month(site, coordinator, counted):
    rows = queries.attendance_figures(
        principal(coordinator), site, date(2026, 1, 1), date(2027, 1, 1)
    )
    assert [(r.month, r.occurrences, r.total, r.by_category["children"]) for r in rows] == [
        (date(2026, 3, 1), 2, 22, 2),
        (date(2026, 4, 1), 1, 8, 6),
    ]


def test_funders_get_whole_months_with_small_cells_suppressed(site, coordinator, counted):
    rows = queries.attendance_figures(
        principal(coordinator), site, date(2026, 1, 1), date(2027, 1, 1)
    )
    with time_machine.travel("2026-04-15 12:00 +02:00", tick=False):
        funded = figures.for_funders(rows)
    assert [row.month for row in funded] == [date(2026, 3, 1)]  # April has not ended
    march = funded[0]
    assert march.total == 22
    assert march.by_category["children"] is SUPPRESSED  # 2 children: under 5
    # and the participants too, or 22 - 20 would give the children away
    assert march.by_category["participants"] is SUPPRESSED


def test_the_export_in_csv_and_xlsx(site, coordinator, counted):
    client = verified_client(coordinator)
    query = {"start": "2026-01-01", "end": "2026-07-01"}
    answer = client.get("/community/figures/export/", query)
    assert answer.status_code == 200
    text = answer.content.decode("utf-8-sig")
    assert "2026-03;Atelier couture;2;22" in text
    xlsx = client.get("/community/figures/export/", query | {"format": "xlsx", "funders": "1"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/community/figures/", query).status_code == 200


def test_the_figures_page_shows_the_chart_and_the_busiest_days(site, coordinator, counted):
    answer = verified_client(coordinator).get(
        "/community/figures/", {"start": "2026-01-01", "end": "2026-07-01"}
    )
    assert answer.context["days"] == [("Tuesday", 30)]
    assert answer.context["hours"] == [(14, 30)]
    assert [(month, total) for _x, month, total, _h in answer.context["chart"]] == [
        (date(2026, 3, 1), 22), (date(2026, 4, 1), 8),
    ]  # fmt: skip
    assert "<svg" in answer.content.decode()


def test_the_period_ends_before_the_first_day_of_end(site, coordinator, counted):
    """[start, end), as the other figures pages: 7 April counts only from an end on the 8th."""
    by = principal(coordinator)
    assert [
        r.total for r in queries.attendance_figures(by, site, date(2026, 3, 3), date(2026, 4, 7))
    ] == [22]
    assert [
        r.total for r in queries.attendance_figures(by, site, date(2026, 3, 4), date(2026, 4, 8))
    ] == [12, 8]


@pytest.mark.parametrize(
    ("asked", "field", "reason"),
    [
        ({"start": "2026-06-01", "end": "2026-03-01"}, "end", "The end must come after the start."),
        ({"start": "2026-06-01", "end": "2026-06-01"}, "end", "The end must come after the start."),
        ({"start": "le 3 mars", "end": "2026-06-01"}, "start", "Enter a valid date."),
        ({"start": "2026-01-01", "end": "2026-02-30"}, "end", "Enter a valid date."),
    ],
)
def test_a_bad_period_is_refused_naming_the_field(site, coordinator, counted, asked, field, reason):
    client = verified_client(coordinator)
    page = client.get("/community/figures/", asked)
    assert page.status_code == 400
    assert page.context["form"].errors == {field: [reason]}
    assert "rows" not in page.context  # no figures from a period nobody asked for
    label = {"start": "From", "end": "Until (excluded)"}[field]
    assert f"<li>{label}: {reason}</li>" in page.content.decode()
    export = client.get("/community/figures/export/", asked)
    assert (export.status_code, export.content.decode()) == (400, f"{field}: {reason}")
