"""`coordo health`: the load balancer's checks from the command line, for a container's or
a monitor's health check. Exit status 0 when all pass, 1 otherwise.

    coordo health            run the checks here (database, migrations, worker)
    coordo health --url URL  ask a running web server's /health/ (as the first of
                             COORDO_ALLOWED_HOSTS, so that Django accepts the request)
"""

from __future__ import annotations

import argparse
import json
import urllib.error
import urllib.request

from coordo.cli import start_django


def ask(url: str, host: str | None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (operator's URL)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return 0, json.dumps({"status": "unreachable", "error": str(error)})


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="coordo health", description=__doc__.split("\n")[0])
    parser.add_argument("--url", help="a running server's /health/ address")
    args = parser.parse_args(argv)
    start_django()
    from django.conf import settings

    from coordo.operations.health import failing_checks

    if args.url:
        hosts = [host for host in settings.ALLOWED_HOSTS if not host.startswith(".")]
        status, body = ask(args.url, hosts[0] if hosts else None)
        print(body)
        return 0 if status == 200 else 1
    failing = failing_checks()
    print(json.dumps({"status": "failing", "failing": failing} if failing else {"status": "ok"}))
    return 1 if failing else 0
