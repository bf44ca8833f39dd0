"""Measure four housing reads on a generated dataset: queries, server time, raw SQL time.

For each read: the SQL queries it sends (CaptureQueriesContext), the wall time of the
whole request in this process (middleware, ORM, templates), and the time of the same
SQL strings replayed on a cursor in the same process; best of 15 runs (medians are
kept in the JSON too). Results go to
benchmarks/housing/results-<database>.json; --compare A B prints the growth A → B.

    .venv/bin/python benchmarks/housing/run.py --database coordo_bench_housing_10
    .venv/bin/python benchmarks/housing/run.py --compare coordo_bench_housing_10 coordo_bench_housing_100
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import TODAY, setup_django  # noqa: E402

HERE = Path(__file__).resolve().parent
RUNS = 15


def measure(name: str, call: Callable[[], object]) -> dict[str, object]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm caches, as a server that has served this page before
        call()
    with CaptureQueriesContext(connection) as captured:
        call()
    sqls = [query["sql"] for query in captured.captured_queries]
    server = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        server.append(time.perf_counter() - started)
    raw = []
    for _ in range(RUNS):
        with transaction.atomic(), connection.cursor() as cursor:
            started = time.perf_counter()
            for sql in sqls:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            raw.append(time.perf_counter() - started)
            transaction.set_rollback(True)  # the replayed audit rows are not kept
    # The best of the runs: on a shared machine the others measure the neighbours' load.
    server_ms, raw_ms = min(server) * 1000, min(raw) * 1000
    return {"read": name, "queries": len(sqls), "server_ms": round(server_ms, 1),
            "raw_sql_ms": round(raw_ms, 1), "ratio": round(server_ms / raw_ms, 2),
            "server_median_ms": round(statistics.median(server) * 1000, 1),
            "raw_sql_median_ms": round(statistics.median(raw) * 1000, 1)}  # fmt: skip


def run(database: str) -> list[dict[str, object]]:
    setup_django(database)
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from coordo.access.models import Site, User
    from coordo.access.policy import Perm
    from coordo.access.roles import Role
    from coordo.access.scoping import Grant, Principal, principal_for_user
    from coordo.housing.figures import year_protection
    from coordo.housing.queries import free_places_tonight

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    user = User.objects.get(email="bench-coordinator@bench.example")
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    def page(url: str) -> Callable[[], object]:
        def call() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return call

    site_ids = list(
        Site.objects.filter(organisation_id=user.organisation_id).values_list("pk", flat=True)
    )
    network = Principal(user.organisation_id or 0, tuple(Grant(pk, Role.COORDINATOR) for pk in site_ids),
                        frozenset(site_ids))  # fmt: skip
    one_site = principal_for_user(user)
    quarter = date(2026, 8, 24)  # 13 weeks up to today
    # The funders' view: every whole period of 2025 protected as released month by month.
    site = min(one_site.sites_where(Perm.HOUSING_FIGURES))
    aggregate = f"/housing/sites/{site}/figures/?period=2025"

    def first_view(url: str) -> Callable[[], object]:
        def call() -> None:
            year_protection.cache_clear()  # the releases' LPs solved again, as after a change
            page(url)()

        return call

    return [
        measure("board: 60 units x 91 days", page(f"/housing/?start={quarter}&days=91")),
        measure(
            "figures: 1 site x 1 year", page("/housing/figures/?start=2025-11-01&end=2026-11-01")
        ),
        measure("funder figures: 1 year, first view", first_view(aggregate)),
        measure("funder figures: 1 year, next views", page(aggregate)),
        measure("free places tonight: 1 site", lambda: free_places_tonight(one_site, TODAY)),
        measure("free places tonight: all sites", lambda: free_places_tonight(network, TODAY)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="coordo_bench_housing")
    parser.add_argument("--compare", nargs=2, metavar=("SMALL", "LARGE"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    results = run(args.database)
    (HERE / f"results-{args.database}.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'read':<34}{'queries':>8}{'server ms':>11}{'raw SQL ms':>12}{'ratio':>7}")
    for row in results:
        print(
            f"{row['read']:<34}{row['queries']:>8}{row['server_ms']:>11}{row['raw_sql_ms']:>12}{row['ratio']:>7}"
        )


def compare(small: str, large: str) -> None:
    before = {row["read"]: row for row in json.loads((HERE / f"results-{small}.json").read_text())}
    after = json.loads((HERE / f"results-{large}.json").read_text())
    print(f"{'read':<34}{'queries':>10}{'server ms':>16}{'growth':>8}")
    for row in after:
        old = before[row["read"]]
        growth = row["server_ms"] / old["server_ms"]
        print(f"{row['read']:<34}{old['queries']:>4} → {row['queries']:<4}"
              f"{old['server_ms']:>7} → {row['server_ms']:<7}{growth:>6.2f}×")  # fmt: skip


if __name__ == "__main__":
    main()
