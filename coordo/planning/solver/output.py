"""Writing a `Solution` as a `coordo.roster-solution/1` document."""

from __future__ import annotations

import json
from typing import Any

from .messages import render_conflict
from .model import Solution

SOLUTION_FORMAT = "coordo.roster-solution/1"


def solution_to_dict(solution: Solution, *, language: str = "en") -> dict[str, Any]:
    """The solution document; conflicts carry their data and a `message` in `language`."""
    document: dict[str, Any] = {
        "format": SOLUTION_FORMAT,
        "instance": solution.instance,
        "status": solution.status,
        "objective": solution.objective,
        "bound": solution.bound,
        "solve_seconds": round(solution.solve_seconds, 3),
        "assignments": [{"shift": a.shift, "people": list(a.people)} for a in solution.assignments],
        "oncall": [{"period": o.period, "person": o.person} for o in solution.oncall],
    }
    if solution.conflicts:
        document["conflicts"] = [
            {
                "code": c.code,
                "rules": list(c.rules),
                "message": render_conflict(c, language),
                "params": dict(c.params),
            }
            for c in solution.conflicts
        ]
    return document


def dumps(document: dict[str, Any]) -> str:
    """JSON with one line per item of each top-level list: readable and diffable."""
    lines = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"
