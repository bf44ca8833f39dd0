"""The shared example instances, judged by the reference validator in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coordo.planning.solver import dumps, parse_instance, solution_to_dict, solve

from .builders import shared_dir

EXAMPLES = shared_dir() / "formats" / "examples"
INSTANCES = sorted(
    p for p in EXAMPLES.glob("roster-*.json") if not p.name.endswith(".solution.json")
)


@pytest.mark.skipif(not INSTANCES, reason=f"no roster examples in {EXAMPLES} (set COORDO_SHARED)")
@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_the_reference_validator_accepts_the_solution_and_its_objective(path: Path, tmp_path: Path):
    solution = solve(parse_instance(json.loads(path.read_text(encoding="utf-8"))), time_limit=10)
    written = tmp_path / "solution.json"
    written.write_text(dumps(solution_to_dict(solution)), encoding="utf-8")

    checked = subprocess.run(  # noqa: S603 (our own interpreter on the shared validator)
        [sys.executable, str(shared_dir() / "formats" / "validate.py"), str(path), str(written)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stdout + checked.stderr
    score = json.loads(checked.stdout)
    assert score["objective"] == solution.objective
    assert score["objective_matches_reported"] is True
    assert solution.bound is not None
    assert solution.objective is not None
    assert solution.bound <= solution.objective
