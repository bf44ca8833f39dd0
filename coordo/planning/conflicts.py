"""A run's conflicts in the reader's language, with sites, people and rotas by their names.

The solver knows only the document's ids (`site4`, `w7`, `r2`); a coordinator reads names.
"""

from __future__ import annotations

from typing import Any

from coordo.access.models import Site
from coordo.planning.fetch import worker_id
from coordo.planning.models import PlanningRun, Rota, Worker
from coordo.planning.solver import Conflict, render_conflict


def _names(organisation_id: int) -> dict[str, str]:
    names = {
        f"site{pk}": name
        for pk, name in Site.objects.filter(organisation_id=organisation_id).values_list(
            "pk", "name"
        )
    }
    workers = Worker.objects.filter(organisation_id=organisation_id)
    names.update((worker_id(pk), name) for pk, name in workers.values_list("pk", "name"))
    rotas = Rota.objects.filter(organisation_id=organisation_id)
    names.update((f"r{pk}", name) for pk, name in rotas.values_list("pk", "name"))
    return names


def _named(value: Any, names: dict[str, str]) -> Any:
    """`value` with every id of `names` replaced, at any depth of the conflict's data."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, dict):
        # A shift's own id (`s12`) is never shown, and no name map holds it.
        return {key: _named(item, names) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_named(item, names) for item in value]
    return value


def conflict_lines(run: PlanningRun, language: str) -> list[str]:
    conflicts = run.result.get("conflicts", [])
    if not conflicts:
        return []
    names = _names(run.planning.organisation_id)
    return [
        render_conflict(
            Conflict(c["code"], tuple(c["rules"]), _named(c["params"], names)), language
        )
        for c in conflicts
    ]
