"""The audit trail as hash chains: a removed, changed or reordered row shows.

Each row stores `prev_hash`, the `row_hash` of the row before it in its chain, and
`row_hash`, the SHA-256 of its own content and `prev_hash` (`row_hash()` says which
fields, in a canonical JSON form). There is one chain per organisation, and one for the
rows that belong to none (logins of unknown users): the chains can later be sharded with
their organisation, and one organisation's writers never wait on another's.

Appending serialises the writers of one chain, or two could both follow the same head
and fork it: on PostgreSQL a transaction-scoped advisory lock per chain (so the chain
needs READ COMMITTED, Django's default); on SQLite the append runs in an IMMEDIATE
transaction (settings), which already admits one writer.

The chain proves what is inside the table. Removing the newest rows leaves a shorter
chain that is still whole: the daily job (`log_chain_heads`) writes each head to the log,
and `coordo audit verify --head ID:HASH` says whether a logged head is still there.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import QuerySet

if TYPE_CHECKING:
    from coordo.access.models import AuditEvent

logger = logging.getLogger("coordo.audit")

HEAD = "SELECT row_hash FROM access_auditevent WHERE {where} ORDER BY id DESC LIMIT 1"
CHAINED_FIELDS = (
    "organisation_id",
    "site_id",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "at",
    "request_id",
    "ip",
)


def row_hash(event: AuditEvent, prev_hash: str) -> str:
    """SHA-256 of the row's own fields (not its id, which only orders) and `prev_hash`."""
    content: dict[str, object] = {name: getattr(event, name) for name in CHAINED_FIELDS}
    content["at"] = event.at.astimezone(UTC).isoformat(timespec="microseconds")
    # The same address reads back from PostgreSQL's inet and SQLite's text alike.
    content["ip"] = str(ipaddress.ip_address(event.ip)) if event.ip else None
    content["object_id"] = str(event.object_id)
    content["prev_hash"] = prev_hash
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _chain(organisation_id: int | None) -> QuerySet[AuditEvent]:
    from coordo.access.models import AuditEvent

    if organisation_id is None:
        return AuditEvent.objects.filter(organisation__isnull=True)
    return AuditEvent.objects.filter(organisation_id=organisation_id)


def seal(event: AuditEvent) -> None:
    """Link a new row to its chain's head. Call inside the transaction that inserts it.

    Plain SQL, one round trip: it runs on every audit write. On PostgreSQL the function
    `coordo_audit_chain_head` (migration 0004) takes the chain's lock, then reads the head.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT coordo_audit_chain_head(%s)", [event.organisation_id])
        elif event.organisation_id is None:
            cursor.execute(HEAD.format(where="organisation_id IS NULL"))
        else:
            cursor.execute(HEAD.format(where="organisation_id = %s"), [event.organisation_id])
        head = cursor.fetchone()
    event.prev_hash = head[0] if head else ""
    event.row_hash = row_hash(event, event.prev_hash)


@dataclass(frozen=True)
class ChainReport:
    """One chain, verified: how many rows, its head, and the first broken link if any."""

    organisation_id: int | None
    rows: int
    head: tuple[int, str] | None
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(organisation_id: int | None) -> ChainReport:
    """Walk one chain in id order and stop at the first row that breaks it."""
    rows = 0
    previous: AuditEvent | None = None
    for event in _chain(organisation_id).order_by("id").iterator(chunk_size=2000):
        if row_hash(event, event.prev_hash) != event.row_hash:
            return _broken(organisation_id, rows, event, "its content was changed")
        if event.prev_hash != (previous.row_hash if previous else ""):
            return _broken(organisation_id, rows, event, _why_unlinked(event, previous))
        rows, previous = rows + 1, event
    return ChainReport(
        organisation_id, rows, (previous.pk, previous.row_hash) if previous else None
    )


def _why_unlinked(event: AuditEvent, previous: AuditEvent | None) -> str:
    """A row that does not follow the one before it: moved, or a row between them is gone."""
    follows = (
        _chain(event.organisation_id).filter(row_hash=event.prev_hash).values_list("pk", flat=True)
    )
    followed = follows.first() if event.prev_hash else None
    if followed is not None and followed > event.pk:
        return f"reordered: it follows row {followed}, which now comes after it"
    if previous is None:
        return "a row before it, at the start of the chain, was removed"
    return f"it does not follow row {previous.pk}: a row between them was removed or rewritten"


def _broken(organisation_id: int | None, rows: int, event: AuditEvent, why: str) -> ChainReport:
    return ChainReport(organisation_id, rows, None, broken_at=event.pk, problem=why)


def chain_ids() -> list[int | None]:
    """Every chain: one per organisation, and the rows of no organisation."""
    from coordo.access.models import Organisation

    return [*Organisation.objects.order_by("pk").values_list("pk", flat=True), None]


def chain_head(organisation_id: int | None) -> tuple[int, str] | None:
    """A chain's newest row (id, hash): one indexed read."""
    return _chain(organisation_id).order_by("-id").values_list("pk", "row_hash").first()


def has_row(organisation_id: int | None, row_id: int, hash_: str) -> bool:
    """Whether a head written to the log earlier is still in its chain, unchanged."""
    return _chain(organisation_id).filter(pk=row_id, row_hash=hash_).exists()


def log_chain_heads() -> None:
    """The daily job: each chain's head to the log, so a cut tail can be told later."""
    from coordo.access.models import Organisation

    slugs = dict(Organisation.objects.values_list("pk", "slug"))
    for organisation_id in chain_ids():
        head = chain_head(organisation_id)
        if head is not None:
            logger.info(
                "audit chain head: organisation=%s row=%s hash=%s",
                slugs.get(organisation_id, "-") if organisation_id else "-",
                *head,
            )
