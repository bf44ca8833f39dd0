"""`coordo dispatch solve …`: JSON on stdout, messages on stderr, exit 2 when malformed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coordo.cli import main as coordo_main
from coordo.dispatch.optimiser.cli import main

from .builders import centre, document, household, person, unit


def _write(tmp_path: Path, doc: dict) -> str:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def _batch() -> dict:
    return document(
        [centre("C1", [unit("C1-D1", beds=4, free=1)], region="brussels")],
        [
            household("H1", [person(25, "F")], region="flanders", registered="2026-11-19"),
            household("H2"),
        ],
        name="cli",
    )


def test_solve_prints_the_solution(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["solve", _write(tmp_path, _batch()), "--time-limit", "5"]) == 0
    out, err = capsys.readouterr()
    solution = json.loads(out)
    assert solution["format"] == "coordo.dispatch-solution/1"
    assert (solution["instance"], solution["status"]) == ("cli", "optimal")
    assert solution["score"] == {"V": 0, "P": 1, "W": 4, "Q": 3}
    assert solution["unplaced"] == [
        {
            "household": "H2",
            "reason": "capacity",
            # Machine-readable: its one suitable unit went to H1, who waited longer.
            "why": {
                "kind": "unplaced",
                "reason": "capacity",
                "size": 1,
                "needs": [],
                "suitable_units": 1,
                "full": 0,
                "intake": 0,
                "taken": 1,
                "left": 0,
                "centres": ["C1"],
                "centre_count": 1,
                "closest": [],
                "largest_beds": None,
            },
        }
    ]
    facts = solution["placements"][0]["explanation"]["facts"]
    assert (facts["kind"], facts["unit"], facts["eligible_units"], facts["region"]) == (
        "placed",
        "C1-D1",
        1,
        "flanders",
    )
    assert solution["placements"][0]["explanation"]["text"].startswith("Single woman, 25: C1-D1")
    assert "optimal: V=0 P=1 W=4 Q=3, 1 placed, 1 unplaced" in err


def test_solve_speaks_the_requested_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    args = ["solve", _write(tmp_path, _batch()), "--time-limit", "5", "--language", "nl"]
    assert main(args) == 0
    text = json.loads(capsys.readouterr().out)["placements"][0]["explanation"]["text"]
    assert text.startswith("Alleenstaande vrouw, 25 jaar: C1-D1 (bed in slaapzaal) in C1")


def test_a_malformed_instance_exits_2_naming_each_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    doc = _batch()
    doc["households"][0]["members"][0]["sex"] = "?"
    doc["households"][1]["exclude_centres"] = ["NOPE"]
    path = _write(tmp_path, doc)
    assert main(["solve", path, "--time-limit", "5"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{path}: households[0].members[0].sex: must be one of F, M, X (got '?')",
        f"{path}: households[1].exclude_centres[0]: unknown centre 'NOPE'",
    ]


def test_unreadable_files_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["solve", str(tmp_path / "missing.json"), "--time-limit", "5"]) == 2
    assert "missing.json: cannot be read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["solve", str(bad), "--time-limit", "5"]) == 2
    assert "bad.json: not JSON (line 1" in capsys.readouterr().err


def test_the_coordo_command_dispatches_here(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    args = ["dispatch", "solve", _write(tmp_path, _batch()), "--time-limit", "5", "--workers", "1"]
    assert coordo_main(args) == 0
    assert json.loads(capsys.readouterr().out)["score"]["P"] == 1
