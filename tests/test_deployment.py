"""The deployment files: gunicorn with config/gunicorn.py serves the app and its probe;
the systemd units verify; the image and the compose file say what the guide says.

No Docker engine runs here, so the image is not built: its Dockerfile is read instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse

from coordo.operations.heartbeat import record_beat
from tests.production import STRONG_KEY
from tests.worker import worker_database

ROOT = Path(settings.BASE_DIR)
HOST = "coordo.example.org"
START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=5) as answer:  # noqa: S310
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("access_log", ["", "-"])  # off (behind nginx), or asked for on stdout
def test_gunicorn_with_its_config_serves_the_probe_in_production_mode(tmp_path, access_log):
    record_beat()
    port = free_port()
    with worker_database(tmp_path) as database:
        environment = {
            **os.environ,
            "COORDO_DATABASE_URL": database.url,
            "COORDO_BIND": f"127.0.0.1:{port}",
            "COORDO_WEB_WORKERS": "1",
            "COORDO_ENV": "production",
            "COORDO_SECRET_KEY": STRONG_KEY,
            "COORDO_ALLOWED_HOSTS": HOST,
            "COORDO_BEHIND_TLS_PROXY": "1",
            "COORDO_VAR_DIR": str(tmp_path / "var"),
            "COORDO_WEB_ACCESS_LOG": access_log,
        }
        log = (tmp_path / "gunicorn.log").open("wb")
        server = subprocess.Popen(  # noqa: S603 (our interpreter, fixed argv)
            [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + START_SECONDS
            while True:
                try:
                    status, headers, body = get(f"{base}/health/", Host=HOST)
                    break
                except OSError:
                    assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                    assert time.monotonic() < deadline, "gunicorn did not answer in time"
                    time.sleep(0.2)
            assert (status, json.loads(body)) == (200, {"status": "ok"})
            assert "no-store" in headers["Cache-Control"]
            # Plain HTTP elsewhere goes to HTTPS; a host not allowed gets nothing.
            status, headers, _ = get(f"{base}/accounts/login/", Host=HOST)
            assert (status, headers["Location"]) == (301, f"https://{HOST}/accounts/login/")
            assert get(f"{base}/health/", Host="attacker.example")[0] == 400
            assert get(f"{base}/register/declare/", Host=HOST)[0] == 301
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    output = (tmp_path / "gunicorn.log").read_text()
    assert f"Listening at: http://127.0.0.1:{port}" in output
    # No access log of its own unless asked: nginx keeps it.
    assert ("/health/" in output, "/accounts/login/" in output) == (bool(access_log),) * 2
    # Never a line of an anonymous declaration, whose address and second would name her.
    assert "/register/declare/" not in output


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_the_systemd_units_verify(tmp_path):
    units = sorted((ROOT / "deploy/systemd").iterdir())
    assert [unit.name for unit in units] == [
        "coordo-backup.service",
        "coordo-backup.timer",
        "coordo-web.service",
        "coordo-worker.service",
    ]
    for unit in units:  # the paths of this checkout, so that their programs exist
        text = unit.read_text().replace("/opt/coordo", str(ROOT))
        (tmp_path / unit.name).write_text(text.replace("/etc/coordo/coordo.env", "/dev/null"))
    verified = subprocess.run(  # noqa: S603
        ["systemd-analyze", "verify", "--man=no", *sorted(str(p) for p in tmp_path.iterdir())],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert (verified.returncode, verified.stdout + verified.stderr) == (0, "")


def test_the_compose_file_runs_web_and_worker_as_the_runtime_role_with_health_checks():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    assert set(services) == {"db", "migrate", "web", "worker"}
    for name in ("db", "web", "worker"):
        assert services[name]["healthcheck"]["test"][0] == "CMD"
    for name in ("web", "worker"):
        url = services[name]["environment"]["COORDO_DATABASE_URL"]
        assert url.startswith("postgres://coordo_app:")
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"}
        }
    assert services["web"]["ports"] == ["127.0.0.1:8000:8000"]  # for nginx, not the world
    assert "database_roles" in services["migrate"]["command"][-1]


def test_the_image_runs_gunicorn_as_a_user_without_build_tools():
    stages = re.split(r"^FROM ", (ROOT / "Dockerfile").read_text(), flags=re.MULTILINE)[1:]
    assert len(stages) == 2
    final = stages[-1]
    assert re.search(r"^USER coordo$", final, flags=re.MULTILINE)
    for tool in ("uv ", "pip install", "gcc", "build-essential", "-dev"):
        assert tool not in final
    assert 'CMD ["gunicorn", "--config", "config/gunicorn.py"]' in final
    assert "HEALTHCHECK" in final


def test_nginx_logs_no_query_string_and_sets_the_forwarded_headers():
    conf = (ROOT / "deploy/nginx/coordo.conf").read_text()
    log_format = conf[conf.index("log_format") : conf.index(";", conf.index("log_format"))]
    for leaky in ("$request ", "$request_uri", "$args", "$query_string", "$http_referer"):
        assert leaky not in log_format
    assert conf.count("access_log /var/log/nginx/coordo.access.log coordo;") == 2
    for header in ("X-Forwarded-For $remote_addr", "X-Forwarded-Proto $scheme", "Host $host"):
        assert f"proxy_set_header {header};" in conf


def nginx_location(conf: str, match: str) -> str:
    start = conf.index(f"location {match} {{")
    return conf[start : conf.index("}", start)]


def test_nginx_writes_no_access_line_for_an_anonymous_declaration():
    """Her address and the second she sent it would place the declaration and name her."""
    conf = (ROOT / "deploy/nginx/coordo.conf").read_text()
    path = reverse("register_declare")
    declare = nginx_location(conf, f"= {path}")
    assert "access_log off;" in declare
    assert "error_log /var/log/nginx/coordo.error.log crit;" in declare
    # Proxied as every other page is: Coordo trusts the same forwarded headers.
    general = nginx_location(conf, "/")
    proxying = [line.strip() for line in general.splitlines()[1:] if line.strip()]
    for line in proxying:
        assert line.split("#")[0].strip() in declare, line
    guide = (ROOT / "docs/production.md").read_text()
    assert f"location = {path} {{" in guide
