"""Dispatch fixtures: an arrival centre with its dispatcher and nurse, and a small network."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.utils import translation

from conftest import make_site, make_user
from coordo.access.models import Organisation, Site, User
from coordo.access.roles import Role, SiteKind
from coordo.access.scoping import Principal, principal_for_user
from coordo.dispatch.models import ReceptionCentre
from coordo.dispatch.tests.factories import make_centre, make_unit

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def today() -> Iterator[None]:
    # tick: the optimiser and the worker measure elapsed time. English messages, whatever
    # language an earlier request in this thread left active.
    with time_machine.travel("2026-11-23 09:00 +01:00", tick=True), translation.override("en"):
        yield


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    settings.TASKS = IMMEDIATE


@pytest.fixture
def arrival_site(organisation: Organisation) -> Site:
    return make_site(organisation, "Centre d'arrivée Test", SiteKind.ARRIVAL_CENTRE)


@pytest.fixture
def dispatcher(arrival_site: Site) -> User:
    return make_user(arrival_site, Role.DISPATCHER)


@pytest.fixture
def nurse(arrival_site: Site) -> User:
    return make_user(arrival_site, Role.MEDICAL)


@pytest.fixture
def network(organisation: Organisation) -> dict[str, ReceptionCentre]:
    """Two centres: a French-speaking one in Brussels, a Dutch-speaking one in Flanders."""
    brussels = make_centre(organisation, "BXL", region="brussels", language="fr")
    make_unit(brussels, "BXL-F1", beds=4)
    make_unit(brussels, "BXL-S1", kind="shared", beds=6, free=2, women_only=True)
    make_unit(brussels, "BXL-M1", beds=2, medical=True, accessible=True)
    ghent = make_centre(organisation, "GNT", region="flanders", language="nl")
    make_unit(ghent, "GNT-F1", beds=5)
    make_unit(ghent, "GNT-S1", kind="shared", beds=6, free=3)
    return {"BXL": brussels, "GNT": ghent}


def principal(user: User) -> Principal:
    return principal_for_user(user)
