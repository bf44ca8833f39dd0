"""Reports for the incidents tests."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

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
