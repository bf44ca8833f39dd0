"""The figures, reports and exports read from a real streaming replica; writes never go there.

Runs when COORDO_REPLICA_DATABASE_URL names a PostgreSQL standby of the test server
(scripts/replica-cluster.sh makes one on port 5433; `make test-postgres` runs this module
against it when it answers). Physical replication copies the test database too, so the
standby holds what the test wrote once it has replayed the primary's WAL.
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_household, make_person, verified_client
from coordo.housing.actions import admit_household
from coordo.housing.tests.factories import make_building, make_unit, principal
from coordo.replica import REPLICA, replica_configured

pytestmark = [
    pytest.mark.skipif(
        not replica_configured(),
        reason="no replica: run scripts/replica-cluster.sh and set COORDO_REPLICA_DATABASE_URL",
    ),
    pytest.mark.django_db(transaction=True, databases=["default", REPLICA]),
]
WRITES = ("INSERT", "UPDATE", "DELETE")


def wait_for_replay(timeout: float = 10.0) -> None:
    """Until the standby has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (written,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    with connections[REPLICA].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [written])
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError(f"the replica did not replay {written} within {timeout} s")


@pytest.fixture
def hosted_family(site, coordinator):  # type: ignore[no-untyped-def]
    mother = make_person(site, "Nour", "Replica")
    child = make_person(site, "Lina", "Replica", birth_year=2020)
    unit = make_unit(make_building(site), "Studio", capacity=2, family=True)
    admit_household(
        unit,
        head=mother,
        household=make_household(site, mother, child),
        start=date(2026, 9, 1),
        by=principal(coordinator),
    )
    wait_for_replay()


def tables_read(queries: list[dict[str, str]]) -> str:
    return " ".join(query["sql"] for query in queries)


def test_the_replica_is_a_standby_of_the_test_database():
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_database()")
        in_recovery, name = cursor.fetchone()
    assert in_recovery is True
    assert name == connections["default"].settings_dict["NAME"]


def test_figures_read_from_the_replica_and_write_nothing_there(site, coordinator, hosted_family):
    client = verified_client(coordinator)
    url = reverse("housing_figures") + "?start=2026-09-01&end=2026-10-01"
    with (
        CaptureQueriesContext(connections[REPLICA]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get(url)

    assert response.status_code == 200
    assert "housing_stay" in tables_read(on_replica.captured_queries)
    assert "housing_stay" not in tables_read(on_primary.captured_queries)
    assert not [
        q for q in on_replica.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]
    # Who the user is comes from the primary: a logout or a revoked session never lags.
    assert "django_session" in tables_read(on_primary.captured_queries)
    assert "django_session" not in tables_read(on_replica.captured_queries)
    # The family's September (2 persons × 30 nights), as the standby holds it.
    assert response.context["figures"].nights == 60


def test_the_export_reads_from_the_replica(site, coordinator, hosted_family):
    client = verified_client(coordinator)
    url = reverse("housing_figures_export") + "?start=2026-09-01&end=2026-10-01&format=csv"
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get(url)
    assert response.status_code == 200
    assert "housing_stay" in tables_read(on_replica.captured_queries)


def test_other_pages_and_every_post_use_the_primary_only(site, coordinator, hosted_family):
    client = verified_client(coordinator)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get(reverse("housing_board")).status_code == 200
        client.post(reverse("housing_figures") + "?start=2026-09-01&end=2026-10-01")
    assert on_replica.captured_queries == []


def test_a_replica_that_does_not_answer_leaves_the_page_on_the_primary(
    site, coordinator, hosted_family
):
    replica = connections[REPLICA]
    replica.close()
    port = replica.settings_dict["PORT"]
    replica.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        client = verified_client(coordinator)
        url = reverse("housing_figures") + "?start=2026-09-01&end=2026-10-01"
        with CaptureQueriesContext(connections["default"]) as on_primary:
            response = client.get(url)
    finally:
        replica.close()
        replica.settings_dict["PORT"] = port
    assert response.status_code == 200
    assert "housing_stay" in tables_read(on_primary.captured_queries)
