"""Writing a `Solution` as `coordo.dispatch-solution/1`.

Beside the format's `penalty`, `eligible_units` and `text`, each placement's
explanation carries its `facts` and each unplaced household its `why`: the
machine-readable reasons the web app words in the reader's language
(`coordo.dispatch.explanations`).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .explain import render
from .model import Explanation, Refusal, Solution

SOLUTION_FORMAT = "coordo.dispatch-solution/1"


def explanation_facts(explanation: Explanation) -> dict[str, Any]:
    """Why this unit, as JSON: the `Explanation` field by field."""
    facts = asdict(explanation)
    facts["excluded"] = dict(explanation.excluded)
    return {"kind": "placed", **facts}


def refusal_facts(refusal: Refusal) -> dict[str, Any]:
    """Why no unit, as JSON: the `Refusal` field by field."""
    return {"kind": "unplaced", **asdict(refusal)}


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
                    "facts": explanation_facts(p.explanation),
                },
            }
            for p in solution.placements
        ],
        "unplaced": [
            {"household": u.household, "reason": u.reason}
            | ({"why": refusal_facts(u.why)} if u.why else {})
            for u in solution.unplaced
        ],
    }
