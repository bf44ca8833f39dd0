"""Shift planning with OR-Tools CP-SAT: pure Python, no Django.

instance = parse_instance(document)          # or build the dataclasses directly
solution = solve(instance, time_limit=30, on_progress=..., should_stop=...)
solution_to_dict(solution)                   # coordo.roster-solution/1
render_conflict(solution.conflicts[0], "fr")
"""

from __future__ import annotations

from .messages import render_conflict
from .model import (
    Assignment,
    Conflict,
    DateRange,
    FixedPair,
    Instance,
    Member,
    OnCallAssignment,
    Period,
    Person,
    Previous,
    Progress,
    Rota,
    Rules,
    Shift,
    Site,
    Solution,
    Weights,
    Window,
)
from .output import dumps, solution_to_dict
from .parse import InstanceError, parse_instance
from .search import solve

__all__ = [
    "Assignment",
    "Conflict",
    "DateRange",
    "FixedPair",
    "Instance",
    "InstanceError",
    "Member",
    "OnCallAssignment",
    "Period",
    "Person",
    "Previous",
    "Progress",
    "Rota",
    "Rules",
    "Shift",
    "Site",
    "Solution",
    "Weights",
    "Window",
    "dumps",
    "parse_instance",
    "render_conflict",
    "solution_to_dict",
    "solve",
]
