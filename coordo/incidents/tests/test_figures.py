from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from conftest import verified_client
from coordo.incidents.figures import compute, median, percentile
from coordo.incidents.models import Incident
from coordo.incidents.tests.factories import on_test_day, report

pytestmark = pytest.mark.django_db


def test_percentiles():
    assert median([]) is None
    assert median([4, 1, 3, 2]) == 2.5
    assert percentile(list(range(1, 11)), 0.9) == 9


@on_test_day
def test_the_figures_of_a_site(site, host):
    tz = timezone.get_current_timezone()
    monday_22 = datetime(2026, 11, 2, 22, 15, tzinfo=tz)
    for minutes, severity in ((2, 3), (4, 3), (30, 4)):
        incident = report(site, host, occurred_at=monday_22, severity=severity, type="threat")
        Incident.objects.filter(pk=incident.pk).update(
            reported_at=monday_22, acknowledged_at=monday_22 + timedelta(minutes=minutes)
        )
    report(site, host, occurred_at=monday_22 + timedelta(days=2), place="courtyard")
    figures = compute(site.pk, date(2026, 11, 1), date(2026, 12, 1))
    assert figures.total == 4
    assert figures.heat[0][22] == 3
    assert figures.heat[2][22] == 1
    assert figures.ack_median_minutes == 4
    assert figures.ack_p90_minutes == 30
    assert dict(figures.by_type) == {"Threat": 3, "Verbal abuse": 1}


def test_the_page_and_its_export(site, host, coordinator):
    report(site, host, occurred_at=timezone.now() - timedelta(days=40))
    client = verified_client(coordinator)
    page = client.get("/incidents/figures/")
    assert page.status_code == 200
    assert page.content.decode().count('class="chart-canvas"') == 2  # the shared chart layer
    csv = client.get("/incidents/figures/export/").content.decode("utf-8-sig")
    assert "Verbal abuse" in csv
    assert verified_client(host).get("/incidents/figures/").status_code == 403


@on_test_day
def test_funders_get_a_whole_year_with_small_cells_suppressed(site, host):
    from conftest import make_user
    from coordo.access.roles import Role
    from coordo.disclosure import SUPPRESSED
    from coordo.incidents.figures import protected_year

    tz = timezone.get_current_timezone()
    for n in range(7):
        report(site, host, occurred_at=datetime(2025, 3, 1 + n, 20, tzinfo=tz), type="threat")
    report(site, host, occurred_at=datetime(2025, 4, 2, 20, tzinfo=tz), type="overdose")
    figures = protected_year(site.pk, 2025)
    assert figures.total == 8
    assert dict(figures.by_type) == {"Threat": SUPPRESSED, "Overdose": SUPPRESSED}
    funder = make_user(site, Role.FUNDER)
    page = verified_client(funder).get(f"/incidents/sites/{site.pk}/figures/?year=2025")
    assert page.status_code == 200
    assert "Des insultes" not in page.content.decode()
