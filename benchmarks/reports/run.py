"""Measure the transitional house's annual report on the national housing dataset.

For one site and for every site of the network: the SQL queries of the report's content
(CaptureQueriesContext), its server time in this process (indicators, disclosure for
the funders' version, the content dict), and the same SQL strings replayed on a cursor
(raw SQL); best of 15 runs (3 for the network's report), medians in the JSON. Then the report page of one site as a
request, and the render times of its PDF, XLSX and DOCX. The dataset is the housing
benchmark's (benchmarks/housing/generate.py). Results go to results-<database>.json;
--compare A B prints the growth A → B.

    .venv/bin/python benchmarks/housing/generate.py --scale 0.1 --database coordo_reports_bench_10
    .venv/bin/python benchmarks/reports/run.py --database coordo_reports_bench_10
    .venv/bin/python benchmarks/reports/run.py --compare coordo_reports_bench_10 coordo_reports_bench_100
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "housing"))
import run as housing_run  # noqa: E402  (the housing benchmark's measure: queries, server, raw SQL)
from generate import setup_django  # noqa: E402

YEAR = (date(2025, 1, 1), date(2026, 1, 1))
RENDER_RUNS = 3
NETWORK_RUNS = 3


def best_of(call: Callable[[], object], runs: int = RENDER_RUNS) -> dict[str, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return {
        "best_ms": round(min(times) * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 1),
    }


def template_for(site_ids: list[int], title: str):  # type: ignore[no-untyped-def]
    from coordo.access.models import Site, User
    from coordo.access.scoping import principal_for_user
    from coordo.reports import actions
    from coordo.reports.models import ReportTemplate

    found = ReportTemplate.objects.filter(title=title).first()
    if found is not None:
        return found
    user = User.objects.get(email="bench-coordinator@bench.example")
    site = Site.objects.get(pk=site_ids[0])
    from coordo.access.models import Membership

    for pk in site_ids:  # the benchmark's coordinator coordinates every site
        Membership.objects.get_or_create(user=user, site_id=pk, role="coordinator",
                                         defaults={"organisation_id": site.organisation_id})  # fmt: skip
    template = actions.copy_shipped_template(
        "transitional_house_annual", site=site, by=principal_for_user(user)
    )
    template.title = title
    template.save(update_fields=["title"])
    template.other_sites.set(site_ids[1:])
    return template


def run(database: str) -> list[dict[str, object]]:
    setup_django(database)
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from coordo.access.models import Membership, Site, User
    from coordo.reports import outputs
    from coordo.reports.queries import template_content

    user = User.objects.get(email="bench-coordinator@bench.example")
    site_ids = sorted(
        Site.objects.filter(organisation_id=user.organisation_id).values_list("pk", flat=True)
    )
    one = template_for(site_ids[:1], "Bench: annual report, 1 site")
    every = template_for(site_ids, f"Bench: annual report, {len(site_ids)} sites")
    # The dataset is the housing benchmark's, whose coordinator holds one site: the
    # memberships granted to copy the network's template must not outlive it.
    Membership.objects.filter(user=user).exclude(site_id=site_ids[0]).delete()
    measure = housing_run.measure
    results = [
        measure("annual report: 1 site", lambda: template_content(one, *YEAR)),
        measure(
            "annual report, funders: 1 site", lambda: template_content(one, *YEAR, funder=True)
        ),
    ]
    housing_run.RUNS = NETWORK_RUNS  # a network report takes seconds: fewer runs
    results.append(
        measure(f"annual report: {len(site_ids)} sites", lambda: template_content(every, *YEAR))
    )
    housing_run.RUNS = 15
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    def page() -> None:
        response = client.get(f"/reports/templates/{one.pk}/?start={YEAR[0]}&end={YEAR[1]}")
        assert response.status_code == 200, response.status_code

    results.append(measure("report page: 1 site (request)", page))
    content = template_content(one, *YEAR)
    for fmt in ("pdf", "xlsx", "docx"):
        timing = best_of(lambda fmt=fmt: outputs.render(content, fmt))
        results.append({"read": f"render {fmt}: 1 site", **timing})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="coordo_reports_bench_10")
    parser.add_argument("--compare", nargs=2, metavar=("SMALL", "LARGE"))
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return
    results = run(args.database)
    (HERE / f"results-{args.database}.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"{'read':<36}{'queries':>8}{'server ms':>11}{'raw SQL ms':>12}{'ratio':>7}")
    for row in results:
        if "queries" in row:
            print(
                f"{row['read']:<36}{row['queries']:>8}{row['server_ms']:>11}{row['raw_sql_ms']:>12}{row['ratio']:>7}"
            )
        else:
            print(f"{row['read']:<36}{'':>8}{row['best_ms']:>11}")


def compare(small: str, large: str) -> None:
    before = {row["read"]: row for row in json.loads((HERE / f"results-{small}.json").read_text())}
    for row in json.loads((HERE / f"results-{large}.json").read_text()):
        old = before.get(row["read"])
        if old is None or "server_ms" not in row:
            continue
        growth = row["server_ms"] / old["server_ms"]
        print(f"{row['read']:<36}{old['queries']:>4} → {row['queries']:<5}"
              f"{old['server_ms']:>8} → {row['server_ms']:<8}{growth:>6.2f}×")  # fmt: skip


if __name__ == "__main__":
    main()
