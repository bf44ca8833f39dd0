"""Writing a `Solution` as `coordo.dispatch-solution/1`."""

from __future__ import annotations

from typing import Any

from .explain import render
from .model import Solution

SOLUTION_FORMAT = "coordo.dispatch-solution/1"


def solution_to_dict(solution: Solution, *, language: str = "en") -> dict[str, Any]:
    """The JSON document, explanations worded in `language` ("en", "fr" or "nl")."""
    return {
        "format": SOLUTION_FORMAT,
        "instance": solution.instance,
        "status": solution.status,
        "score": solution.score.as_dict(),
        "solve_seconds": round(solution.solve_seconds, 3),
        "placements": [
            {
                "household": p.household,
                "unit": p.unit,
                "explanation": {
                    "penalty": p.explanation.penalty.as_dict(),
                    "eligible_units": p.explanation.eligible_units,
                    "text": render(p.explanation, language),
                },
            }
            for p in solution.placements
        ],
        "unplaced": [{"household": u.household, "reason": u.reason} for u in solution.unplaced],
    }
