"""The escalation timer on a real `db_worker`, as `make demo` runs it: it fires on time."""

from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import make_user
from coordo.access.roles import Role
from coordo.incidents.models import Incident
from coordo.incidents.tests.factories import report
from coordo.planning.tests.factories import make_worker
from coordo.planning.tests.rota_factories import add_period, make_rota
from tests.worker import STARTUP_SECONDS, worker_database

DELAY = 3  # seconds, instead of the 10 minutes of production


@pytest.mark.django_db(transaction=True)
def test_an_unacknowledged_alert_reaches_the_backup_on_a_real_worker(
    site, host, coordinator, tmp_path, settings, capsys
):
    settings.COORDO_ESCALATION_DELAY_SECONDS = DELAY
    nadia, sam = make_user(site, Role.COORDINATOR), make_user(site, Role.COORDINATOR)
    workers = [make_worker(site, "Nadia", user=nadia), make_worker(site, "Sam", user=sam)]
    now = timezone.now()
    add_period(
        make_rota(site, coordinator, workers), coordinator,
        now - timezone.timedelta(hours=1), now + timezone.timedelta(hours=1), workers[0],
    )  # fmt: skip
    with worker_database(tmp_path) as database:
        database.start_worker()
        incident = report(site, host, severity=3)
        database.wait_until(
            lambda: Incident.objects.get(pk=incident.pk).escalated_at is not None,
            seconds=STARTUP_SECONDS,
        )
        incident.refresh_from_db()
        assert incident.alerted_at is not None
        assert incident.escalated_at is not None
        late = (incident.escalated_at - incident.alerted_at).total_seconds() - DELAY
        with capsys.disabled():
            print(f"\nescalation fired {late:.2f} s after its deadline")
        assert [step.user for step in incident.steps.all()] == [nadia, sam]
        assert -0.5 < late < 60
