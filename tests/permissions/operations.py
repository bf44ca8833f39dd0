"""Operations: the load balancer's health probe, public and the same for everyone."""

from __future__ import annotations

from django.db.models import Model

from coordo.operations.heartbeat import record_beat
from tests.permissions.routes import ADMIN, Route
from tests.world import Place

ROUTES: dict[str, Route] = {
    "health": Route(anonymous=200, prepare=record_beat),
    "retention_report": Route(allowed=ADMIN),
    "processing_record": Route(allowed=ADMIN),
}
TARGETS: dict = {}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    record_beat()  # a worker seen: the probe answers 200, not 503
    return {}
