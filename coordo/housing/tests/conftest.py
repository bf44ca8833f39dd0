"""Housing's pages and counts read "tonight": the tests that show it stand on one Monday."""

from __future__ import annotations

import pytest
import time_machine


@pytest.fixture
def monday_23_november(time_machine: time_machine.TimeMachineFixture) -> None:
    time_machine.move_to("2026-11-23 10:00 +01:00")
