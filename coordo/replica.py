"""Read-heavy pages read from a streaming replica; every write, and everything else, the primary.

The figures, reports and exports read a great deal and change nothing; on a large
federation they are what loads the database. When `COORDO_REPLICA_DATABASE_URL` names a
streaming replica (scripts/replica-cluster.sh makes one), a GET of one of those pages, and
a background report render inside `reading_from_replica()`, read the domain's tables there.

What stays on the primary, always:
- every write (the replica is read-only: PostgreSQL would refuse it anyway);
- any read inside a transaction, so that a write sees what it read (the audit chain reads its
  last row in the transaction that appends the next one);
- accounts, sessions, two-factor devices, the audit trail, tokens and the task queue: what
  decides who the user is must never lag behind a logout or a revoked token.

A replica that does not answer is skipped, not fatal: the page reads from the primary and
the log says so once per request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

REPLICA = "replica"

# The pages that only read, and can bear the replica's lag (well under a second on one host).
REPLICA_URL_NAMES = frozenset(
    {
        "housing_figures",
        "housing_figures_export",
        "housing_figures_aggregate",
        "housing_figures_aggregate_export",
        "partner_stats",
        "planning_pdf",
        "calendar_feed",
        "subject_access_export",
    }
)
# Whole apps whose pages (GET) are reports: a new report page joins without editing the list.
REPLICA_URL_NAMESPACES = ("reports_",)

# Tables that decide who the user is and what happened: always the primary.
PRIMARY_ONLY_APPS = frozenset(
    {
        "access",
        "auth",
        "axes",
        "contenttypes",
        "django_tasks_db",
        "operations",
        "otp_static",
        "otp_totp",
        "sessions",
    }
)

_reading_from_replica: ContextVar[bool] = ContextVar("coordo_reading_from_replica", default=False)
logger = logging.getLogger(__name__)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_answers() -> bool:
    """Whether the replica takes a connection now (kept open between requests: CONN_MAX_AGE)."""
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError:
        logger.warning("replica: no answer; reading from the primary")
        return False
    return True


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Within this block, reads of the domain's tables go to the replica (when there is one)."""
    token = _reading_from_replica.set(replica_configured() and replica_answers())
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def is_replica_route(request: HttpRequest) -> bool:
    if request.method not in {"GET", "HEAD"}:
        return False
    try:
        url_name = resolve(request.path_info).url_name or ""
    except Resolver404:
        return False
    return url_name in REPLICA_URL_NAMES or url_name.startswith(REPLICA_URL_NAMESPACES)


class ReplicaRouter:
    """Django's database router: the replica for the reads `reading_from_replica` allows."""

    def db_for_read(self, model: type[Model], **hints: object) -> str:
        if (
            _reading_from_replica.get()
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints: object) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: object) -> bool:
        return (
            True  # the same data on both: a row read on the replica may point to one on the primary
        )

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema by itself


class ReplicaReadsMiddleware:
    """Runs the report, figures and export pages, their templates included, inside
    `reading_from_replica()`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured() or not is_replica_route(request):
            return self.get_response(request)
        with reading_from_replica():
            return self.get_response(request)
