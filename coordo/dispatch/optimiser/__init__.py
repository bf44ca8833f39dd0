"""The daily dispatch optimiser: `coordo.dispatch/1` in, `coordo.dispatch-solution/1` out.

Pure Python and OR-Tools, no Django: the app's fetch step builds an `Instance`
(or calls `parse_instance` on the JSON), runs `optimise` in a background task
and saves the `Solution`'s placements with their explanations.
"""

from __future__ import annotations

from .explain import render as render_explanation
from .greedy import greedy_plan
from .messages import LANGUAGES
from .model import (
    Centre,
    Explanation,
    Household,
    Instance,
    Member,
    Needs,
    Penalty,
    Placement,
    Progress,
    Score,
    Solution,
    StageResult,
    Unit,
    Unplaced,
    Weights,
)
from .parse import InstanceError, check_instance, parse_instance
from .solution import solution_to_dict
from .solve import optimise, solution_from_plan

__all__ = [
    "LANGUAGES",
    "Centre",
    "Explanation",
    "Household",
    "Instance",
    "InstanceError",
    "Member",
    "Needs",
    "Penalty",
    "Placement",
    "Progress",
    "Score",
    "Solution",
    "StageResult",
    "Unit",
    "Unplaced",
    "Weights",
    "check_instance",
    "greedy_plan",
    "optimise",
    "parse_instance",
    "render_explanation",
    "solution_from_plan",
    "solution_to_dict",
]
