"""How a route answers, and the role groups the tables are written with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coordo.access.roles import Role

ALL_ROLES = frozenset(Role.values)
CASE_TEAM = frozenset({Role.COORDINATOR, Role.SOCIAL_WORKER})
PERSON_READERS = frozenset({Role.COORDINATOR, Role.SOCIAL_WORKER, Role.MEDICAL, Role.DISPATCHER})
ADMIN = frozenset({Role.ADMIN})
AUDITORS = frozenset({Role.COORDINATOR, Role.ADMIN})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Route:
    """What one route answers. `target` names the record kind in its URL, if any."""

    method: str = "GET"
    target: str | None = None
    allowed: frozenset[str] = ALL_ROLES
    ok: int = 200
    denied: int = 403
    anonymous: int = 302  # pages send strangers to the login page
    data: dict[str, Any] = field(default_factory=dict)
    # Organisation-level records (users, sites, tokens) are in scope at every site of the org.
    org_wide: bool = False
    api: bool = False
    # For API writes: the JSON body gets the own site's id under this key.
    own_site_key: str | None = None
    # A POST that writes nothing (a search posted to keep names out of addresses): the
    # canary sends it too, as it sends every GET.
    read_only: bool = False
    # Only a user linked to a worker (the world's own-site host) gets `ok`; any other
    # user, whatever roles they hold, gets `denied`.
    linked_worker: bool = False
    # The record is found with a wider permission than the route's (a person, for their
    # stays): a user holding the route's permission at any site gets the page, showing
    # only what each site's role allows there (the canary checks what shows).
    across_sites: bool = False
    # Called just before each request, for an answer that depends on wall time (the
    # health probe's worker beat would go stale during a long run of the suite).
    prepare: Callable[[], None] | None = None


def api(**kwargs: Any) -> Route:
    kwargs.setdefault("anonymous", 401)
    return Route(api=True, **kwargs)
