"""gunicorn's settings for Coordo: `gunicorn -c config/gunicorn.py` (docs/production.md).

It serves on 127.0.0.1 behind nginx, which terminates TLS, logs the requests (without
their query strings) and sets the forwarded headers Django trusts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from gunicorn.glogging import Logger

wsgi_app = "config.wsgi:application"
bind = os.environ.get("COORDO_BIND", "127.0.0.1:8000")
# Sync workers: nginx buffers slow clients; a request holds one worker at a time.
workers = int(os.environ.get("COORDO_WEB_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
timeout = int(os.environ.get("COORDO_WEB_TIMEOUT", "60"))  # a PDF report takes a few seconds
graceful_timeout = 30
# A worker is replaced after this many requests: memory does not creep over weeks.
max_requests, max_requests_jitter = 2000, 200
# Heartbeat files in memory, not on a disk that may stall (a container's overlay).
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None  # noqa: S108

# nginx logs the requests; gunicorn only when asked (COORDO_WEB_ACCESS_LOG=- for stdout),
# and then the path alone: never %(r)s, %(q)s or %(f)s, which carry the query string and
# the Referer (docs/production.md, "Access logs").
accesslog = os.environ.get("COORDO_WEB_ACCESS_LOG") or None
access_log_format = '%(h)s - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
# Never logged, as nginx does not log it: an anonymous declaration to the register of
# violence, whose address and second would name its declarant (deploy/nginx/coordo.conf).
UNLOGGED_PATHS = frozenset({"/register/declare/"})


class AccessLogger(Logger):
    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> None:
        if environ.get("PATH_INFO") not in UNLOGGED_PATHS:
            super().access(resp, req, environ, request_time)


logger_class = AccessLogger
errorlog = "-"
# Which peers may set X-Forwarded-Proto for gunicorn itself (Django has its own setting).
forwarded_allow_ips = os.environ.get("COORDO_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
