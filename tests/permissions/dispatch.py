"""Dispatch app: routes, record kinds and canaries for the matrix and the canary test."""

from __future__ import annotations

from django.db.models import Model

from tests.permissions.routes import Route
from tests.world import Place

ROUTES: dict[str, Route] = {}
TARGETS: dict[str, object] = {}
CANARIES: dict[str, tuple[str, set[tuple[str, str]]]] = {}


def build_records(place: Place, label: str, planted: dict[str, str]) -> dict[str, Model]:
    return {}
