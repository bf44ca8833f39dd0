"""Planning fixtures: a drop-in with two slots on Mondays and Wednesdays and six hosts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.utils import translation

from coordo.access.models import Site, User
from coordo.planning.models import Planning, Worker
from coordo.planning.tests.factories import make_draft, make_team, make_templates
from coordo.planning.tests.swap_factories import december_with_accounts

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    # Messages are asserted word for word in English; the site's default language is French.
    with translation.override("en"):
        yield


@pytest.fixture
def today() -> Iterator[None]:
    # Not autouse: the solver's own tests below must run on the real clock.
    # tick: the solver and the task measure elapsed time.
    with time_machine.travel("2026-11-23 09:00 +01:00", tick=True):
        yield


@pytest.fixture
def team(today: None, site: Site) -> list[Worker]:
    make_templates(site)
    return make_team(site)


@pytest.fixture
def draft(site: Site, coordinator: User, team: list[Worker]) -> Planning:
    return make_draft(site, coordinator)


@pytest.fixture
def planning(site: Site, coordinator: User, team: list[Worker]) -> Planning:
    """The swap tests' month: December published, every host with an account."""
    return december_with_accounts(site, coordinator, team)
