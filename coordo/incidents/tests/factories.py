"""Reports for the incidents tests."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import time_machine
from django.utils import timezone

from coordo.access.models import Site, User
from coordo.access.scoping import principal_for_user
from coordo.incidents import actions
from coordo.incidents.models import Incident


def report(site: Site, by: User, **fields: Any) -> Incident:
    values: dict[str, Any] = {
        "key": uuid.uuid4(), "occurred_at": timezone.now().replace(microsecond=0),
        "place": "common_room", "type": "verbal_abuse", "severity": 1,
        "narrative": "Des insultes au repas du soir.",
    }  # fmt: skip
    values.update(fields)
    return actions.report_incident(site=site, by=principal_for_user(by), **values)


def when(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


# The day a test that writes fixed dates (a report of 3 November 2026, an action due on 10
# December) runs on, whatever the real clock says: after those acts, before those dues.
TEST_DAY = datetime(2026, 12, 1, 12, tzinfo=UTC)


def on_test_day[F: Callable[..., Any]](test: F) -> F:
    return time_machine.travel(TEST_DAY, tick=True)(test)
