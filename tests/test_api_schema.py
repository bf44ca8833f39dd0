"""schemathesis against the OpenAPI schema, for every role and without a token: no server error, every answer documented, no success without authentication.

The API is called in-process through its WSGI application (no live server), with one
bearer token per role at the world's own site. Each operation gets cases generated
from the schema, valid and invalid, and for path parameters also the world's own
records, so that real objects are read and written and not only 404s; every case is
sent once per role. Bounded and deterministic: few examples, no shrinking, a
derandomised seed. The figures are printed (`-s` shows them).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from coordo.access import actions
from coordo.access.roles import Role
from coordo.access.scoping import principal_for_user
from coordo.access.tests.test_api_tokens import fresh_code
from coordo.api.urls import api
from tests.permissions import TARGETS
from tests.world import World, world_fixture

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Per operation and per kind of case (valid, invalid, on a real record); each is sent to every role.
EXAMPLES = int(os.environ.get("COORDO_SCHEMATHESIS_EXAMPLES", "3"))

world = world_fixture()


@contextmanager
def connection_kept_open() -> Iterator[None]:
    """As Django's test client does: the end of a request must not close the connection that
    holds the test's transaction (PostgreSQL would lose the world; SQLite in memory ignores it)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


def own_records(world: World) -> dict[str, int]:
    """Every path parameter of the API that names a record of the own site, with its id."""
    place = world.places["own"]
    known: dict[str, int] = {}
    for target in TARGETS.values():
        try:
            known.update(target(place))
        except KeyError:  # a target whose record this world does not hold
            continue
    return known


def bearer(world: World, role: str) -> dict[str, str]:
    admin = world.users[Role.ADMIN]
    _token, raw = actions.issue_api_token(
        organisation=world.organisation,
        name=f"schemathesis {role}",
        role=role,
        site=world.places["own"].site,
        code=fresh_code(admin),
        by=principal_for_user(admin),
    )
    return {"Authorization": f"Bearer {raw}"}


def strategy_for(operation: Any, known: dict[str, int]) -> Any:
    strategies = [
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    ]
    real = {p.name: known[p.name] for p in operation.path_parameters if p.name in known}
    if real:
        strategies.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real))
    return st.one_of(strategies), len(strategies)


ANONYMOUS = "no token"


def failures_of(operation: Any, headers: dict[str, dict[str, str]], known: dict[str, int]) -> set:
    """(role, operation, failure code and title, status) for every failing case; a call
    without a token that succeeds on an operation asking for one is a failure too."""
    strategy, kinds = strategy_for(operation, known)
    needs_token = bool(operation.definition.raw.get("security"))
    found: set[tuple[str, str, str, int]] = set()

    @settings(
        max_examples=EXAMPLES * kinds,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def send_to_every_role(case: Any) -> None:
        for role, role_headers in headers.items():
            try:
                response = case.call(headers=role_headers)
                if role == ANONYMOUS and needs_token and response.status_code < 300:
                    found.add(
                        (role, operation.label, "success without a token", response.status_code)
                    )
                case.validate_response(response, checks=CHECKS, headers=role_headers)
            except (Failure, FailureGroup) as error:
                failures = error.exceptions if isinstance(error, FailureGroup) else [error]
                for failure in failures:
                    found.add(
                        (
                            role,
                            operation.label,
                            f"{failure.code} {failure.title}",
                            response.status_code,
                        )
                    )

    send_to_every_role()
    return found


@pytest.mark.django_db
@pytest.mark.timeout(900)  # about a minute alone; a loaded CI machine may take several
def test_the_api_answers_as_its_schema_says_for_every_role(world: World) -> None:
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    schema.app = get_wsgi_application()
    headers = {role: bearer(world, role) for role in Role.values} | {ANONYMOUS: {}}
    known = own_records(world)
    started, cpu = time.monotonic(), time.process_time()
    found: set[tuple[str, str, str, int]] = set()
    with connection_kept_open():
        for result in schema.get_all_operations():
            found |= failures_of(result.ok(), headers, known)
    print(
        f"\nschemathesis: {len(headers)} roles, {EXAMPLES} examples per kind: "
        f"{time.monotonic() - started:.1f} s wall, {time.process_time() - cpu:.1f} s CPU"
    )
    assert not found, "\n".join(" | ".join(map(str, failure)) for failure in sorted(found))
