"""`coordo roster solve` without a database."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from coordo.planning.solver.cli import main

from .builders import instance, person, shift


def run(argv: list[str]) -> tuple[int, Any, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, json.loads(out.getvalue()) if out.getvalue() else None, err.getvalue()


def write(tmp_path: Path, document: dict) -> str:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_solve_writes_the_solution_to_stdout(tmp_path: Path):
    doc = instance([shift("m9", "mon", "09:00", "12:00")], [person("amal")])

    code, solution, messages = run(["solve", write(tmp_path, doc), "--time-limit", "5"])

    assert code == 0
    assert solution["status"] == "optimal"
    assert solution["assignments"] == [{"shift": "m9", "people": ["amal"]}]
    assert messages.splitlines()[-1].startswith("optimal: objective 0, bound 0")


def test_an_infeasible_instance_is_explained_in_the_chosen_language(tmp_path: Path):
    doc = instance([shift("m9", "mon", "09:00", "12:00", required=2)], [person("amal")])

    code, solution, messages = run(
        ["solve", write(tmp_path, doc), "--time-limit", "5", "--language", "fr"]
    )

    message = "lundi 2 mars 09:00–12:00 demande 2 personnes, mais une seule est disponible : amal."
    assert code == 0
    assert solution["status"] == "infeasible"
    assert solution["conflicts"][0]["code"] == "understaffed"
    assert solution["conflicts"][0]["message"] == message
    assert f"- {message}" in messages


def test_a_malformed_instance_exits_2_naming_each_field(tmp_path: Path):
    doc = instance(
        [shift("m9", "mon", "09:00", "12:00", required=0)], [person("amal", female=None)]
    )
    path = write(tmp_path, doc)

    code, solution, messages = run(["solve", path, "--time-limit", "5"])

    assert code == 2
    assert solution is None
    assert messages.splitlines() == [
        f"{path}: shifts[0].required: must be an integer >= 1",
        f"{path}: people[0].female: must be true or false",
    ]


def test_bad_arguments_and_unreadable_files_exit_2(tmp_path: Path):
    assert run(["solve", "x.json"])[0] == 2
    assert run(["solve", "x.json", "--time-limit", "0"])[0] == 2
    code, _, messages = run(["solve", str(tmp_path / "missing.json"), "--time-limit", "1"])
    assert code == 2
    assert "cannot read the file" in messages
