"""Load test: 50 then 200 concurrent visitors against gunicorn on 127.0.0.1, for a bounded time.

Starts gunicorn (config/gunicorn.py) on the prepared national-scale database, runs locust
headless for each number of visitors, and prints per page: requests, failures, p50, p95
and p99 in ms, and p95 against the baseline page's p95 in the same run (the machines are
shared and noisy: the ratio travels better than the milliseconds). It also says where
the CPU went (gunicorn, PostgreSQL, locust itself), which tells what limited the run.
Results go to var/load/results.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "load"
BASELINE = "baseline: login page (no data)"


def start_gunicorn(database: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "COORDO_DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "COORDO_BIND": f"127.0.0.1:{port}",
        "COORDO_WEB_WORKERS": str(workers),
    }
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(OUT / "gunicorn.log").open("wb"),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("gunicorn did not answer within 60 s: see var/load/gunicorn.log")


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def cpu_by_pid(server: subprocess.Popen[bytes]) -> dict[str, dict[int, float]]:
    """CPU seconds so far of gunicorn's processes and of PostgreSQL's (a backend per connection)."""
    gunicorn = psutil.Process(server.pid)
    groups = {
        "gunicorn": [gunicorn, *gunicorn.children(recursive=True)],
        "postgres": [p for p in psutil.process_iter(["name"]) if p.info["name"] == "postgres"],
    }
    return {name: {p.pid: cpu_seconds([p]) for p in group} for name, group in groups.items()}


def cpu_used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict:
    """Per group, what each process used between the two readings (a new one: all it used)."""
    return {
        name: sum(seconds - before[name].get(pid, 0.0) for pid, seconds in pids.items())
        for name, pids in after.items()
    }


def run_locust(users: int, seconds: int, port: int) -> tuple[list[dict[str, str]], float]:
    prefix = OUT / f"u{users}"
    started = time.monotonic()
    locust = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/locust"),
            "-f",
            "benchmarks/load/locustfile.py",
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 10)),
            "-t",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "5",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(OUT / f"locust-u{users}.log").open("wb"),
    )
    locust_process = psutil.Process(locust.pid)
    locust_cpu = 0.0
    while locust.poll() is None:
        locust_cpu = max(locust_cpu, cpu_seconds([locust_process]))
        time.sleep(1)
    with (prefix.parent / f"{prefix.name}_stats.csv").open() as stats:
        return list(csv.DictReader(stats)), locust_cpu if time.monotonic() > started else 0.0


def table(rows: list[dict[str, str]], users: int, seconds: int, cpu: dict[str, float]) -> dict:
    baseline = next((float(r["95%"]) for r in rows if r["Name"] == BASELINE), 0.0) or 1.0
    print(f"\n{users} concurrent visitors, {seconds} s")
    print(
        f"{'page':46} {'requests':>8} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'p95/base':>8}"
    )
    pages = []
    for row in rows:
        name = "all pages" if row["Name"] == "Aggregated" else row["Name"]
        page: dict[str, Any] = {
            "page": name,
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
            "per_second": float(row["Requests/s"]),
        }
        pages.append(page)
        print(
            f"{name[:46]:46} {page['requests']:>8} {page['failures']:>5} {page['p50_ms']:>6.0f} "
            f"{page['p95_ms']:>6.0f} {page['p99_ms']:>6.0f} {page['p95_ms'] / baseline:>8.1f}"
        )
    total = pages[-1]
    busy = " · ".join(f"{group} {seconds_:.0f} s" for group, seconds_ in cpu.items())
    print(
        f"throughput {total['per_second']:.1f} requests/s, {total['failures']} failures; "
        f"CPU used in {seconds} s on {psutil.cpu_count()} cores: {busy}"
    )
    return {"users": users, "seconds": seconds, "pages": pages, "cpu_seconds": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="coordo_load")
    parser.add_argument("--users", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not (OUT / "sessions.json").exists():
        raise SystemExit("run benchmarks/load/prepare.py first")
    server = start_gunicorn(args.database, args.port, args.workers)
    results = []
    try:
        for users in args.users:
            before = cpu_by_pid(server)
            load_before = os.getloadavg()[0]
            rows, locust_cpu = run_locust(users, args.seconds, args.port)
            cpu = cpu_used(before, cpu_by_pid(server))
            cpu["locust"] = locust_cpu
            result = table(rows, users, args.seconds, cpu)
            result["load_average_before"] = load_before
            results.append(result)
    finally:
        server.terminate()
        server.wait(timeout=30)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    print(f"\n{(OUT / 'results.json').relative_to(ROOT)} written; gunicorn workers: {args.workers}")


if __name__ == "__main__":
    main()
