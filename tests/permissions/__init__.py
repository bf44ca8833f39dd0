"""The permission matrix: one declarative table, assembled from one module per app.

Each module `tests/permissions/<app>.py` defines
- `ROUTES`: route name -> `Route` (what each role gets),
- `TARGETS`: record kind -> URL kwargs from a place's records,
- `build_records(place, label, planted)`: the app's records at one place of the world,
- optionally `CANARIES`: canary key -> (value, (role, route) pairs allowed to show it),
- optionally `PERSONS_NAMED`: audit record kind -> the persons a row of it names
  (`tests/audit_rule.py`).
"""

from __future__ import annotations

from tests.permissions import (
    access,
    casework,
    community,
    dispatch,
    housing,
    incidents,
    notifications,
    operations,
    partners,
    people,
    planning,
    reports,
)
from tests.permissions.routes import Route

_MODULES = (
    operations,
    access,
    people,
    housing,
    casework,
    partners,
    planning,
    dispatch,
    incidents,
    notifications,
    reports,
    community,
)

MATRIX: dict[str, Route] = {}
for _module in _MODULES:
    assert not MATRIX.keys() & _module.ROUTES.keys(), f"{_module.__name__} repeats a route"
    MATRIX.update(_module.ROUTES)

TARGETS: dict[str, object] = {}
for _module in _MODULES:
    # A repeated kind would send one app's routes another app's ids (equal by chance on SQLite).
    assert not TARGETS.keys() & _module.TARGETS.keys(), f"{_module.__name__} repeats a target"
    TARGETS.update(_module.TARGETS)
BUILDERS = [_module.build_records for _module in _MODULES]
# canary key -> (planted value, the (role, route) pairs where it may show for the own site)
CANARIES = {
    key: spec for _module in _MODULES for key, spec in getattr(_module, "CANARIES", {}).items()
}
# audit record kind ("housing.stay") -> the ids of the persons one of its records names
PERSONS_NAMED = {
    kind: names
    for _module in _MODULES
    for kind, names in getattr(_module, "PERSONS_NAMED", {}).items()
}
