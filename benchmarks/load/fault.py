"""Fault drill: kill the worker amid a solver run and a report render; stop the database.

On a PostgreSQL cluster of its own (port 5434, made with pg_createcluster, so that the
other work on the machine keeps its server), with the demo loaded, gunicorn and the
task worker running as in production (config/gunicorn.py, `coordo manage worker`):

1. a planning solve, then a report render, start; once the worker runs each, the worker
   is killed (SIGKILL). The run must stay unsaved (no assignment, no file written), be
   marked failed once its heartbeat is older than COORDO_RUN_STALE_AFTER_SECONDS, and a
   new run on a new worker must succeed;
2. the database is stopped for 30 s. Every page asked meanwhile must answer 503 "try
   again" (the API a JSON 503), never a stack trace; no table may change; when the
   database is back, pages and the worker must carry on without being restarted.

Run as root (it drives pg_ctlcluster): .venv/bin/python benchmarks/load/fault.py
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "fault"
CLUSTER, PORT, WEB_PORT = "fault", 5434, 8766
DATABASE = "coordo_fault"
STALE_AFTER = 8  # seconds without a heartbeat: the run lost its worker
VERSION = sorted(os.listdir("/etc/postgresql"), key=float)[-1]
ENV = os.environ | {
    "COORDO_DATABASE_URL": f"postgres://postgres@127.0.0.1:{PORT}/{DATABASE}",
    "COORDO_RUN_STALE_AFTER_SECONDS": str(STALE_AFTER),
    "COORDO_BIND": f"127.0.0.1:{WEB_PORT}",
    "COORDO_WEB_WORKERS": "2",
}
findings: list[tuple[str, bool, str]] = []


def step(what: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {what}", flush=True)


def check(what: str, ok: bool, detail: str = "") -> None:
    findings.append((what, ok, detail))
    print(f"    {'ok  ' if ok else 'FAIL'} {what}{f': {detail}' if detail else ''}", flush=True)


def cluster(action: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, action, "-m", "fast"]
        if action == "stop"
        else ["pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, action],
        check=True,
    )


def make_cluster() -> None:
    listed = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True)
    if not any(line.split()[1] == CLUSTER for line in listed.stdout.splitlines()):
        subprocess.run(["pg_createcluster", VERSION, CLUSTER, "--port", str(PORT)], check=True)
        hba = Path(f"/etc/postgresql/{VERSION}/{CLUSTER}/pg_hba.conf")
        hba.write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
    if (
        "online"
        not in subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True)
        .stdout.split(f"{CLUSTER} ")[1]
        .split("\n")[0]
    ):
        cluster("start")


def manage(*arguments: str) -> None:
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *arguments], cwd=ROOT, env=ENV, check=True
    )


def start_worker() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            str(ROOT / ".venv/bin/python"),
            "manage.py",
            "worker",
            "--interval",
            "1",
            "--no-reload",
        ],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=(OUT / "worker.log").open("ab"),
    )


def start_web() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "config/gunicorn.py"],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=(OUT / "gunicorn.log").open("ab"),
    )


def fetch(path: str, cookie: str = "", token: str = "") -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{WEB_PORT}{path}")
    if cookie:
        request.add_header("Cookie", f"sessionid={cookie}")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return 0, str(error)


def row_counts() -> dict[str, int]:
    """Rows of every table but the task queue, the heartbeat and the sessions."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname NOT LIKE 'django_tasks%' "
            "AND relname NOT LIKE 'operations_%' AND relname <> 'django_session'"
        )
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def wait_until(condition, timeout: float, every: float = 0.2) -> float | None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(every)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=int, default=30, help="seconds the database is stopped")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    step(f"cluster {VERSION}/{CLUSTER} on port {PORT}, database {DATABASE}, demo loaded")
    make_cluster()
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(PORT),
            "-U",
            "postgres",
            "-qc",
            f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)',
            "-c",
            f'CREATE DATABASE "{DATABASE}"',
        ],
        check=True,
    )
    manage("migrate", "--noinput", "-v0")
    manage("load_demo")

    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from benchmarks.load.prepare import api_token, session_cookie
    from coordo.access.models import User
    from coordo.access.scoping import principal_for_user
    from coordo.background.runs import RunStatus
    from coordo.demo import builder
    from coordo.planning.actions import start_run
    from coordo.planning.models import Assignment, Planning, PlanningRun

    coordinator = User.objects.get(email=builder.USERS[0].email)
    planning = Planning.objects.filter(status="draft").first()
    assert planning is not None, "the demo has a draft planning"
    cookie = session_cookie(coordinator.email, planning.site.name)
    token = api_token(coordinator.email)
    web, worker = start_web(), start_worker()
    try:
        wait_until(lambda: fetch("/accounts/login/")[0] == 200, 60)
        drill_worker_killed(
            planning,
            coordinator,
            worker,
            start_run,
            principal_for_user,
            PlanningRun,
            Assignment,
            RunStatus,
        )
        drill_report_killed(coordinator, principal_for_user)
        worker = start_worker()
        drill_database_stopped(
            args.outage,
            cookie,
            token,
            worker,
            planning,
            coordinator,
            start_run,
            principal_for_user,
            PlanningRun,
            RunStatus,
        )
    finally:
        for process in (web, worker):
            process.terminate()
        for process in (web, worker):
            process.wait(timeout=30)
    failed = [what for what, ok, _detail in findings if not ok]
    print(f"\n{len(findings) - len(failed)} of {len(findings)} checks passed")
    sys.exit(1 if failed else 0)


def drill_worker_killed(
    planning,
    coordinator,
    worker,
    start_run,
    principal_for_user,  # type: ignore[no-untyped-def]
    PlanningRun,
    Assignment,
    RunStatus,
) -> None:  # noqa: N803
    step("1. a solver run; the worker is killed while it solves")
    by = principal_for_user(coordinator)
    assignments_before = Assignment.objects.filter(planning=planning).count()
    run = start_run(planning, time_limit=60, by=by)
    running = wait_until(
        lambda: PlanningRun.objects.get(pk=run.pk).status == RunStatus.RUNNING, 60, every=0.05
    )
    check("the worker took the run", running is not None, f"after {running or 0:.1f} s")
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    step(f"   worker killed (pid {worker.pid})")
    run.refresh_from_db()
    check("the run was still running when its worker died", run.status == RunStatus.RUNNING)
    check(
        "nothing of the killed run was saved",
        Assignment.objects.filter(planning=planning).count() == assignments_before,
    )
    time.sleep(STALE_AFTER + 1)
    run.refresh_from_db()
    check("once stale, the run reads as failed", run.state == RunStatus.FAILED, run.error_text)
    retry = start_run(planning, time_limit=10, by=by)  # a dead worker must not block it
    run.refresh_from_db()
    check("starting again marks the old run failed", run.status == RunStatus.FAILED)
    new_worker = start_worker()
    done = wait_until(
        lambda: (
            PlanningRun.objects.get(pk=retry.pk).status in {RunStatus.DONE, RunStatus.INFEASIBLE}
        ),
        90,
    )
    new_worker.terminate()
    new_worker.wait(timeout=30)
    check("the new run on a new worker finished", done is not None, f"in {done or 0:.1f} s")


def drill_report_killed(coordinator, principal_for_user) -> None:  # type: ignore[no-untyped-def]
    """The same for a report render: Maison Lierre's annual report, worker killed mid-render."""
    from datetime import date

    from django.utils import timezone

    from coordo.access.models import Site
    from coordo.background.runs import RunStatus
    from coordo.reports.actions.generation import request_report
    from coordo.reports.actions.templates import copy_shipped_template
    from coordo.reports.models import GeneratedReport, ReportFile

    step("1b. a report render; the worker is killed while it renders")
    by = principal_for_user(coordinator)
    site = Site.objects.get(name="Maison Lierre")
    template = copy_shipped_template("transitional_house_annual", site=site, by=by)
    year = timezone.localdate().year - 1
    period = {"start": date(year, 1, 1), "end": date(year + 1, 1, 1)}
    worker = start_worker()
    report = request_report(template, **period, by=by)
    running = wait_until(
        lambda: GeneratedReport.objects.get(pk=report.pk).status == RunStatus.RUNNING, 60, 0.01
    )
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    report.refresh_from_db()
    check("the worker took the render", running is not None, f"after {running or 0:.1f} s")
    check("the render was still running when its worker died", report.status == RunStatus.RUNNING)
    check("no file of the killed render was saved", not ReportFile.objects.filter(report=report))
    time.sleep(STALE_AFTER + 1)
    report.refresh_from_db()
    check("once stale, the render reads as failed", report.state == RunStatus.FAILED)
    retry = request_report(template, **period, by=by)  # the dead render must not block it
    report.refresh_from_db()
    check("asking again marks the old render failed", report.status == RunStatus.FAILED)
    worker = start_worker()
    done = wait_until(
        lambda: GeneratedReport.objects.get(pk=retry.pk).status == RunStatus.DONE, 120
    )
    worker.terminate()
    worker.wait(timeout=30)
    files = ReportFile.objects.filter(report=retry).count()
    check(
        "the new render on a new worker finished",
        done is not None,
        f"in {done or 0:.1f} s, {files} files",
    )


def drill_database_stopped(
    outage,
    cookie,
    token,
    worker,
    planning,
    coordinator,
    start_run,  # type: ignore[no-untyped-def]
    principal_for_user,
    PlanningRun,
    RunStatus,
) -> None:  # noqa: N803
    from django.db import connection

    step(f"2. the database is stopped for {outage} s")
    pages = {
        "login page": ("/accounts/login/", "", ""),
        "planning": (f"/planning/{planning.pk}/", cookie, ""),
    }
    if token:
        pages["API"] = ("/api/housing/stays", "", token)
    for name, (path, page_cookie, page_token) in pages.items():
        status, _body = fetch(path, page_cookie, page_token)
        check(f"before: {name} answers", status == 200, str(status))
    writes_before = row_counts()
    connection.close()
    cluster("stop")
    stopped = time.monotonic()
    answers: dict[str, set[int]] = {name: set() for name in pages}
    traces = 0
    while time.monotonic() - stopped < outage:
        for name, (path, page_cookie, page_token) in pages.items():
            status, body = fetch(path, page_cookie, page_token)
            answers[name].add(status)
            traces += "Traceback" in body or "OperationalError" in body
        time.sleep(2)
    for name, statuses in answers.items():
        wanted = {503} if name != "login page" else {200, 503}
        check(f"during: {name} answers {sorted(statuses)}", statuses <= wanted)
    check("during: no stack trace in any answer", traces == 0)
    check("during: the worker survives the outage", worker.poll() is None)
    cluster("start")
    back = time.monotonic()
    wait_until(lambda: fetch("/accounts/login/")[0] != 0, 30)
    writes_after = row_counts()
    changed = {table for table, rows in writes_after.items() if writes_before.get(table) != rows}
    check("nothing was written meanwhile", not changed, ", ".join(sorted(changed)))
    for name, (path, page_cookie, page_token) in pages.items():
        recovered = wait_until(
            lambda p=path, c=page_cookie, t=page_token: fetch(p, c, t)[0] == 200, 60
        )
        check(
            f"after: {name} answers again by itself",
            recovered is not None,
            f"{time.monotonic() - back:.1f} s after the database came back",
        )
    run = start_run(planning, time_limit=5, by=principal_for_user(coordinator))
    done = wait_until(
        lambda: PlanningRun.objects.get(pk=run.pk).status in {RunStatus.DONE, RunStatus.INFEASIBLE},
        90,
    )
    check(
        "after: the same worker runs a new solve",
        done is not None and worker.poll() is None,
        f"in {done or 0:.1f} s",
    )


if __name__ == "__main__":
    main()
